"""Writes of portfolios beyond plain CRUD: assigning customers by the rules, adding and
removing members by hand, and moving accounts between owners.

Assigning and moving are two steps: the preview says exactly what would change and carries a
token (a hash of those changes); the confirmation recomputes the preview, refuses when the
token no longer matches (the run, the members or the owners changed meanwhile) and applies
everything in one transaction. Owners change through the account's own write path, so the
account's change log records each move, and a `PortfolioMove` says who moved what.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.accounts.models import Account
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import restrict

from ..models import AnalysisRun, CustomerResult, Portfolio, PortfolioMember, PortfolioMove
from ..selectors.results import latest_run
from .choices import MemberSource, PortfolioErrorCode
from .rules import rules_q


class StalePreviewError(ApplicationError):
    """What was previewed is no longer what would happen: preview again."""

    status_code = 409

    def __init__(self) -> None:
        super().__init__(
            _("The customers, their owners or the analysis changed since the preview. "
              "Preview again and confirm what it shows."),
            code=PortfolioErrorCode.STALE_PREVIEW, field="token",
        )


@dataclass(frozen=True)
class OwnerChange:
    """One account that would pass from one owner to another."""

    account: Account
    from_owner: object | None
    to_owner: object


@dataclass(frozen=True)
class AssignmentPreview:
    """What assigning a portfolio by its rules would change, and the token to confirm it."""

    portfolio: Portfolio
    run: AnalysisRun
    joining: list[Account]
    leaving: list[Account]
    staying: list[Account]
    owner_changes: list[OwnerChange]
    token: str

    @property
    def changes_anything(self) -> bool:
        return bool(self.joining or self.leaving or self.owner_changes)


@dataclass(frozen=True)
class AssignmentResult:
    """What a confirmed assignment did."""

    portfolio: Portfolio
    run: AnalysisRun
    joined: int
    left: int
    moves: list[PortfolioMove] = field(default_factory=list)


@dataclass(frozen=True)
class MovePreview:
    """What moving accounts to another owner would change, and the token to confirm it."""

    to_owner: object
    portfolio: Portfolio | None
    owner_changes: list[OwnerChange]
    unchanged: list[Account]
    token: str


def _token(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _changes_payload(changes: Iterable[OwnerChange]) -> list[list]:
    return [[change.account.pk, getattr(change.from_owner, "pk", None), change.to_owner.pk]
            for change in changes]


def may_edit_portfolio(user, portfolio: Portfolio) -> bool:
    """Return whether `user` may change this portfolio (and so assign it)."""
    return restrict(Portfolio.objects.filter(pk=portfolio.pk), user, "edit").exists()


def _require_edit(user, portfolio: Portfolio) -> None:
    if not may_edit_portfolio(user, portfolio):
        raise PermissionDeniedError(
            _("Your role does not allow changing the portfolio %(portfolio)s.")
            % {"portfolio": portfolio})


def _owner_changes(accounts: Iterable[Account], to_owner) -> list[OwnerChange]:
    return [OwnerChange(account=account, from_owner=account.owner, to_owner=to_owner)
            for account in accounts if account.owner_id != to_owner.pk]


def portfolio_assign(*, user, portfolio: Portfolio,
                     run: AnalysisRun | None = None) -> AssignmentPreview:
    """Return what assigning `portfolio` by its rules on `run` (default: the latest finished
    run) would change: the accounts joining, leaving and staying, and, when the portfolio
    assigns its owner, the owner changes.

    Assignment is a company decision: the rules see every customer of the run, not only those
    `user` may see, but only users who may change the portfolio may assign it. Members added
    by hand stay whatever the rules say.
    """
    _require_edit(user, portfolio)
    run = run or latest_run()
    if run is None:
        raise ApplicationError(
            _("There is no finished analysis run yet: run the analysis first."),
            code=PortfolioErrorCode.NO_RUN)
    if not portfolio.rules:
        raise ApplicationError(
            _("The portfolio %(portfolio)s has no rules: give it rules or add members by "
              "hand.") % {"portfolio": portfolio},
            code=PortfolioErrorCode.NO_RULES, field="rules")
    matched = set(
        CustomerResult.objects.filter(run=run, account__deleted_at__isnull=True)
        .filter(rules_q(portfolio.rules)).values_list("account_id", flat=True))
    sources = dict(PortfolioMember.objects.filter(portfolio=portfolio)
                   .values_list("account_id", "source"))
    joining_ids = matched - set(sources)
    leaving_ids = {account_id for account_id, source in sources.items()
                   if source == MemberSource.RULE and account_id not in matched}
    staying_ids = set(sources) - leaving_ids
    # Members whose account went to the recycle bin still leave or stay, so they are listed.
    accounts = Account.all_objects.filter(pk__in=joining_ids | leaving_ids | staying_ids) \
        .select_related("owner").order_by("name", "id")
    by_id = {account.pk: account for account in accounts}

    def ordered(ids: set[int]) -> list[Account]:
        return [account for pk, account in by_id.items() if pk in ids]

    joining, leaving, staying = ordered(joining_ids), ordered(leaving_ids), ordered(staying_ids)
    owner = portfolio.owner if portfolio.assign_owner else None
    live_members = [account for account in (*joining, *staying) if account.deleted_at is None]
    changes = _owner_changes(live_members, owner) if owner is not None else []
    token = _token({
        "portfolio": portfolio.pk, "version": portfolio.version, "run": run.pk,
        "joining": sorted(joining_ids), "leaving": sorted(leaving_ids),
        "staying": sorted(staying_ids), "owners": _changes_payload(changes),
    })
    return AssignmentPreview(portfolio=portfolio, run=run, joining=joining, leaving=leaving,
                             staying=staying, owner_changes=changes, token=token)


def _move(*, user, change: OwnerChange, portfolio: Portfolio | None,
          run: AnalysisRun | None, at) -> PortfolioMove:
    """Give the account its new owner through its normal write path, and record the move."""
    account = change.account
    account.owner = change.to_owner
    account.stamp(user)
    account.save()
    return PortfolioMove.objects.create(
        account=account, portfolio=portfolio, from_owner=change.from_owner,
        to_owner=change.to_owner, moved_by=user, moved_at=at, run=run)


def portfolio_assign_confirm(*, user, portfolio: Portfolio,
                             preview_token: str) -> AssignmentResult:
    """Apply exactly the assignment that `portfolio_assign` previewed with `preview_token`.

    Raises StalePreviewError (nothing written) when the preview would now differ. Everything
    (members, owners, moves) is written in one transaction, or nothing is.
    """
    with transaction.atomic():
        portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
        preview = portfolio_assign(user=user, portfolio=portfolio)
        if not hmac.compare_digest(preview.token, str(preview_token or "")):
            raise StalePreviewError()
        now = timezone.now()
        PortfolioMember.objects.filter(
            portfolio=portfolio, source=MemberSource.RULE,
            account_id__in=[account.pk for account in preview.leaving]).delete()
        PortfolioMember.objects.bulk_create(
            PortfolioMember(portfolio=portfolio, account=account, source=MemberSource.RULE,
                            added_at=now, added_by=user)
            for account in preview.joining)
        moves = [_move(user=user, change=change, portfolio=portfolio, run=preview.run, at=now)
                 for change in preview.owner_changes]
    return AssignmentResult(portfolio=portfolio, run=preview.run, joined=len(preview.joining),
                            left=len(preview.leaving), moves=moves)


def portfolio_member_add(*, user, portfolio: Portfolio, account: Account) -> PortfolioMember:
    """Add `account` to `portfolio` by hand; it stays whatever the rules say."""
    _require_edit(user, portfolio)
    if not restrict(Account.objects.filter(pk=account.pk), user, "view").exists():
        raise PermissionDeniedError(_("You may not see this account."), field="account")
    with transaction.atomic():
        member, created = PortfolioMember.objects.select_for_update().get_or_create(
            portfolio=portfolio, account=account,
            defaults={"source": MemberSource.MANUAL, "added_by": user})
        if not created:
            if member.source == MemberSource.MANUAL:
                raise ApplicationError(
                    _("%(account)s is already in %(portfolio)s.")
                    % {"account": account, "portfolio": portfolio},
                    code=PortfolioErrorCode.ALREADY_MEMBER, field="account")
            # Kept by hand from now on, so a later assignment does not take it out.
            member.source = MemberSource.MANUAL
            member.added_by = user
            member.added_at = timezone.now()
            member.save(update_fields=["source", "added_by", "added_at"])
    return member


def portfolio_member_remove(*, user, portfolio: Portfolio, account: Account) -> None:
    """Take `account` out of `portfolio`. A customer the rules pick joins again at the next
    assignment."""
    _require_edit(user, portfolio)
    deleted, _rows = PortfolioMember.objects.filter(portfolio=portfolio, account=account).delete()
    if not deleted:
        raise ApplicationError(
            _("%(account)s is not in %(portfolio)s.")
            % {"account": account, "portfolio": portfolio},
            code=PortfolioErrorCode.NOT_MEMBER, field="account")


def _movable_accounts(*, user, accounts: Sequence[Account | int]) -> list[Account]:
    ids = sorted({getattr(account, "pk", account) for account in accounts})
    if not ids:
        raise ApplicationError(_("Choose the accounts to move."),
                               code=PortfolioErrorCode.NOTHING_TO_MOVE, field="accounts")
    editable = {account.pk: account for account in restrict(
        Account.objects.filter(pk__in=ids), user, "edit").select_related("owner")}
    refused = [str(pk) for pk in ids if pk not in editable]
    if refused:
        raise PermissionDeniedError(
            _("Your role does not allow changing the owner of the accounts %(ids)s.")
            % {"ids": ", ".join(refused)}, field="accounts")
    return sorted(editable.values(), key=lambda account: (account.name, account.pk))


def _active_user(to_owner):
    if to_owner is None or not get_user_model().objects.filter(
            pk=to_owner.pk, is_active=True).exists():
        raise ApplicationError(_("Choose an active user as the new owner."), field="to_owner")
    return to_owner


def accounts_move(*, user, accounts: Sequence[Account | int], to_owner,
                  portfolio: Portfolio | None = None) -> MovePreview:
    """Return what giving `accounts` to `to_owner` would change (for `portfolio`, when the
    move is made for one): each account's owner change, and the token to confirm it."""
    if portfolio is not None:
        _require_edit(user, portfolio)
    to_owner = _active_user(to_owner)
    chosen = _movable_accounts(user=user, accounts=accounts)
    changes = _owner_changes(chosen, to_owner)
    unchanged = [account for account in chosen if account.owner_id == to_owner.pk]
    token = _token({"portfolio": getattr(portfolio, "pk", None), "to": to_owner.pk,
                    "owners": _changes_payload(changes),
                    "unchanged": [account.pk for account in unchanged]})
    return MovePreview(to_owner=to_owner, portfolio=portfolio, owner_changes=changes,
                       unchanged=unchanged, token=token)


def accounts_move_confirm(*, user, accounts: Sequence[Account | int], to_owner,
                          portfolio: Portfolio | None = None,
                          preview_token: str) -> list[PortfolioMove]:
    """Apply exactly the move `accounts_move` previewed with `preview_token`, in one
    transaction; StalePreviewError (nothing written) when an owner changed meanwhile."""
    with transaction.atomic():
        ids = [getattr(account, "pk", account) for account in accounts]
        list(Account.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        preview = accounts_move(user=user, accounts=ids, to_owner=to_owner, portfolio=portfolio)
        if not hmac.compare_digest(preview.token, str(preview_token or "")):
            raise StalePreviewError()
        if not preview.owner_changes:
            raise ApplicationError(
                _("Every chosen account already belongs to %(owner)s.")
                % {"owner": preview.to_owner}, code=PortfolioErrorCode.NOTHING_TO_MOVE,
                field="accounts")
        now = timezone.now()
        return [_move(user=user, change=change, portfolio=portfolio, run=None, at=now)
                for change in preview.owner_changes]
