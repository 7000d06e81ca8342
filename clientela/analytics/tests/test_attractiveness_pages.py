"""The attractiveness in pages: the account page's panel and its form, the administrators'
settings and criteria pages, and the ranking page's figures after a run."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.analytics.models import (
    AnalyticsSettings,
    AttractivenessCriterion,
    AttractivenessScore,
    CustomerResult,
)
from clientela.core.testing.factories import TeamFactory, UserFactory, role

from .conftest import AS_OF, finish

pytestmark = pytest.mark.django_db

RANKING = "/analytics/attractiveness/"
SETTINGS = "/analytics/settings/"
CRITERIA = "/analytics/criteria/"


def criteria() -> dict[str, AttractivenessCriterion]:
    return {row.name: row for row in AttractivenessCriterion.objects.all()}


def account_page(account) -> str:
    return reverse("accounts:account", args=[account.pk])


def scoring_url(account) -> str:
    return f"/analytics/accounts/{account.pk}/attractiveness/"


def quintile(value: float, values: list[float]) -> int:
    """1 + ⌊5 × mid-rank share⌋ (those strictly lower plus half of those equal), the run's
    rule written out."""
    below = sum(other < value for other in values)
    equal = sum(other == value for other in values)
    return min(5, 1 + 5 * (2 * below + equal) // (2 * len(values)))


def data_scores_by_hand(run, account) -> dict[str, int]:
    """The scores the run's stored figures give the account's data criteria."""
    rows = list(CustomerResult.objects.filter(run=run).values_list(
        "account_id", "revenue", "margin", "growth"))
    mine = next(row for row in rows if row[0] == account.pk)
    buyers = [row for row in rows if row[1] > 0]
    growing = [row[3] for row in rows if row[3] is not None]
    return {
        "current_volume": quintile(float(mine[1]), [float(row[1]) for row in buyers])
        if mine[1] > 0 else 0,
        "profit_margin": quintile(float(mine[2] / mine[1]),
                                  [float(row[2] / row[1]) for row in buyers])
        if mine[1] > 0 else 0,
        "demand_growth": quintile(mine[3], growing) if mine[3] is not None else 0,
    }


def by_hand(scores: dict[str, int]) -> float | None:
    """The weighted total of criteria (by name) with their score, over the seeded weights."""
    weights = {name: row.weight for name, row in criteria().items()
               if row.is_active and row.weight}
    scored = {name: score for name, score in scores.items() if score and name in weights}
    if 2 * sum(weights[name] for name in scored) < sum(weights.values()):
        return None
    return 100 * sum(weights[name] * score for name, score in scored.items()) / (
        5 * sum(weights[name] for name in scored))


def score(account, user, **by_name):
    """Store scores by hand, criteria named as identifiers (`long_term_supply=3`)."""
    named = {name.lower().replace(" ", "_").replace("-", "_"): row
             for name, row in criteria().items()}
    for name, value in by_name.items():
        AttractivenessScore.objects.create(account=account, criterion=named[name],
                                           score=value, scored_by=user)


@pytest.fixture
def service_agent(db):
    return UserFactory(username="agent", role=role("service-agent"))


@pytest.fixture
def stranger(db):
    """A sales rep alone in a team of their own: sees none of the thirty customers."""
    return UserFactory(username="stranger", role=role("sales-rep"),
                       team=TeamFactory(name="South"))


# The account page's panel


def panel_of(response) -> dict | None:
    """Return the attractiveness panel's context on a record page (None: not shown)."""
    return dict(response.context["added_panels"]).get("analytics/_attractiveness_panel.html")


