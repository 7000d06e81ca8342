"""Assigning portfolios by their rules, members by hand, and moving accounts between owners."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from clientela.accounts.models import Account
from clientela.analytics.models import PortfolioMember, PortfolioMove
from clientela.analytics.portfolios.choices import MemberSource
from clientela.analytics.portfolios.selectors import portfolio_account_ids
from clientela.analytics.portfolios.services import (
    StalePreviewError,
    accounts_move,
    accounts_move_confirm,
    portfolio_assign,
    portfolio_assign_confirm,
    portfolio_member_add,
    portfolio_member_remove,
)
from clientela.analytics.services import run_start
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.core.signals import record_changed

from .conftest import AS_OF, CUSTOMERS, finish, order_dates, order_value
from .portfolios_factories import PortfolioFactory

pytestmark = pytest.mark.django_db

NORTH_A = [{"field": "pareto_class", "op": "eq", "value": "A"},
           {"field": "region", "op": "eq", "value": "North"}]


def class_a_numbers() -> set[int]:
    """Return the customers whose revenue of the last 12 months brings the first 80 %, the
    one crossing 80 % included, worked out from the order history itself."""
    period_start = datetime.date(2025, 12, 1)
    revenue = {number: order_value(number) * len(
        [day for day in order_dates(number) if day >= period_start])
        for number in range(1, CUSTOMERS + 1)}
    total = sum(revenue.values())
    ranked = sorted(revenue, key=lambda number: -revenue[number])
    picked, running = set(), Decimal(0)
    for number in ranked:
        picked.add(number)
        running += revenue[number]
        if running / total >= Decimal("0.8"):
            break
    # A tie at the cut would make the class depend on the ranking's tie-break.
    assert revenue[number] != revenue[ranked[len(picked)]]
    return picked


def north_a(history_accounts) -> list[Account]:
    # Even-numbered customers are in the North (and owned by the manager).
    numbers = sorted(number for number in class_a_numbers() if number % 2 == 0)
    return sorted((history_accounts[number] for number in numbers), key=lambda a: a.name)


def owner_changes_logged(account) -> list[ObjectChange]:
    return list(ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Account), object_id=account.pk,
        action=ObjectChange.Action.UPDATE, changes__has_key="owner"))


@pytest.fixture
def north_portfolio(manager, teammate):
    """Portfolio 1.1, owned by `teammate`, giving its members' accounts to its owner."""
    return PortfolioFactory(owner=teammate, actor=manager, code="1.1", name="North A",
                            rules=NORTH_A, assign_owner=True)


def test_rules_pick_exactly_the_customers_that_meet_every_condition(
        finished_run, history_accounts, manager, north_portfolio):
    expected = north_a(history_accounts)
    assert expected  # the fixture's company has North A customers
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    assert preview.run == finished_run
    assert preview.joining == expected
    assert preview.leaving == [] and preview.staying == []


def test_confirming_applies_members_owners_change_log_and_moves(
        finished_run, history_accounts, manager, teammate, north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    expected = north_a(history_accounts)
    assert [change.account for change in preview.owner_changes] == expected
    assert {change.from_owner for change in preview.owner_changes} == {manager}

    result = portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                                      preview_token=preview.token)

    assert result.joined == len(expected) and result.left == 0
    members = PortfolioMember.objects.filter(portfolio=north_portfolio)
    assert {member.account_id for member in members} == {account.pk for account in expected}
    assert {member.source for member in members} == {MemberSource.RULE}
    assert {member.added_by for member in members} == {manager}
    for account in expected:
        account.refresh_from_db()
        assert account.owner == teammate
        [change] = owner_changes_logged(account)
        assert change.user == manager
        assert change.changes["owner"] == [manager.pk, teammate.pk]
    moves = PortfolioMove.objects.filter(portfolio=north_portfolio)
    assert sorted(move.account_id for move in moves) == sorted(a.pk for a in expected)
    assert {(move.from_owner, move.to_owner, move.moved_by, move.run) for move in moves} == {
        (manager, teammate, manager, finished_run)}
    # Assigned again, nothing is left to change.
    again = portfolio_assign(user=manager, portfolio=north_portfolio)
    assert not again.changes_anything
    assert again.staying == expected


