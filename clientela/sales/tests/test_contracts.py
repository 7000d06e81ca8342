"""Contracts: the generic page and API suites, their rules, documents and the renewal run."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Contract, ContractDocument, Currency
from clientela.sales.services.contracts import contract_renewal_reminders
from clientela.sales.tests.factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


class TestContractViews(RecordViewTests):
    model = Contract
    app = "sales"
    module_slug = "contracts"
    form_data = {"name": "Support 2026", "status": "active", "start_date": "2026-01-01",
                 "end_date": "2026-12-31", "value": "9000.00", "currency": "EUR",
                 "reminder_days": "30"}
    edit_data = {"name": "Support 2026 (extended)", "end_date": "2027-03-31"}
    invalid_data = {"value": "-1"}
    invalid_field = "value"
    bulk_edit_data = {"status": "terminated"}
    hidden_field = "notes"
    hidden_value = "Penalty clause waived"

    @pytest.fixture(autouse=True)
    def account(self, rep):
        self.extra_form_data = {"account": AccountFactory(owner=rep).pk}

    def make(self, user, **fields):
        return ContractFactory(owner=user, notes=self.hidden_value, **fields)


class TestContractAPI(RecordAPITests):
    url = "/api/v1/contracts/"
    factory = ContractFactory
    update_payload = {"name": "Renamed contract", "reminder_days": 45}
    wrong_types = ({"value": "lots"}, "value")
    hidden_field = "notes"

    @pytest.fixture(autouse=True)
    def payload(self, rep):
        self.valid_payload = {
            "name": "Maintenance", "account": AccountFactory(owner=rep).pk,
            "start_date": "2026-02-01", "end_date": "2027-01-31", "value": "4800.00",
            "currency": "usd", "status": "active", "tags": ["renewal"],
        }


def contract_payload(rep, **changes):
    return {"name": "Maintenance", "account": AccountFactory(owner=rep).pk,
            "start_date": "2026-02-01", "end_date": "2027-01-31", "value": "4800.00",
            "currency": "EUR", **changes}


def test_api_create_upper_cases_the_currency_and_defaults_the_reminder(rep):
    response = api_client(rep).post("/api/v1/contracts/", contract_payload(rep, currency="usd"),
                                    format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["currency"], body["reminder_days"], body["status"], body["documents"]) == (
        "USD", 30, "draft", [])


@pytest.mark.parametrize(("changes", "field"), [
    ({"end_date": "2026-01-31"}, "end_date"),
    ({"currency": "XYZ"}, "currency"),
    ({"value": "-5"}, "value"),
    ({"status": "signed"}, "status"),
    ({"reminder_days": 400}, "reminder_days"),
    ({"start_date": "yesterday"}, "start_date"),
    ({"account": None}, "account"),
])
def test_bad_input_is_400_naming_the_field_and_writes_nothing(rep, changes, field):
    response = api_client(rep).post("/api/v1/contracts/", contract_payload(rep, **changes),
                                    format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Contract.all_objects.count() == 0


def test_an_inactive_currency_is_refused_for_new_contracts_but_kept_on_old_ones(rep):
    contract = ContractFactory(owner=rep, currency="PLN")
    Currency.objects.filter(pk="PLN").update(is_active=False)
    client = api_client(rep)
    response = client.post("/api/v1/contracts/", contract_payload(rep, currency="PLN"),
                           format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["currency"])
    response = client.patch(f"/api/v1/contracts/{contract.pk}/", {"name": "Still PLN"},
                            format="json")
    assert response.status_code == 200, response.json()


def test_an_end_before_the_start_is_an_error_on_end_date_on_the_page(client, rep):
    client.force_login(rep)
    response = client.post(reverse("sales:contract_add"), {
        **TestContractViews.form_data, "account": AccountFactory(owner=rep).pk,
        "owner": rep.pk, "end_date": "2025-12-31"})
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not Contract.objects.exists()


def test_the_account_page_lists_its_visible_contracts(client, rep, outsider):
    account = AccountFactory(owner=rep, name="Globex")
    ContractFactory(owner=rep, account=account, name="Visible support")
    ContractFactory(owner=outsider, account=account, name="Hidden licence")
    client.force_login(rep)
    page = client.get(account.get_absolute_url()).content.decode()
    assert "Visible support" in page
    assert "Hidden licence" not in page


def test_search_finds_contracts_by_account_name(rep):
    ContractFactory(owner=rep, name="Support", account=AccountFactory(owner=rep, name="Initech"))
    response = api_client(rep).get("/api/v1/search/", {"q": "Initech"})
    assert ("contracts", "Support") in {
        (item["module"], item["label"]) for item in response.json()["results"]}


def test_seeded_grants_open_contracts_as_opportunities(rep, teammate, outsider, reader):
    ContractFactory(owner=teammate, name="Team's")
    ContractFactory(owner=outsider, name="Other team's")
    names = {item["name"] for item in api_client(rep).get("/api/v1/contracts/").json()["results"]}
    assert names == {"Team's"}
    assert api_client(reader).get("/api/v1/contracts/").json()["count"] == 2
    response = api_client(reader).post("/api/v1/contracts/", contract_payload(rep),
                                       format="json")
    assert response.status_code == 403


# Documents

def upload(client, contract, content=b"%PDF-1.4 signed", name="Signed copy"):
    return client.post(reverse("sales:contract_document_add", args=[contract.pk]), {
        "name": name, "file": SimpleUploadedFile("signed.pdf", content, "application/pdf")})


def test_uploading_attaches_the_file_and_the_detail_page_lists_it(client, rep):
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    response = upload(client, contract)
    assert response.status_code == 302
    document = ContractDocument.objects.get()
    assert (document.contract, document.name, document.size, document.uploaded_by) == (
        contract, "Signed copy", 15, rep)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Signed copy" in page
    assert contract.get_absolute_url() + f"documents/{document.pk}/" in page
    download = client.get(reverse("sales:contract_document", args=[contract.pk, document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"
    assert "attachment" in download["Content-Disposition"]


def test_a_file_over_the_limit_is_refused_on_its_field_and_nothing_is_stored(
        client, rep, settings, media):
    settings.CONTRACT_DOCUMENT_MAX_SIZE = 10
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    response = upload(client, contract, content=b"x" * 11)
    assert response.status_code == 400
    assert "larger than 10" in response.context["form"].errors["file"][0]
    assert not ContractDocument.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_an_empty_file_is_refused(client, rep):
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    response = upload(client, contract, content=b"")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ContractDocument.objects.exists()


def test_documents_follow_the_contracts_permissions(client, rep, teammate, outsider):
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    upload(client, contract)
    document = ContractDocument.objects.get()
    url = reverse("sales:contract_document", args=[contract.pk, document.pk])
    client.force_login(teammate)
    assert client.get(url).status_code == 200
    assert upload(client, contract).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert ContractDocument.objects.count() == 1


def test_removing_a_document_deletes_the_row_and_its_file(
        client, rep, django_capture_on_commit_callbacks):
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    upload(client, contract)
    document = ContractDocument.objects.get()
    storage, stored = document.file.storage, document.file.name
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sales:contract_document",
                                       args=[contract.pk, document.pk]))
    assert response.status_code == 302
    assert not ContractDocument.objects.exists()
    assert not storage.exists(stored)


def test_the_api_lists_a_contracts_documents(client, rep):
    contract = ContractFactory(owner=rep)
    client.force_login(rep)
    upload(client, contract)
    body = api_client(rep).get(f"/api/v1/contracts/{contract.pk}/").json()
    [document] = body["documents"]
    assert (document["name"], document["size"], document["uploaded_by"]) == (
        "Signed copy", 15, rep.pk)
    assert document["id"] == ContractDocument.objects.get().pk


# The daily renewal run

@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def call(today):
        with django_capture_on_commit_callbacks(execute=True):
            return contract_renewal_reminders(today=today)

    return call


def test_a_reminder_goes_to_the_owner_once_when_its_day_is_reached(rep, run, mailoutbox):
    contract = ContractFactory(owner=rep, name="Hosting", renewal_date=datetime.date(2026, 6, 30),
                               reminder_days=10, end_date=datetime.date(2026, 12, 31))
    assert run(datetime.date(2026, 6, 19)).reminded == []
    assert run(datetime.date(2026, 6, 20)).reminded == [contract.pk]
    assert run(datetime.date(2026, 6, 21)).reminded == []
    assert len(mailoutbox) == 1
    [mail] = mailoutbox
    assert mail.to == [rep.email]
    assert "Hosting" in mail.subject and "2026-06-30" in mail.subject
    assert "12,000.00\xa0EUR" in mail.body
    contract.refresh_from_db()
    assert contract.reminder_sent_for == datetime.date(2026, 6, 30)


def test_a_new_renewal_date_gets_its_own_reminder(rep, run, mailoutbox):
    contract = ContractFactory(owner=rep, renewal_date=datetime.date(2026, 6, 30))
    run(datetime.date(2026, 6, 1))
    contract.refresh_from_db()
    contract.renewal_date = datetime.date(2026, 9, 30)
    contract.stamp(rep).save()
    assert run(datetime.date(2026, 9, 1)).reminded == [contract.pk]
    assert len(mailoutbox) == 2


def test_only_active_contracts_with_a_renewal_date_ahead_are_reminded(rep, run, mailoutbox):
    ContractFactory(owner=rep, status="draft", renewal_date=datetime.date(2026, 6, 30))
    ContractFactory(owner=rep, status="terminated", renewal_date=datetime.date(2026, 6, 30))
    ContractFactory(owner=rep, renewal_date=None)
    ContractFactory(owner=rep, renewal_date=datetime.date(2026, 5, 31))
    assert run(datetime.date(2026, 6, 15)).reminded == []
    assert mailoutbox == []


def test_contracts_whose_end_date_passed_become_expired_with_a_change_log(rep, run):
    from clientela.core.models import ObjectChange

    ended = ContractFactory(owner=rep, end_date=datetime.date(2026, 3, 31))
    ending_today = ContractFactory(owner=rep, end_date=datetime.date(2026, 4, 1))
    draft = ContractFactory(owner=rep, status="draft", end_date=datetime.date(2026, 3, 31))
    assert run(datetime.date(2026, 4, 1)).expired == [ended.pk]
    statuses = dict(Contract.objects.values_list("pk", "status"))
    assert statuses == {ended.pk: "expired", ending_today.pk: "active", draft.pk: "draft"}
    change = ObjectChange.objects.filter(object_id=ended.pk).latest("id")
    assert change.changes["status"] == ["active", "expired"]


def test_the_task_runs_the_service_and_is_scheduled_daily(rep, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    from celery.schedules import crontab

    from clientela.config.celery import app
    from clientela.sales.tasks import contract_renewal_reminders_task

    ContractFactory(owner=rep, end_date=datetime.date(2020, 1, 31))
    with django_capture_on_commit_callbacks(execute=True):
        assert contract_renewal_reminders_task.delay().get() == {"reminded": 0, "expired": 1}
    entry = app.conf.beat_schedule["sales.contract_renewal_reminders"]
    assert entry["task"] == contract_renewal_reminders_task.name
    assert entry["schedule"] == crontab(hour=6, minute=0)

