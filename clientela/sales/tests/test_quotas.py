"""Quotas: the generic page and API suites, their rules, the period picker and the grants."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.core.testing.api import RecordAPITests, api_client
from clientela.core.testing.factories import UserFactory, role
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Quota
from clientela.sales.tests.factories import QuotaFactory
from clientela.users.models import RolePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_scoped_grants(db):
    """Give sales reps the owner/team scopes the generic suites exercise.

    The seeded grants let reps only see quotas; the generic suites check creating and
    editing within the scopes themselves, so they run against the customer modules' grants.
    """
    RolePermission.objects.filter(role__slug="sales-rep", module="quotas").update(
        view="team", can_create=True, edit="own", delete="own", can_export=True,
    )
    RolePermission.objects.create(role=role("read-only"), module="quotas", can_access=True,
                                  view="all")


@pytest.mark.usefixtures("owner_scoped_grants")
class TestQuotaViews(RecordViewTests):
    model = Quota
    app = "sales"
    module_slug = "quotas"
    form_data = {"period": "2026-Q4", "amount": "150000.00"}
    edit_data = {"period": "2026-11", "amount": "60000.00"}
    invalid_data = {"amount": "-1"}
    invalid_field = "amount"
    bulk_edit_data = {"amount": "42000.00"}
    hidden_field = "notes"
    hidden_value = "Stretch target agreed with the board"

    @pytest.fixture(autouse=True)
    def subject(self, rep):
        self.extra_form_data = {"user": rep.pk}

    def make(self, user, **fields):
        return QuotaFactory(owner=user, notes=self.hidden_value, **fields)


@pytest.mark.usefixtures("owner_scoped_grants")
class TestQuotaAPI(RecordAPITests):
    url = "/api/v1/quotas/"
    factory = QuotaFactory
    update_payload = {"amount": "61000.00"}
    wrong_types = ({"amount": "lots"}, "amount")
    hidden_field = "notes"

    @pytest.fixture(autouse=True)
    def payload(self, rep):
        self.rep = rep
        self.valid_payload = {"user": rep.pk, "period_kind": "quarter",
                              "period_start": "2026-10-01", "amount": "150000.00"}

    def new_payload(self, index):
        return {"user": self.rep.pk, "period_kind": "month",
                "period_start": datetime.date(2000 + index // 12, index % 12 + 1, 1).isoformat(),
                "amount": "1000.00"}


def quota_payload(rep, **changes):
    return {"user": rep.pk, "period_kind": "month", "period_start": "2026-11-01",
            "amount": "50000.00", **changes}


@pytest.mark.parametrize(("changes", "field"), [
    ({"period_start": "2026-11-15"}, "period_start"),
    ({"period_kind": "quarter", "period_start": "2026-11-01"}, "period_start"),
    ({"period_kind": "year"}, "period_kind"),
    ({"amount": "-5"}, "amount"),
    ({"user": None}, "user"),
])
def test_bad_quota_input_is_400_naming_the_field_and_writes_nothing(admin_user, rep, changes,
                                                                    field):
    response = api_client(admin_user).post("/api/v1/quotas/", quota_payload(rep, **changes),
                                           format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["errors"]) == [field]
    assert Quota.all_objects.count() == 0


def test_a_quota_for_both_a_user_and_a_team_is_refused(admin_user, rep, team_east):
    response = api_client(admin_user).post(
        "/api/v1/quotas/", quota_payload(rep, sales_team=team_east.pk), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["sales_team"]
    assert Quota.all_objects.count() == 0


def test_a_second_quota_for_the_same_subject_and_period_is_refused(admin_user, rep):
    client = api_client(admin_user)
    assert client.post("/api/v1/quotas/", quota_payload(rep), format="json").status_code == 201
    response = client.post("/api/v1/quotas/", quota_payload(rep, amount="1.00"), format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["period_start"]
    # The quarter starting the same day is another quota.
    response = client.post("/api/v1/quotas/", quota_payload(
        rep, period_kind="quarter", period_start="2026-10-01"), format="json")
    assert response.status_code == 201


def test_a_quota_follows_its_subject_for_owner_and_team(admin_user, rep, team_east, team_west):
    client = api_client(admin_user)
    body = client.post("/api/v1/quotas/", quota_payload(rep), format="json").json()
    assert (body["owner"], body["team"], body["period"]) == (rep.pk, team_east.pk, "2026-11")
    body = client.post("/api/v1/quotas/", {
        "sales_team": team_west.pk, "period_kind": "quarter", "period_start": "2026-10-01",
        "amount": "300000.00"}, format="json").json()
    assert (body["owner"], body["team"], body["period"]) == (admin_user.pk, team_west.pk,
                                                             "2026-Q4")


def test_the_page_picks_the_period_as_a_month_or_a_quarter(client, manager, rep):
    client.force_login(manager)
    response = client.get(reverse("sales:quota_add"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="2026-Q4"' in content or "Q4" in content
    response = client.post(reverse("sales:quota_add"), {
        "user": rep.pk, "period": "2026-Q3", "amount": "90000"})
    assert response.status_code == 302, response.context["form"].errors
    quota = Quota.objects.get()
    assert (quota.period_kind, quota.period_start, quota.amount) == (
        "quarter", datetime.date(2026, 7, 1), Decimal("90000.00"))
    response = client.post(reverse("sales:quota_add"), {
        "user": rep.pk, "period": "2026-Q3", "amount": "1"})
    assert list(response.context["form"].errors) == ["period"]
    response = client.post(reverse("sales:quota_add"), {"period": "2026-08", "amount": "1"})
    assert list(response.context["form"].errors) == ["user"]
    response = client.post(reverse("sales:quota_add"), {
        "user": rep.pk, "period": "2026-13", "amount": "1"})
    assert list(response.context["form"].errors) == ["period"]
    assert Quota.objects.count() == 1


def test_seeded_grants_let_reps_see_their_team_quotas_and_change_none(rep, teammate, outsider,
                                                                       manager, team_east):
    own, theirs = QuotaFactory(owner=rep), QuotaFactory(owner=teammate)
    other = QuotaFactory(owner=outsider)
    team_quota = QuotaFactory(owner=manager, user=None, sales_team=team_east)
    client = api_client(rep)
    listed = {item["id"] for item in client.get("/api/v1/quotas/").json()["results"]}
    assert listed == {own.pk, theirs.pk, team_quota.pk}
    assert client.get(f"/api/v1/quotas/{other.pk}/").status_code == 404
    assert client.patch(f"/api/v1/quotas/{own.pk}/", {"amount": "1.00"},
                        format="json").status_code == 403
    assert client.post("/api/v1/quotas/", quota_payload(rep), format="json").status_code == 403
    reader = UserFactory(username="marketer", role=role("marketing"))
    assert api_client(reader).get("/api/v1/quotas/").status_code == 403
    manager_list = api_client(manager).get("/api/v1/quotas/").json()
    assert manager_list["count"] == 4
