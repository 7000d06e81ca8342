"""The portfolio pages: the generic suite, the seeded grants, the detail page with members
and rules, the tree, assignment's preview and confirmation, members by hand, moving accounts."""

import pytest
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.analytics.models import Portfolio, PortfolioMember, PortfolioMove
from clientela.analytics.portfolios.choices import MemberSource
from clientela.analytics.portfolios.services import portfolio_assign
from clientela.core.testing.factories import UserFactory, role
from clientela.core.testing.views import RecordViewTests
from clientela.users.models import RolePermission

from .portfolios_factories import PortfolioFactory

pytestmark = pytest.mark.django_db

NO_RULE_ROWS = {"rules-TOTAL_FORMS": "0", "rules-INITIAL_FORMS": "0"}
NORTH_A = [{"field": "pareto_class", "op": "eq", "value": "A"},
           {"field": "region", "op": "eq", "value": "North"}]


@pytest.fixture
def owner_scoped_grants(db):
    """Give sales reps the owner/team scopes the generic suite exercises.

    The seeded roles let every rep see every portfolio and change none; the generic suite
    checks the scopes themselves (own, team, other), so it runs on the customer modules'
    grants.
    """
    RolePermission.objects.filter(role__slug="sales-rep", module="portfolios").update(
        view="team", can_create=True, edit="own", delete="own", can_export=True)


@pytest.mark.usefixtures("owner_scoped_grants")
class TestPortfolioViews(RecordViewTests):
    model = Portfolio
    app = "analytics"
    module_slug = "portfolios"
    form_data = {"name": "Key accounts", "code": "1", "tier": "gold",
                 "approach": "relational", "is_active": True}
    edit_data = {"name": "Key accounts North", "tier": "vip"}
    invalid_data = {"code": "1." * 20}
    invalid_field = "code"
    bulk_edit_data = {"tier": "silver"}
    hidden_field = "description"
    hidden_value = "Customers we visit every month"
    extra_form_data = NO_RULE_ROWS

    @pytest.fixture
    def rep(self, db, team_east, manager):
        """The platform suites' rep: in team East with the teammate, reporting to manager."""
        return UserFactory(username="rep", role=role("sales-rep"), team=team_east,
                           manager=manager)


    def make(self, user, **fields):
        return PortfolioFactory(owner=user, description=self.hidden_value, **fields)


def rule_rows(*rows, stored: int = 0) -> dict:
    """Return the rule rows' form data; the first `stored` rows are the portfolio's rules."""
    data = {"rules-TOTAL_FORMS": str(len(rows)), "rules-INITIAL_FORMS": str(stored)}
    for index, (field, op, value) in enumerate(rows):
        data.update({f"rules-{index}-field": field, f"rules-{index}-op": op,
                     f"rules-{index}-value": value})
    return data


def form(manager, **extra) -> dict:
    return {"name": "North A", "code": "1.1", "approach": "relational", "owner": manager.pk,
            "is_active": "on", **extra}


def test_the_edit_form_saves_rules_from_rows(client, manager):
    client.force_login(manager)
    response = client.post(reverse("analytics:portfolio_add"), {
        **form(manager), **rule_rows(("pareto_class", "eq", "A"), ("region", "in", "North, South"),
                                     ("revenue", "gte", "10000"), ("is_key", "eq", "yes"))})
    assert response.status_code == 302
    portfolio = Portfolio.objects.get(code="1.1")
    assert portfolio.rules == [
        {"field": "pareto_class", "op": "eq", "value": "A"},
        {"field": "region", "op": "in", "value": ["North", "South"]},
        {"field": "revenue", "op": "gte", "value": 10000},
        {"field": "is_key", "op": "eq", "value": True},
    ]
    page = client.get(reverse("analytics:portfolio_edit", args=[portfolio.pk]))
    assert page.status_code == 200
    rows = page.context["formsets"][0][1]
    assert rows.initial[1] == {"field": "region", "op": "in", "value": "North, South"}
    assert "What a rule can test" in page.content.decode()


