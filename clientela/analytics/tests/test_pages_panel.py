"""The analytics panel of an account's (and its contacts') page: the latest classes explained,
the path over runs with what changed, only for viewers with analytics access, in few queries."""

from decimal import Decimal

import pytest
from django.utils.html import escape

from clientela.analytics.models import CustomerResult
from clientela.analytics.selectors.panel import account_panel
from clientela.analytics.selectors.results import may_view_analytics
from clientela.analytics.services import run_execute, run_start
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.factories import UserFactory, role
from clientela.users.models import User

from .conftest import AS_OF

pytestmark = pytest.mark.django_db

BCG_NAMES = {"star": "a Star", "cash_cow": "a Cash cow", "question_mark": "a Question mark",
             "dog": "a Dog"}


def account_page(client, account) -> str:
    response = client.get(account.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_manager_sees_the_latest_classes_explained(client, manager, finished_run,
                                                       history_accounts):
    result = CustomerResult.objects.get(run=finished_run, account=history_accounts[1])
    client.force_login(manager)
    page = account_page(client, history_accounts[1])
    assert 'data-panel="analytics"' in page
    assert "Class A" in page
    assert "among the customers bringing the first 80 % of revenue" in page
    assert escape(result.get_rfm_segment_display()) in page
    assert escape(result.get_bcg_quadrant_display()) in page
    # One run: no path table and no change yet.
    assert 'data-figure="path"' not in page
    assert 'data-figure="change"' not in page


def test_a_service_agent_sees_no_panel(client, finished_run, history_accounts):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    page = account_page(client, history_accounts[1])
    assert 'data-panel="analytics"' not in page
    assert account_panel(user=agent, account=history_accounts[1]) is None


def test_an_account_without_results_shows_the_empty_state(client, manager, history_accounts):
    client.force_login(manager)
    page = account_page(client, history_accounts[1])
    assert 'data-figure="no-results"' in page


def test_after_two_runs_the_path_shows_the_change(client, manager, finished_run,
                                                  history_accounts):
    account = history_accounts[25]
    before = CustomerResult.objects.get(run=finished_run, account=account)
    # Its whole yearly spend in our category is ours: the largest share there is.
    account.category_spend = before.revenue
    account.save()
    second = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    after = CustomerResult.objects.get(run=second, account=account)
    assert after.share_of_wallet == 1.0 and not after.share_estimated
    assert after.bcg_quadrant != before.bcg_quadrant

    client.force_login(manager)
    page = account_page(client, account)
    sentence = (f"Was {BCG_NAMES[before.bcg_quadrant]}, now {BCG_NAMES[after.bcg_quadrant]} "
                "in the BCG matrix.")
    assert sentence in page
    assert 'data-figure="path"' in page
    panel = account_panel(user=manager, account=account)
    assert [run.pk for run, _names in panel["path"]] == [second.pk, finished_run.pk]
    assert [names["bcg"] for _run, names in panel["path"]] == [
        after.get_bcg_quadrant_display(), before.get_bcg_quadrant_display()]


def test_the_panel_takes_at_most_four_queries(manager, finished_run, history_accounts,
                                              django_assert_max_num_queries):
    user = User.objects.get(pk=manager.pk)
    # The page has read the viewer's grants before it asks for its panels.
    assert may_view_analytics(user)
    with django_assert_max_num_queries(4):
        panel = account_panel(user=user, account=history_accounts[1])
        assert panel["latest"].revenue > Decimal(0)


def test_a_contact_shows_its_accounts_panel(client, manager, finished_run, history_accounts):
    contact = ContactFactory(first_name="Ana", last_name="Ruiz", owner=manager,
                             account=history_accounts[2])
    loose = ContactFactory(first_name="Bo", last_name="Lind", owner=manager)
    client.force_login(manager)
    page = client.get(contact.get_absolute_url()).content.decode()
    assert "The classes of the contact's account, Customer 02" in page
    assert 'data-panel="analytics"' not in client.get(loose.get_absolute_url()).content.decode()


def test_a_rep_sees_no_panel_on_an_account_of_another_team(client, finished_run,
                                                           history_accounts):
    outsider = UserFactory(username="outsider", role=role("sales-rep"))
    assert account_panel(user=outsider, account=history_accounts[2])["latest"] is None