def test_without_assign_owner_no_owner_changes(finished_run, history_accounts, manager,
                                               teammate):
    portfolio = PortfolioFactory(owner=teammate, actor=manager, code="1.2", rules=NORTH_A)
    preview = portfolio_assign(user=manager, portfolio=portfolio)
    assert preview.owner_changes == []
    portfolio_assign_confirm(user=manager, portfolio=portfolio, preview_token=preview.token)
    assert {account.owner_id for account in Account.objects.filter(
        pk__in=[a.pk for a in preview.joining])} == {manager.pk}
    assert not PortfolioMove.objects.exists()


def test_reassigning_after_a_rule_change_moves_rule_members_out_and_keeps_manual_ones(
        finished_run, history_accounts, manager):
    portfolio = PortfolioFactory(owner=manager, code="2", rules=NORTH_A)
    first = portfolio_assign(user=manager, portfolio=portfolio)
    portfolio_assign_confirm(user=manager, portfolio=portfolio, preview_token=first.token)
    manual = history_accounts[CUSTOMERS]  # lapsed: no rule picks it
    portfolio_member_add(user=manager, portfolio=portfolio, account=manual)

    portfolio.rules = [{"field": "pareto_class", "op": "eq", "value": "A"},
                       {"field": "region", "op": "eq", "value": "South"}]
    portfolio.stamp(manager)
    portfolio.full_clean()
    portfolio.save()
    preview = portfolio_assign(user=manager, portfolio=portfolio)
    south = sorted((history_accounts[number] for number in class_a_numbers() if number % 2),
                   key=lambda account: account.name)
    assert preview.joining == south
    assert preview.leaving == first.joining
    assert preview.staying == [manual]
    portfolio_assign_confirm(user=manager, portfolio=portfolio, preview_token=preview.token)
    assert set(PortfolioMember.objects.filter(portfolio=portfolio).values_list(
        "account_id", "source")) == {
        *((account.pk, MemberSource.RULE) for account in south),
        (manual.pk, MemberSource.MANUAL)}


def test_a_stale_preview_is_refused_and_nothing_is_written(
        finished_run, history_accounts, manager, north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    # The membership changes between the preview and the confirmation.
    portfolio_member_add(user=manager, portfolio=north_portfolio,
                         account=preview.joining[0])
    with pytest.raises(StalePreviewError) as error:
        portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                                 preview_token=preview.token)
    assert error.value.status_code == 409
    assert PortfolioMember.objects.filter(portfolio=north_portfolio).count() == 1
    assert not PortfolioMove.objects.exists()
    assert {account.owner_id for account in preview.joining} == {manager.pk}


def test_a_newer_run_makes_the_preview_stale(finished_run, history_accounts, manager,
                                             north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    finish(run_start(user=manager, as_of=AS_OF))
    with pytest.raises(StalePreviewError):
        portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                                 preview_token=preview.token)
    assert not PortfolioMember.objects.exists()


def test_a_failure_half_way_writes_nothing(finished_run, history_accounts, manager,
                                           north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    failing = preview.owner_changes[1].account

    def refuse(sender, instance, **kwargs):
        if sender is Account and instance.pk == failing.pk:
            raise ApplicationError("This account is locked.")

    record_changed.connect(refuse, weak=False)
    try:
        with pytest.raises(ApplicationError, match="locked"):
            portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                                     preview_token=preview.token)
    finally:
        record_changed.disconnect(refuse)
    assert not PortfolioMember.objects.exists()
    assert not PortfolioMove.objects.exists()
    first = preview.owner_changes[0].account
    first.refresh_from_db()
    assert first.owner == manager
    assert owner_changes_logged(first) == []


def test_a_rep_may_not_assign(finished_run, history_accounts, rep, north_portfolio):
    with pytest.raises(PermissionDeniedError):
        portfolio_assign(user=rep, portfolio=north_portfolio)
    preview = portfolio_assign(user=north_portfolio.created_by, portfolio=north_portfolio)
    with pytest.raises(PermissionDeniedError):
        portfolio_assign_confirm(user=rep, portfolio=north_portfolio,
                                 preview_token=preview.token)
    assert not PortfolioMember.objects.exists()


def test_assignment_needs_rules_and_a_run(history_accounts, manager, north_portfolio):
    with pytest.raises(ApplicationError, match="no finished analysis run"):
        portfolio_assign(user=manager, portfolio=north_portfolio)
    manual_only = PortfolioFactory(owner=manager, code="5")
    finish(run_start(user=manager, as_of=AS_OF))
    with pytest.raises(ApplicationError, match="has no rules") as error:
        portfolio_assign(user=manager, portfolio=manual_only)
    assert error.value.field == "rules"


