"""The portfolios API: the generic suite, rules refused naming the condition, assignment's
preview and confirmation (409 when stale), and the members with their classes."""

import pytest

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.analytics.models import Portfolio, PortfolioMember, PortfolioMove
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.core.testing.factories import TeamFactory, UserFactory, role
from clientela.users.models import RolePermission

from .portfolios_factories import PortfolioFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/portfolios/"
NORTH_A = [{"field": "pareto_class", "op": "eq", "value": "A"},
           {"field": "region", "op": "eq", "value": "North"}]


@pytest.fixture
def owner_scoped_grants(db):
    """Run the generic suite on the customer modules' scopes (see test_portfolios_views)."""
    RolePermission.objects.filter(role__slug="sales-rep", module="portfolios").update(
        view="team", can_create=True, edit="own", delete="own")


@pytest.mark.usefixtures("owner_scoped_grants")
class TestPortfolioAPI(RecordAPITests):
    url = URL
    factory = PortfolioFactory
    valid_payload = {"name": "Key accounts", "code": "1", "tier": "gold",
                     "rules": [{"field": "pareto_class", "op": "eq", "value": "A"}]}
    update_payload = {"name": "Key accounts North", "tier": "vip"}
    wrong_types = ({"assign_owner": "sometimes"}, "assign_owner")
    hidden_field = "description"

    @pytest.fixture
    def rep(self, db, team_east, manager):
        """The platform suites' rep: in team East with the teammate, reporting to manager."""
        return UserFactory(username="rep", role=role("sales-rep"), team=team_east,
                           manager=manager)


    def new_payload(self, index: int) -> dict:
        return {**self.valid_payload, "code": f"1.{index}"}


def test_wrong_rules_are_400_naming_the_condition(manager):
    response = api_client(manager).post(URL, {
        "name": "Bad", "code": "7",
        "rules": [{"field": "pareto_class", "op": "eq", "value": "A"},
                  {"field": "revenue", "op": "gte", "value": "lots"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["rules"] == ["Condition 2 (revenue): Give a number."]
    assert not Portfolio.objects.exists()


def test_a_rep_reads_portfolios_and_cannot_write_or_assign(manager, rep, history_accounts):
    portfolio = PortfolioFactory(owner=manager, code="1", rules=NORTH_A)
    client = api_client(rep)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [portfolio.pk]
    assert client.post(URL, {"name": "Mine", "code": "2"}, format="json").status_code == 403
    assert client.patch(f"{URL}{portfolio.pk}/", {"name": "X"},
                        format="json").status_code == 403
    assert client.post(f"{URL}{portfolio.pk}/assign/", {"confirm": False},
                       format="json").status_code == 403


def test_assign_previews_then_applies_and_refuses_a_stale_token(
        finished_run, history_accounts, manager, teammate):
    portfolio = PortfolioFactory(owner=teammate, actor=manager, code="1.1", rules=NORTH_A,
                                 assign_owner=True)
    client = api_client(manager)
    url = f"{URL}{portfolio.pk}/assign/"
    preview = client.post(url, {"confirm": False}, format="json")
    assert preview.status_code == 200
    body = preview.json()
    joining = [row["id"] for row in body["joining"]]
    assert body["run"] == finished_run.pk and body["as_of"] == "2026-11-30"
    assert body["counts"] == {"joining": len(joining), "leaving": 0, "staying": 0,
                              "owner_changes": len(joining)}
    assert {row["to_owner"] for row in body["owner_changes"]} == {teammate.pk}
    assert not PortfolioMember.objects.exists()

    missing = client.post(url, {"confirm": True}, format="json")
    assert missing.status_code == 400 and list(missing.json()["errors"]) == ["token"]

    stale = client.post(url, {"confirm": True, "token": "0" * 64}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_preview"
    assert not PortfolioMember.objects.exists()

    applied = client.post(url, {"confirm": True, "token": body["token"]}, format="json")
    assert applied.status_code == 200
    assert applied.json()["joined"] == len(joining)
    assert sorted(move["account"] for move in applied.json()["moves"]) == sorted(joining)
    assert set(Account.objects.filter(pk__in=joining).values_list("owner_id", flat=True)) == {
        teammate.pk}
    assert PortfolioMove.objects.count() == len(joining)

    again = client.post(url, {"confirm": True, "token": body["token"]}, format="json")
    assert again.status_code == 409


def test_assign_without_a_run_is_400(history_accounts, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1", rules=NORTH_A)
    response = api_client(manager).post(f"{URL}{portfolio.pk}/assign/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "no_run"


def test_members_lists_visible_members_with_their_classes(finished_run, history_accounts,
                                                          manager, rep):
    portfolio = PortfolioFactory(owner=manager, code="1.1")
    stranger = UserFactory(username="stranger", role=role("sales-rep"),
                           team=TeamFactory(name="South"))
    west = AccountFactory(owner=stranger, name="South customer")  # not in the rep's team
    for account in (history_accounts[1], west):
        PortfolioMember.objects.create(portfolio=portfolio, account=account)
    body = api_client(manager).get(f"{URL}{portfolio.pk}/members/").json()
    assert body["count"] == 2 and body["run"] == finished_run.pk
    first = body["results"][0]
    assert first["account"]["id"] == history_accounts[1].pk
    assert first["source"] == "manual"
    assert first["classes"]["pareto_class"] == "A"
    # A rep sees the members whose accounts they may see.
    mine = api_client(rep).get(f"{URL}{portfolio.pk}/members/").json()
    assert [row["account"]["id"] for row in mine["results"]] == [history_accounts[1].pk]
