"""Writes of the attractiveness scoring and of the analytics settings: the administrators'
parameters and criteria, and the reps' scores of an account."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clientela.accounts.models import Account
from clientela.core.exceptions import PermissionDeniedError
from clientela.users.models import User

from .models import AnalyticsSettings, AttractivenessCriterion, AttractivenessScore
from .selectors.results import may_view_analytics

# What an administrator may set; everything else of the row is the code's.
SETTINGS_FIELDS = (
    "period_months", "value_basis", "class_a_cutoff", "class_b_cutoff", "horizon_months",
    "annual_discount_rate", "expected_lifetime_years", "hourly_rate", "growth_threshold",
    "share_threshold", "key_account_bar", "nightly",
)
LOWEST_SCORE, HIGHEST_SCORE = 1, 5


def _require_admin(user: User | None, message: str) -> None:
    if user is None or not user.is_authenticated or not user.is_admin:
        raise PermissionDeniedError(message)


def _errors_of(error: ValidationError) -> dict[str, list[str]]:
    return {name: list(messages) for name, messages in error.message_dict.items()}


def cutoff_errors(*, class_a: Decimal, class_b: Decimal) -> dict[str, list[str]]:
    """Return the error of class B's cut-off unless it is above class A's (none: {})."""
    if class_b > class_a:
        return {}
    return {"class_b_cutoff": [_("The class B cut-off must be above the class A cut-off "
                                 "(%(a)s).") % {"a": class_a}]}


def analytics_settings_update(*, user: User, changes: Mapping[str, Any]) -> AnalyticsSettings:
    """Apply `changes` to the company's run parameters, validated as a whole, and return them.

    Only administrators may (PermissionDeniedError). A field that is not a setting, a value
    out of range, or a class B cut-off not above class A's raises ValidationError naming the
    field; nothing is saved then.
    """
    _require_admin(user, _("Only administrators may change the analytics settings."))
    unknown = sorted(set(changes) - set(SETTINGS_FIELDS))
    if unknown:
        raise ValidationError({name: [_("This is not an analytics setting.")]
                               for name in unknown})
    with transaction.atomic():
        stored = AnalyticsSettings.load()
        stored = AnalyticsSettings.objects.select_for_update().get(pk=stored.pk)
        for name, value in changes.items():
            setattr(stored, name, value)
        errors: dict[str, list[str]] = {}
        try:
            stored.full_clean()
        except ValidationError as error:
            errors = _errors_of(error)
        if "class_a_cutoff" not in errors and "class_b_cutoff" not in errors:
            errors.update(cutoff_errors(class_a=stored.class_a_cutoff,
                                        class_b=stored.class_b_cutoff))
        if errors:
            raise ValidationError(errors)
        stored.save()
    return stored


def criterion_save(*, user: User, criterion: AttractivenessCriterion) -> AttractivenessCriterion:
    """Save a new or edited attractiveness criterion and return it.

    Only administrators may (PermissionDeniedError); a missing or taken name or a weight
    outside 0–4 raises ValidationError naming the field.
    """
    _require_admin(user, _("Only administrators may change the attractiveness criteria."))
    criterion.full_clean()
    criterion.save()
    return criterion


def criterion_delete(*, user: User, criterion: AttractivenessCriterion) -> None:
    """Delete a criterion with every score given on it (PermissionDeniedError unless the user
    is an administrator)."""
    _require_admin(user, _("Only administrators may change the attractiveness criteria."))
    criterion.delete()


def _whole_number(value: Any) -> int | None:
    """Return `value` as an int when it is one (a bool or a fraction is not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _clean_scores(scores: Mapping[Any, Any]) -> dict[int, int | None]:
    """Return the scores by criterion id, or raise ValidationError naming each bad entry
    (`scores.<criterion id>`)."""
    active = set(AttractivenessCriterion.objects.filter(is_active=True)
                 .values_list("pk", flat=True))
    cleaned: dict[int, int | None] = {}
    errors: dict[str, list[str]] = {}
    for key, value in scores.items():
        field = f"scores.{key}"
        criterion_id = _whole_number(key)
        if criterion_id is None and isinstance(key, str) and key.strip().isdigit():
            criterion_id = int(key)
        if criterion_id is None or criterion_id not in active:
            errors[field] = [_("No active attractiveness criterion has the id %(id)s.")
                             % {"id": key}]
            continue
        if value is None or value == "":
            cleaned[criterion_id] = None
            continue
        score = _whole_number(value)
        if score is None or not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            errors[field] = [_("Enter a whole number from 1 to 5, or nothing to clear the "
                               "score.")]
            continue
        cleaned[criterion_id] = score
    if errors:
        raise ValidationError(errors)
    return cleaned


def may_score(user: User | None, account: Account) -> bool:
    """Return whether the user may score the account: analytics access and the right to
    edit the account."""
    return (user is not None and may_view_analytics(user)
            and Account.objects.restrict(user, "edit").filter(pk=account.pk).exists())


def attractiveness_scores_set(*, user: User, account: Account,
                              scores: Mapping[Any, Any]) -> dict[int, int]:
    """Set the account's scores by hand and return them all, by criterion id.

    `scores` maps a criterion id to a score 1–5, or to None to clear the score (the data's
    then counts again where the criterion has a source). A score that changes records
    `user` as its scorer. All or nothing: a user who may not edit the account gets
    PermissionDeniedError; an unknown or inactive criterion or a score outside 1–5 raises
    ValidationError naming `scores.<criterion id>`; nothing is written then.
    """
    if not may_score(user, account):
        raise PermissionDeniedError(_("Your role does not allow scoring this account."))
    cleaned = _clean_scores(scores)
    with transaction.atomic():
        stored = {score.criterion_id: score for score in AttractivenessScore.objects
                  .select_for_update().filter(account=account)}
        for criterion_id, value in cleaned.items():
            current = stored.get(criterion_id)
            if value is None:
                if current is not None:
                    current.delete()
                    del stored[criterion_id]
                continue
            if current is not None and current.score == value:
                continue
            if current is None:
                current = AttractivenessScore(account=account, criterion_id=criterion_id)
            current.score = value
            current.scored_by = user
            current.full_clean()
            current.save()
            stored[criterion_id] = current
    return {criterion_id: score.score for criterion_id, score in sorted(stored.items())}
