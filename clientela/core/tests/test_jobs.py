"""Export and import jobs: permissions, filters, field security, all-or-nothing imports."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from clientela.accounts.models import Account
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.jobs.models import JobStatus
from clientela.core.jobs.services import job_export_start, job_import_start
from clientela.core.models import ObjectChange
from clientela.users.models import FieldPermission, RolePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run the job it queues as its transaction commits, as a worker would."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def make_account(user, name, **fields):
    account = Account(name=name, **fields).stamp(user)
    account.save()
    return account


def read_csv(job):
    job.refresh_from_db()
    with job.output_file.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode("utf-8-sig"))))


def test_export_contains_only_what_the_user_may_see(rep, teammate, outsider, run):
    make_account(rep, "Mine", phone="111")
    make_account(teammate, "Teammate's")
    make_account(outsider, "Elsewhere")
    job = run(job_export_start, user=rep, module="accounts", file_format="csv")
    rows = read_csv(job)
    assert job.status == JobStatus.SUCCEEDED
    assert sorted(row["name"] for row in rows) == ["Mine", "Teammate's"]
    assert {row["phone"] for row in rows if row["name"] == "Mine"} == {"111"}


def test_export_leaves_out_fields_the_role_hides(rep, run):
    make_account(rep, "Mine", annual_revenue=1000)
    FieldPermission.objects.create(
        role=rep.role, module="accounts", field="annual_revenue", access="hidden"
    )
    rows = read_csv(run(job_export_start, user=rep, module="accounts"))
    assert "annual_revenue" not in rows[0]


def test_export_to_excel_has_a_header_and_one_row_per_record(rep, run):
    make_account(rep, "Mine")
    job = run(job_export_start, user=rep, module="accounts", file_format="xlsx")
    job.refresh_from_db()
    with job.output_file.open("rb") as handle:
        sheet = load_workbook(handle).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][rows[0].index("name")] == "name"
    assert [row[rows[0].index("name")] for row in rows[1:]] == ["Mine"]


def test_export_without_the_grant_is_refused(reader, run):
    with pytest.raises(PermissionDeniedError):
        run(job_export_start, user=reader, module="accounts")


def test_import_creates_every_row_with_the_user_as_owner(manager, run):
    data = b"Name,Type,Phone,tags\nAlpha,Customer,123,vip\nBeta,prospect,456,\n"
    job = run(job_import_start, user=manager, module="accounts", name="a.csv", data=data)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.errors
    alpha = Account.objects.get(name="Alpha")
    assert (alpha.account_type, alpha.phone, alpha.owner) == ("customer", "123", manager)
    assert list(alpha.tags.values_list("name", flat=True)) == ["vip"]
    assert ObjectChange.objects.filter(action="create").count() == 2


def test_import_with_one_bad_row_writes_nothing_and_names_row_and_field(manager, run):
    data = "name,email,account_type\nAlpha,a@example.com,customer\nBeta,not-an-email,alien\n"
    job = run(job_import_start, user=manager, module="accounts", name="a.csv", data=data.encode())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert {(error["row"], error["field"]) for error in job.errors} == {
        (3, "email"),
        (3, "account_type"),
    }
    assert Account.objects.count() == 0


def test_import_reads_excel_and_semicolon_csv(manager, run):
    workbook = Workbook()
    workbook.active.append(["name", "city"])
    workbook.active.append(["Łódź Sp. z o.o.", "Łódź"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run(
        job_import_start,
        user=manager,
        module="accounts",
        name="a.xlsx",
        data=buffer.getvalue(),
        mapping={"name": "name", "city": "billing_city"},
    )
    run(
        job_import_start,
        user=manager,
        module="accounts",
        name="b.csv",
        data="name;billing_city\n北京贸易有限公司;北京\n".encode(),
    )
    assert set(Account.objects.values_list("name", "billing_city")) == {
        ("Łódź Sp. z o.o.", "Łódź"),
        ("北京贸易有限公司", "北京"),
    }


def test_import_of_an_unreadable_file_is_refused_at_once(manager, run):
    with pytest.raises(ApplicationError) as refused:
        run(
            job_import_start, user=manager, module="accounts", name="a.csv", data=b"\xff\xfe\x00bad"
        )
    assert refused.value.field == "file"
    with pytest.raises(ApplicationError):
        run(job_import_start, user=manager, module="accounts", name="a.csv", data=b"")


def test_import_refuses_parent_ids_the_user_may_not_see(rep, outsider, run):
    RolePermission.objects.filter(role=rep.role, module="accounts").update(can_import=True)
    hidden = make_account(outsider, "Not yours")
    data = f"name,parent\nChild,{hidden.pk}\n".encode()
    job = run(job_import_start, user=rep, module="accounts", name="a.csv", data=data)
    job.refresh_from_db()
    assert [(e["row"], e["field"]) for e in job.errors] == [(2, "parent")]
    assert not Account.objects.filter(name="Child").exists()


def test_import_needs_the_import_grant(rep, run):
    with pytest.raises(PermissionDeniedError):
        run(job_import_start, user=rep, module="accounts", name="a.csv", data=b"name\nA\n")
