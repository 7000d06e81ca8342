"""The account and contact lists filtered by the latest run's classes: API, pages and exports,
as far as the caller may see analytics."""

import pytest

from clientela.accounts.models import Account
from clientela.analytics.models import CustomerResult
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.jobs.exporting import export_queryset
from clientela.core.testing.api import api_client
from clientela.core.testing.factories import UserFactory, role
from clientela.users.models import RolePermission

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(db):
    """Sees the accounts, not their analytics."""
    return UserFactory(username="agent", role=role("service-agent"))


def classed(run, **classes) -> set[int]:
    return set(CustomerResult.objects.filter(run=run, **classes)
               .values_list("account_id", flat=True))


def listed_ids(user, url: str, params: dict) -> set[int]:
    response = api_client(user).get(url, {**params, "page_size": 100})
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_the_accounts_api_keeps_the_accounts_of_a_class(finished_run, manager):
    class_a = classed(finished_run, pareto_class="A")
    assert 0 < len(class_a) < 30
    assert listed_ids(manager, "/api/v1/accounts/", {"analytics__pareto_class": "A"}) == class_a
    dogs = classed(finished_run, bcg_quadrant="dog")
    assert listed_ids(manager, "/api/v1/accounts/",
                      {"analytics__bcg_quadrant": "dog"}) == dogs


def test_a_rep_filters_only_the_accounts_whose_analytics_they_see(finished_run, rep,
                                                                   history_accounts):
    own = {account.pk for number, account in history_accounts.items() if number % 2}
    class_a = classed(finished_run, pareto_class="A")
    assert class_a - own, "some class A customers belong to the manager"
    assert listed_ids(rep, "/api/v1/accounts/",
                      {"analytics__pareto_class": "A"}) == class_a & own


def test_contacts_are_filtered_by_their_primary_accounts_class(finished_run, manager,
                                                               history_accounts):
    first, last = history_accounts[1], history_accounts[30]
    buyer = ContactFactory(owner=manager, account=first)
    ContactFactory(owner=manager, account=last)
    quadrant = CustomerResult.objects.get(run=finished_run, account=first).loyalty_quadrant
    segment = CustomerResult.objects.get(run=finished_run, account=first).rfm_segment
    assert CustomerResult.objects.get(run=finished_run, account=last).rfm_segment != segment
    assert listed_ids(manager, "/api/v1/contacts/",
                      {"analytics__rfm_segment": segment}) == {buyer.pk}
    assert quadrant == ""  # no survey answer: in no loyalty quadrant
    assert listed_ids(manager, "/api/v1/contacts/",
                      {"analytics__loyalty_quadrant": "loyal"}) == set()


def test_without_analytics_access_the_filter_is_unknown(finished_run, agent):
    response = api_client(agent).get("/api/v1/accounts/", {"analytics__pareto_class": "A"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"analytics__pareto_class": ["Unknown filter."]}


def test_a_wrong_class_is_a_400_naming_the_filter(finished_run, manager):
    response = api_client(manager).get("/api/v1/accounts/", {"analytics__pareto_class": "Z"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["analytics__pareto_class"]


def test_before_any_run_a_class_matches_no_account(history_accounts, manager):
    assert listed_ids(manager, "/api/v1/accounts/", {"analytics__is_key": "false"}) == set()


def test_the_account_page_offers_the_filters_and_applies_them(finished_run, manager, client,
                                                              agent):
    client.force_login(manager)
    response = client.get("/accounts/", {"analytics__pareto_class": "A", "page_size": 100})
    assert response.status_code == 200
    shown = {account.pk for account in response.context["page"].object_list}
    assert shown == classed(finished_run, pareto_class="A")
    panel = client.get("/accounts/", {"analytics__pareto_class": "A", "_panel": "filters"})
    assert '<option value="A" selected>' in panel.content.decode()
    assert 'name="analytics__rfm_segment"' in panel.content.decode()

    client.force_login(agent)
    panel = client.get("/accounts/", {"_panel": "filters"})
    assert panel.status_code == 200
    assert 'name="account_type"' in panel.content.decode()
    assert 'name="analytics__pareto_class"' not in panel.content.decode()


def test_an_export_keeps_the_lists_analytics_filter(finished_run, manager, agent):
    exported = export_queryset(Account, manager, "analytics__pareto_class=A")
    assert set(exported.values_list("pk", flat=True)) == classed(finished_run, pareto_class="A")
    # Someone without analytics cannot narrow an export by a class they may not see.
    RolePermission.objects.filter(role=agent.role, module="accounts").update(can_export=True)
    everything = Account.objects.restrict(agent, "export").count()
    assert everything > len(classed(finished_run, pareto_class="A"))
    assert export_queryset(Account, agent, "analytics__pareto_class=A").count() == everything