def test_the_panel_shows_each_criterion_from_a_rep_the_data_or_nobody(
        client, manager, rep, finished_run, history_accounts):
    account = history_accounts[2]
    score(account, rep, sales_potential=2, market_image=1, financial_strength=2,
          current_volume=5)
    client.force_login(manager)
    response = client.get(account_page(account))
    assert response.status_code == 200
    panel = panel_of(response)
    rows = {item.criterion.name: (item.score, item.from_data)
            for item in panel["scoring"].criteria}
    data = data_scores_by_hand(finished_run, account)
    assert rows == {
        "Sales potential": (2, False), "Current volume": (5, False),
        "Demand growth": (data["demand_growth"], bool(data["demand_growth"])),
        "Profit margin": (data["profit_margin"], True), "Market image": (1, False),
        "Long-term supply": (0, False), "Supply exclusivity": (0, False),
        "Financial strength": (2, False), "Technology orientation": (0, False),
        "Logistic alignment": (0, False),
    }
    expected = by_hand({"Sales potential": 2, "Current volume": 5, "Market image": 1,
                        "Financial strength": 2, "Demand growth": data["demand_growth"],
                        "Profit margin": data["profit_margin"]})
    assert panel["scoring"].attractiveness == pytest.approx(expected)
    assert panel["scoring"].is_key is (expected > 50)
    body = response.content.decode()
    assert f"{round(expected)}</strong> / 100" in body
    assert "from data" in body and "not scored" in body
    assert f'action="{scoring_url(account)}"' in body  # the manager may edit every account


def test_the_panel_follows_the_current_bar(client, manager, rep, finished_run,
                                           history_accounts):
    account = history_accounts[1]
    score(account, rep, sales_potential=3, market_image=3, long_term_supply=3,
          supply_exclusivity=3, financial_strength=3, technology_orientation=3,
          logistic_alignment=3, current_volume=3, demand_growth=3, profit_margin=3)
    client.force_login(manager)
    assert panel_of(client.get(account_page(account)))["scoring"].attractiveness == 60.0
    assert panel_of(client.get(account_page(account)))["scoring"].is_key is True
    AnalyticsSettings.objects.filter(pk=AnalyticsSettings.load().pk).update(key_account_bar=60)
    assert panel_of(client.get(account_page(account)))["scoring"].is_key is False


def test_a_rep_gets_the_form_on_an_own_account(client, rep, finished_run, history_accounts):
    client.force_login(rep)
    body = client.get(account_page(history_accounts[1])).content.decode()
    assert f'action="{scoring_url(history_accounts[1])}"' in body
    named = criteria()
    assert f'name="criterion_{named["Sales potential"].pk}"' in body
    assert f'<label for="attractiveness_criterion_{named["Sales potential"].pk}">' in body


def test_a_reader_sees_the_scores_without_a_form(client, reader, finished_run,
                                                 history_accounts):
    client.force_login(reader)
    response = client.get(account_page(history_accounts[1]))
    assert panel_of(response)["form"] is None
    assert scoring_url(history_accounts[1]) not in response.content.decode()


def test_a_service_agent_sees_no_panel(client, service_agent, finished_run, history_accounts):
    client.force_login(service_agent)
    response = client.get(account_page(history_accounts[1]))
    assert response.status_code == 200
    assert not panel_of(response)
    assert 'id="attractiveness"' not in response.content.decode()


def test_before_any_run_the_data_scores_nothing(client, manager, history_accounts):
    client.force_login(manager)
    panel = panel_of(client.get(account_page(history_accounts[1])))
    assert all(item.score == 0 for item in panel["scoring"].criteria)
    assert panel["scoring"].attractiveness is None


# The scoring form


def test_posting_scores_saves_them_and_goes_back_to_the_account(client, rep, history_accounts):
    account = history_accounts[1]
    named = criteria()
    client.force_login(rep)
    response = client.post(scoring_url(account), {
        f"criterion_{named['Sales potential'].pk}": "4",
        f"criterion_{named['Market image'].pk}": "2",
        f"criterion_{named['Current volume'].pk}": "",
    }, follow=True)
    assert response.redirect_chain == [(account_page(account) + "#attractiveness", 302)]
    assert "were saved" in response.content.decode()
    assert {(row.criterion.name, row.score, row.scored_by) for row in
            AttractivenessScore.objects.filter(account=account)} == {
        ("Sales potential", 4, rep), ("Market image", 2, rep)}
    panel = panel_of(response)
    assert {item.criterion.name: item.score for item in panel["scoring"].criteria
            }["Sales potential"] == 4


