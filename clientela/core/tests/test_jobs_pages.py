"""The import wizard and the job page, as a signed-in user sees them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clientela.accounts.models import Account
from clientela.core.jobs.models import Job

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name="accounts.csv"):
    return client.post("/import/accounts/", {"file": SimpleUploadedFile(name, data)})


def test_upload_then_mapping_then_the_job_page_reports_the_created_records(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    response = upload(client, b"Company,Town\nAlpha,Madrid\n")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/map/"
    page = client.get(response.url)
    assert b"Company" in page.content and b"Town" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/jobs/{job.pk}/map/", {"column_0": "name", "column_1": "billing_city"}
        )
    assert response.url == f"/jobs/{job.pk}/"
    assert list(Account.objects.values_list("name", "billing_city")) == [("Alpha", "Madrid")]
    assert b"1 record created." in client.get(response.url).content


def test_mapping_two_columns_to_one_field_is_refused(client, manager):
    client.force_login(manager)
    upload(client, b"a,b\nx,y\n")
    job = Job.objects.get()
    response = client.post(f"/jobs/{job.pk}/map/", {"column_0": "name", "column_1": "name"})
    assert b"Each field can take only one column" in response.content
    assert Account.objects.count() == 0


def test_an_unreadable_file_is_reported_on_the_upload_form(client, manager):
    client.force_login(manager)
    response = upload(client, b"")
    assert response.status_code == 200
    assert Job.objects.count() == 0


def test_import_page_is_refused_without_the_grant_and_jobs_are_private(client, rep, manager):
    client.force_login(rep)
    assert (
        client.post(
            "/import/accounts/", {"file": SimpleUploadedFile("a.csv", b"name\nA\n")}
        ).status_code
        == 403
    )
    client.force_login(manager)
    upload(client, b"name\nA\n")
    client.force_login(rep)
    assert client.get(f"/jobs/{Job.objects.get().pk}/").status_code == 404