def test_members_by_hand(history_accounts, manager, rep):
    portfolio = PortfolioFactory(owner=manager, code="6")
    account = history_accounts[1]
    member = portfolio_member_add(user=manager, portfolio=portfolio, account=account)
    assert (member.source, member.added_by) == (MemberSource.MANUAL, manager)
    with pytest.raises(ApplicationError, match="already in"):
        portfolio_member_add(user=manager, portfolio=portfolio, account=account)
    with pytest.raises(PermissionDeniedError):
        portfolio_member_remove(user=rep, portfolio=portfolio, account=account)
    portfolio_member_remove(user=manager, portfolio=portfolio, account=account)
    assert not PortfolioMember.objects.exists()
    with pytest.raises(ApplicationError, match="is not in"):
        portfolio_member_remove(user=manager, portfolio=portfolio, account=account)


def test_adding_a_rule_member_by_hand_keeps_it_whatever_the_rules_say(
        finished_run, history_accounts, manager, north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                             preview_token=preview.token)
    kept = preview.joining[0]
    portfolio_member_add(user=manager, portfolio=north_portfolio, account=kept)
    assert PortfolioMember.objects.get(portfolio=north_portfolio, account=kept).source == (
        MemberSource.MANUAL)


def test_moving_accounts_between_reps_is_previewed_then_applied(history_accounts, manager,
                                                                 rep, teammate):
    chosen = [history_accounts[1], history_accounts[3], history_accounts[2]]
    preview = accounts_move(user=manager, accounts=chosen, to_owner=rep)
    # 1 and 3 already belong to the rep; 2 is the manager's.
    assert [change.account for change in preview.owner_changes] == [history_accounts[2]]
    assert sorted(a.pk for a in preview.unchanged) == [history_accounts[1].pk,
                                                       history_accounts[3].pk]
    moves = accounts_move_confirm(user=manager, accounts=chosen, to_owner=rep,
                                  preview_token=preview.token)
    assert [(move.account, move.from_owner, move.to_owner, move.moved_by, move.portfolio)
            for move in moves] == [(history_accounts[2], manager, rep, manager, None)]
    history_accounts[2].refresh_from_db()
    assert history_accounts[2].owner == rep
    assert len(owner_changes_logged(history_accounts[2])) == 1


def test_a_stale_move_is_refused(history_accounts, manager, rep, teammate):
    chosen = [history_accounts[2]]
    preview = accounts_move(user=manager, accounts=chosen, to_owner=rep)
    account = Account.objects.get(pk=history_accounts[2].pk)
    account.owner = teammate
    account.stamp(manager)
    account.save()
    with pytest.raises(StalePreviewError):
        accounts_move_confirm(user=manager, accounts=chosen, to_owner=rep,
                              preview_token=preview.token)
    account.refresh_from_db()
    assert account.owner == teammate
    assert not PortfolioMove.objects.exists()


def test_a_rep_may_not_move_accounts_they_cannot_edit(history_accounts, rep, teammate):
    with pytest.raises(PermissionDeniedError, match=str(history_accounts[2].pk)):
        accounts_move(user=rep, accounts=[history_accounts[1], history_accounts[2]],
                      to_owner=teammate)


def test_a_portfolio_holds_its_members_and_those_of_its_sub_portfolios(history_accounts,
                                                                        manager):
    top = PortfolioFactory(owner=manager, code="1")
    child = PortfolioFactory(owner=manager, code="1.1", parent=top)
    PortfolioMember.objects.create(portfolio=top, account=history_accounts[1])
    PortfolioMember.objects.create(portfolio=child, account=history_accounts[2])
    assert set(portfolio_account_ids(portfolio_id=top.pk).values_list(
        "account_id", flat=True)) == {history_accounts[1].pk, history_accounts[2].pk}
    assert set(portfolio_account_ids(portfolio_id=top.pk, with_sub_portfolios=False)
               .values_list("account_id", flat=True)) == {history_accounts[1].pk}


def test_a_rule_member_whose_account_was_deleted_leaves(finished_run, history_accounts,
                                                       manager, north_portfolio):
    preview = portfolio_assign(user=manager, portfolio=north_portfolio)
    portfolio_assign_confirm(user=manager, portfolio=north_portfolio,
                             preview_token=preview.token)
    gone = preview.joining[0]
    gone.soft_delete(manager)
    again = portfolio_assign(user=manager, portfolio=north_portfolio)
    assert again.leaving == [gone] and again.joining == []
    portfolio_assign_confirm(user=manager, portfolio=north_portfolio, preview_token=again.token)
    assert not PortfolioMember.objects.filter(account=gone).exists()