def test_posting_dash_clears_a_score(client, rep, history_accounts):
    account = history_accounts[1]
    score(account, rep, sales_potential=4, market_image=2)
    named = criteria()
    client.force_login(rep)
    response = client.post(scoring_url(account), {
        f"criterion_{named['Sales potential'].pk}": "",
        f"criterion_{named['Market image'].pk}": "2",
    })
    assert response.status_code == 302
    assert list(AttractivenessScore.objects.filter(account=account).values_list(
        "criterion__name", "score")) == [("Market image", 2)]


def test_a_bad_score_shows_the_form_with_the_error_and_saves_nothing(client, rep,
                                                                     history_accounts):
    account = history_accounts[1]
    named = criteria()
    client.force_login(rep)
    response = client.post(scoring_url(account), {
        f"criterion_{named['Sales potential'].pk}": "4",
        f"criterion_{named['Market image'].pk}": "9",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert f'id="attractiveness_criterion_{named["Market image"].pk}_error"' in body
    assert not AttractivenessScore.objects.exists()


def test_scoring_an_account_the_user_may_not_see_is_not_found(client, stranger,
                                                              history_accounts):
    client.force_login(stranger)
    named = criteria()
    response = client.post(scoring_url(history_accounts[1]),
                           {f"criterion_{named['Sales potential'].pk}": "4"})
    assert response.status_code == 404
    assert client.get(scoring_url(history_accounts[1])).status_code == 404
    assert not AttractivenessScore.objects.exists()


@pytest.mark.parametrize("who", ["reader", "service_agent"])
def test_scoring_a_visible_account_without_the_right_to_edit_it_is_forbidden(
        request, client, who, history_accounts):
    client.force_login(request.getfixturevalue(who))
    named = criteria()
    response = client.post(scoring_url(history_accounts[2]),
                           {f"criterion_{named['Sales potential'].pk}": "4"})
    assert response.status_code == 403
    assert not AttractivenessScore.objects.exists()


def test_a_rep_may_not_score_a_colleagues_account_they_see(client, rep):
    colleague = UserFactory(username="colleague", role=role("sales-rep"), team=rep.team)
    account = AccountFactory(owner=colleague, name="Colleague's customer")
    client.force_login(rep)  # sees the team's accounts, edits only their own
    assert client.get(account_page(account)).status_code == 200
    response = client.post(scoring_url(account),
                           {f"criterion_{criteria()['Sales potential'].pk}": "4"})
    assert response.status_code == 403
    assert not AttractivenessScore.objects.exists()


def test_the_scoring_page_opens_for_an_editor(client, rep, history_accounts):
    client.force_login(rep)
    response = client.get(scoring_url(history_accounts[1]))
    assert response.status_code == 200
    assert "Attractiveness of Customer 01" in response.content.decode()


# The administrators' pages


@pytest.mark.parametrize("url", [SETTINGS, CRITERIA, CRITERIA + "new/"])
def test_the_admin_pages_are_for_administrators(client, admin_user, manager, url):
    client.force_login(manager)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def settings_form(**changes) -> dict:
    data = {"period_months": 12, "value_basis": "revenue", "class_a_cutoff": "0.800",
            "class_b_cutoff": "0.950", "horizon_months": 36, "annual_discount_rate": "0.100",
            "expected_lifetime_years": "5.0", "hourly_rate": "50.00",
            "growth_threshold": "", "share_threshold": "", "key_account_bar": 50,
            "nightly": "on"}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_settings_form_saves(client, admin_user):
    client.force_login(admin_user)
    response = client.post(SETTINGS, settings_form(key_account_bar=65, nightly=None,
                                                   growth_threshold="0.05"))
    assert response.status_code == 302
    stored = AnalyticsSettings.load()
    assert (stored.key_account_bar, stored.nightly, stored.growth_threshold) == (
        65, False, Decimal("0.050"))


def test_the_settings_form_shows_a_class_b_cut_off_below_a_inline(client, admin_user):
    client.force_login(admin_user)
    response = client.post(SETTINGS, settings_form(class_a_cutoff="0.9",
                                                   class_b_cutoff="0.85",
                                                   key_account_bar=70))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_class_b_cutoff_error"' in body
    assert "must be above the class A cut-off" in body
    assert AnalyticsSettings.load().key_account_bar == 50


def test_the_settings_form_shows_every_error_inline_at_once(client, admin_user):
    client.force_login(admin_user)
    response = client.post(SETTINGS, settings_form(key_account_bar=120, period_months="x",
                                                   class_b_cutoff="0.7"))
    assert response.status_code == 400
    body = response.content.decode()
    for field in ("key_account_bar", "period_months", "class_b_cutoff"):
        assert f'id="id_{field}_error"' in body, field
    assert AnalyticsSettings.load().key_account_bar == 50


def test_the_criteria_list_shows_weights_and_scored_accounts(client, admin_user, rep,
                                                             history_accounts):
    score(history_accounts[1], rep, market_image=3)
    client.force_login(admin_user)
    response = client.get(CRITERIA)
    rows = {row.name: (row.weight, row.scored) for row in response.context["criteria"]}
    assert list(rows)[:3] == ["Sales potential", "Current volume", "Demand growth"]
    assert rows["Market image"] == (2, 1)
    assert rows["Sales potential"] == (4, 0)
    assert response.context["total_weight"] == 25


def test_an_administrator_adds_edits_and_deletes_a_criterion(client, admin_user):
    client.force_login(admin_user)
    response = client.post(CRITERIA + "new/", {
        "name": "Fit", "description": "Strategic fit.", "weight": "3", "source": "manual",
        "position": "12", "is_active": "on"})
    assert response.status_code == 302
    added = AttractivenessCriterion.objects.get(name="Fit")
    assert (added.weight, added.position, added.is_active) == (3, 12, True)
    response = client.post(f"{CRITERIA}{added.pk}/", {
        "name": "Strategic fit", "description": "", "weight": "1", "source": "manual",
        "position": "12"})
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.name, added.weight, added.is_active) == ("Strategic fit", 1, False)
    assert client.get(f"{CRITERIA}{added.pk}/delete/").status_code == 200
    assert client.post(f"{CRITERIA}{added.pk}/delete/").status_code == 302
    assert not AttractivenessCriterion.objects.filter(pk=added.pk).exists()


def test_a_bad_criterion_is_shown_with_its_errors(client, admin_user):
    client.force_login(admin_user)
    response = client.post(CRITERIA + "new/", {
        "name": "Market image", "weight": "7", "source": "manual", "position": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_weight_error"' in body and 'id="id_name_error"' in body
    assert AttractivenessCriterion.objects.count() == 10


def test_the_criteria_pages_are_registered_admin_tabs(client, admin_user):
    client.force_login(admin_user)
    body = client.get(CRITERIA).content.decode()
    assert f'href="{SETTINGS}"' in body and f'href="{CRITERIA}"' in body


# The ranking page


@pytest.fixture
def scored_run(history_accounts, manager, rep):
    """Customer 1 (the rep's) scored on every criterion, customer 2 (the manager's) on three
    by hand, then a run."""
    score(history_accounts[1], rep, sales_potential=5, current_volume=4, demand_growth=3,
          profit_margin=5, market_image=4, long_term_supply=3, supply_exclusivity=2,
          financial_strength=5, technology_orientation=1, logistic_alignment=2)
    score(history_accounts[2], manager, sales_potential=2, market_image=1,
          financial_strength=2)
    from clientela.analytics.services import run_start

    run = finish(run_start(user=manager, as_of=AS_OF))
    assert run.status == "succeeded", run.error
    return run


def test_a_run_gives_the_weighted_total_of_the_scores(scored_run, history_accounts):
    first = CustomerResult.objects.get(run=scored_run, account=history_accounts[1])
    # (4·5 + 3·4 + 3·3 + 4·5 + 2·4 + 2·3 + 2·2 + 3·5 + 1·1 + 1·2) / (5 · 25)
    assert first.attractiveness == pytest.approx(100 * 97 / 125)
    assert first.is_key is True
    second = CustomerResult.objects.get(run=scored_run, account=history_accounts[2])
    data = data_scores_by_hand(scored_run, history_accounts[2])
    expected = by_hand({"Sales potential": 2, "Market image": 1, "Financial strength": 2,
                        "Current volume": data["current_volume"],
                        "Demand growth": data["demand_growth"],
                        "Profit margin": data["profit_margin"]})
    assert second.attractiveness == pytest.approx(expected)
    assert second.is_key is (expected > 50)
    # Nobody scored the others by hand: the data's three criteria carry 10 of 25 points.
    assert CustomerResult.objects.filter(run=scored_run).exclude(
        attractiveness=None).count() == 2


def test_the_ranking_page_shows_the_figures_of_the_run(client, manager, scored_run,
                                                       history_accounts):
    client.force_login(manager)
    response = client.get(RANKING)
    assert response.status_code == 200
    figures = response.context["figures"]
    results = CustomerResult.objects.filter(run=scored_run)
    key_accounts = results.filter(is_key=True).count()
    assert (figures.customers, figures.scored, figures.key_accounts, figures.bar) == (
        30, 2, key_accounts, 50.0)
    top = sorted(results.exclude(attractiveness=None), key=lambda row: -row.attractiveness)
    assert [(name, value) for name, value, _key in figures.top] == [
        (row.account.name, row.attractiveness) for row in top]
    chart = response.context["chart"]
    assert chart["bar"] == 50.0 and chart["accounts"][0]["name"] == "Customer 01"
    assert [row.name for row in figures.criteria][:2] == ["Sales potential", "Current volume"]
    assert figures.total_weight == 25
    body = response.content.decode()
    assert f'data-figure="key_accounts">{key_accounts}<' in body
    rows = response.context["rows"]
    assert rows[0][0].account == history_accounts[1]
    assert {column.key: value for column, value in rows[0][1]}["scored_criteria"] == 10


def test_a_rep_ranks_only_the_accounts_they_may_see(client, stranger, scored_run):
    client.force_login(stranger)
    response = client.get(RANKING)
    figures = response.context["figures"]
    assert (figures.customers, figures.scored, figures.key_accounts, figures.top) == (
        0, 0, 0, [])
    assert 'data-figure="no-scores"' in response.content.decode()


def test_the_ranking_downloads_as_csv(client, manager, scored_run, history_accounts):
    client.force_login(manager)
    response = client.get(RANKING + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(
        "utf-8-sig") if response.streaming else response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Customer", "Attractiveness", "Key account", "Revenue", "Margin",
                       "Criteria scored by hand"]
    assert rows[1][0] == "Customer 01" and rows[1][2] == "Yes" and rows[1][5] == "10"
    assert float(rows[1][1]) == pytest.approx(100 * 97 / 125)
    assert len(rows) == 31


def test_the_ranking_page_without_a_run_or_access(client, manager, service_agent):
    client.force_login(manager)
    response = client.get(RANKING)
    assert response.status_code == 200
    assert "No analysis has been run yet." in response.content.decode()
    client.force_login(service_agent)
    assert client.get(RANKING).status_code == 403


def test_nonsense_parameters_do_not_break_the_ranking(client, manager, scored_run):
    client.force_login(manager)
    assert client.get(RANKING + "?sort=-nothing&page=x&run=abc&owner=zz").status_code == 200


def test_the_panel_reads_a_handful_of_queries(rf, manager, finished_run, history_accounts,
                                              django_assert_max_num_queries):
    from clientela.analytics.views.attractiveness import attractiveness_panel

    request = rf.get("/")
    request.user = manager
    attractiveness_panel(request, history_accounts[3])  # the viewer's grants are loaded
    # The reach of the viewer's analytics, the latest run, the data's scores of the account,
    # the criteria, the account's scores, the settings, the right to edit.
    with django_assert_max_num_queries(7):
        panel = attractiveness_panel(request, history_accounts[4])
    assert panel["form"] is not None