def test_the_empty_row_the_form_offers_is_left_out(client, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1", rules=NORTH_A)
    client.force_login(manager)
    page = client.get(reverse("analytics:portfolio_edit", args=[portfolio.pk]))
    rows = page.context["formsets"][0][1]
    assert rows.total_form_count() == 3
    assert '<option value="" selected>' in str(rows.forms[2]["field"])
    response = client.post(reverse("analytics:portfolio_edit", args=[portfolio.pk]), {
        **form(manager, name="North A", version=portfolio.version),
        **rule_rows(("pareto_class", "eq", "A"), ("region", "eq", "North"), ("", "", ""),
                    stored=2)})
    assert response.status_code == 302
    portfolio.refresh_from_db()
    assert portfolio.rules == NORTH_A


def test_a_half_filled_rule_row_is_refused(client, manager):
    client.force_login(manager)
    response = client.post(reverse("analytics:portfolio_add"), {
        **form(manager), **rule_rows(("", "eq", "A"), ("region", "", "North"))})
    assert response.status_code == 200
    rows = response.context["formsets"][0][1]
    assert rows.forms[0].errors["field"] == ["Choose the field the condition tests."]
    assert rows.forms[1].errors["op"] == ["Choose an operator."]
    assert not Portfolio.objects.exists()


def test_a_wrong_rule_row_is_shown_on_its_row_and_nothing_is_saved(client, manager):
    client.force_login(manager)
    response = client.post(reverse("analytics:portfolio_add"), {
        **form(manager), **rule_rows(("pareto_class", "eq", "A"), ("revenue", "gte", "lots"),
                                     ("region", "gte", "North"))})
    assert response.status_code == 200
    rows = response.context["formsets"][0][1]
    assert rows.forms[1].errors["value"] == ["Write a number, e.g. 10000 or 0.5."]
    assert rows.forms[2].errors["op"][0].startswith("Unknown operator 'gte' for region")
    assert not Portfolio.objects.exists()


def test_a_parent_cycle_is_refused_on_the_parent_field(client, manager):
    top = PortfolioFactory(owner=manager, code="1")
    child = PortfolioFactory(owner=manager, code="1.1", parent=top)
    client.force_login(manager)
    response = client.post(reverse("analytics:portfolio_edit", args=[top.pk]), {
        **form(manager, name=top.name, code="1", parent=child.pk, version=top.version),
        **NO_RULE_ROWS})
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    top.refresh_from_db()
    assert top.parent is None


def test_seeded_grants_let_reps_see_every_portfolio_and_change_none(client, manager, rep):
    portfolio = PortfolioFactory(owner=manager, code="1", rules=NORTH_A)
    client.force_login(rep)
    assert client.get(reverse("analytics:portfolio_list")).status_code == 200
    detail = client.get(reverse("analytics:portfolio", args=[portfolio.pk]))
    assert detail.status_code == 200
    assert [action.label for action in detail.context["actions"]] == []
    assert detail.context["member_form"] is None
    assert client.get(reverse("analytics:portfolio_edit", args=[portfolio.pk])).status_code == 403
    assert client.get(reverse("analytics:portfolio_add")).status_code == 403
    assert client.get(reverse("analytics:portfolio_assign", args=[portfolio.pk])
                      ).status_code == 403
    assert client.post(reverse("analytics:portfolio_assign", args=[portfolio.pk]),
                       {"token": "x" * 64}).status_code == 403
    assert client.get(reverse("analytics:portfolio_move")).status_code == 403


def test_the_module_lives_at_its_slug(client, manager):
    client.force_login(manager)
    assert client.get("/portfolios/").status_code == 200
    assert reverse("analytics:portfolio_list") == "/portfolios/"


def test_the_detail_page_shows_tree_rules_members_and_moves(
        client, finished_run, history_accounts, manager, teammate):
    top = PortfolioFactory(owner=manager, code="1", name="Key accounts")
    portfolio = PortfolioFactory(owner=teammate, actor=manager, code="1.1", name="North A",
                                 parent=top, tier="gold", rules=NORTH_A, assign_owner=True)
    PortfolioFactory(owner=manager, code="1.1.1", name="North A retail", parent=portfolio)
    PortfolioMember.objects.create(portfolio=portfolio, account=history_accounts[2],
                                   source=MemberSource.RULE)
    PortfolioMove.objects.create(portfolio=portfolio, account=history_accounts[2],
                                 from_owner=manager, to_owner=teammate, moved_by=manager)
    client.force_login(manager)
    response = client.get(reverse("analytics:portfolio", args=[portfolio.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 Key accounts" in content and "1.1.1 North A retail" in content
    assert "ABC class is A" in content and "Region is North" in content
    assert "Gold" in content
    [row] = response.context["members"].rows
    assert row.member.account == history_accounts[2]
    assert row.result.pareto_class == "A"
    assert [move.account for move in response.context["moves"]] == [history_accounts[2]]
    assert "Preview assignment" in [action.label for action in response.context["actions"]]


def test_the_tree_nests_portfolios_with_tiers_counts_and_owners(client, manager, rep,
                                                                history_accounts):
    top = PortfolioFactory(owner=manager, code="1", name="Key accounts", tier="vip")
    child = PortfolioFactory(owner=rep, actor=manager, code="1.1", name="North",
                             parent=top, tier="geographic")
    PortfolioFactory(owner=manager, code="2", name="Agencies", tier="agency")
    PortfolioMember.objects.create(portfolio=child, account=history_accounts[1])
    client.force_login(rep)
    response = client.get(reverse("analytics:portfolio_tree"))
    assert response.status_code == 200
    rows = [(node.portfolio.code, node.depth, node.members, badge)
            for node, badge in response.context["rows"]]
    assert rows == [("1", 0, 0, "text-bg-dark"), ("1.1", 1, 1, "text-bg-success"),
                    ("2", 0, 0, "text-bg-info")]
    content = response.content.decode()
    assert "Geographic" in content and str(rep) in content


def test_the_tree_has_an_empty_state(client, manager):
    client.force_login(manager)
    response = client.get(reverse("analytics:portfolio_tree"))
    assert "No portfolios yet." in response.content.decode()


def test_preview_page_then_confirm(client, finished_run, history_accounts, manager,
                                   teammate):
    portfolio = PortfolioFactory(owner=teammate, actor=manager, code="1.1", rules=NORTH_A,
                                 assign_owner=True)
    client.force_login(manager)
    url = reverse("analytics:portfolio_assign", args=[portfolio.pk])
    page = client.get(url)
    assert page.status_code == 200
    preview = page.context["preview"]
    joining = preview.joining
    assert joining and len(preview.owner_changes) == len(joining)
    content = page.content.decode()
    assert f'id="joining-count">{len(joining)}<' in content
    assert joining[0].name in content
    assert "Confirm" in content
    assert not PortfolioMember.objects.exists()  # a preview writes nothing

    response = client.post(url, {"token": preview.token}, follow=True)
    assert response.redirect_chain[-1][0] == portfolio.get_absolute_url()
    assert f"{len(joining)} joined, 0 left, {len(joining)} accounts moved" in (
        response.content.decode())
    assert PortfolioMember.objects.filter(portfolio=portfolio).count() == len(joining)
    assert set(Account.objects.filter(pk__in=[a.pk for a in joining]).values_list(
        "owner_id", flat=True)) == {teammate.pk}


def test_a_stale_confirmation_is_refused_with_a_message(client, finished_run,
                                                        history_accounts, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1", rules=NORTH_A)
    client.force_login(manager)
    url = reverse("analytics:portfolio_assign", args=[portfolio.pk])
    token = portfolio_assign(user=manager, portfolio=portfolio).token
    PortfolioMember.objects.create(portfolio=portfolio, account=history_accounts[30])
    response = client.post(url, {"token": token}, follow=True)
    assert "changed since the preview" in response.content.decode()
    assert PortfolioMember.objects.count() == 1


def test_preview_without_a_run_says_so(client, history_accounts, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1", rules=NORTH_A)
    client.force_login(manager)
    response = client.get(reverse("analytics:portfolio_assign", args=[portfolio.pk]),
                          follow=True)
    assert "no finished analysis run" in response.content.decode()


def test_members_are_added_and_removed_by_hand(client, history_accounts, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1")
    account = history_accounts[4]
    client.force_login(manager)
    client.post(reverse("analytics:portfolio_member_add", args=[portfolio.pk]),
                {"account": account.pk})
    assert PortfolioMember.objects.get(portfolio=portfolio).account == account
    client.post(reverse("analytics:portfolio_member_remove", args=[portfolio.pk, account.pk]))
    assert not PortfolioMember.objects.exists()


def test_moving_accounts_is_previewed_then_confirmed(client, history_accounts, manager,
                                                     teammate):
    client.force_login(manager)
    url = reverse("analytics:portfolio_move")
    assert client.get(url).status_code == 200
    chosen = {"accounts": [history_accounts[2].pk, history_accounts[4].pk],
              "to_owner": teammate.pk}
    preview = client.post(url, {**chosen, "preview": "1"})
    assert preview.status_code == 200
    token = preview.context["preview"].token
    assert "2 accounts change owner" in preview.content.decode()
    assert Account.objects.get(pk=history_accounts[2].pk).owner == manager
    done = client.post(url, {**chosen, "token": token, "confirm": "1"}, follow=True)
    assert "Moved 2 accounts" in done.content.decode()
    assert set(Account.objects.filter(pk__in=chosen["accounts"]).values_list(
        "owner_id", flat=True)) == {teammate.pk}
    assert PortfolioMove.objects.count() == 2


def test_deleting_a_rule_row_removes_the_condition(client, manager):
    portfolio = PortfolioFactory(owner=manager, code="1.1", rules=NORTH_A)
    client.force_login(manager)
    data = {**form(manager, name="North A", version=portfolio.version),
            **rule_rows(("pareto_class", "eq", "A"), ("region", "eq", "North"), stored=2),
            "rules-1-DELETE": "on"}
    assert client.post(reverse("analytics:portfolio_edit", args=[portfolio.pk]),
                       data).status_code == 302
    portfolio.refresh_from_db()
    assert portfolio.rules == NORTH_A[:1]


def test_the_account_page_lists_its_portfolios(client, history_accounts, manager, reader):
    account = history_accounts[2]
    portfolio = PortfolioFactory(owner=manager, code="1.1", name="North A", tier="gold")
    PortfolioFactory(owner=manager, code="2", name="Elsewhere")
    PortfolioMember.objects.create(portfolio=portfolio, account=account,
                                   source=MemberSource.RULE)
    client.force_login(manager)
    page = client.get(account.get_absolute_url())
    panels = dict(page.context["added_panels"])
    memberships = panels["analytics/_portfolio_account_panel.html"]["memberships"]
    assert [membership.portfolio for membership in memberships] == [portfolio]
    assert "1.1 North A" in page.content.decode()
    # A role that does not open portfolios does not get the section.
    RolePermission.objects.filter(role=reader.role, module="portfolios").delete()
    client.force_login(reader)
    page = client.get(account.get_absolute_url())
    assert "analytics/_portfolio_account_panel.html" not in dict(page.context["added_panels"])


def test_removing_an_account_the_editor_may_not_see_is_404_and_names_nobody(
        client, history_accounts, manager):
    from clientela.accounts.tests.factories import AccountFactory
    from clientela.core.testing.factories import TeamFactory

    stranger = UserFactory(username="stranger", role=role("sales-rep"),
                           team=TeamFactory(name="South"))
    hidden = AccountFactory(owner=stranger, name="Hidden customer")
    editor = UserFactory(username="editor", role=role("sales-rep"),
                         team=TeamFactory(name="North"))
    RolePermission.objects.filter(role=editor.role, module="portfolios").update(edit="all")
    portfolio = PortfolioFactory(owner=manager, code="7")
    PortfolioMember.objects.create(portfolio=portfolio, account=hidden)
    client.force_login(editor)
    response = client.post(reverse("analytics:portfolio_member_remove",
                                   args=[portfolio.pk, hidden.pk]))
    assert response.status_code == 404
    assert PortfolioMember.objects.filter(portfolio=portfolio, account=hidden).exists()
