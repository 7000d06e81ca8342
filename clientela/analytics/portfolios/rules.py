"""A portfolio's membership rules: conditions over a run's customer results, all of which
must hold, e.g. `[{"field": "pareto_class", "op": "eq", "value": "A"},
{"field": "region", "op": "eq", "value": "North"}]`.

Every write path checks them with `rules_clean`, so the rules a run evaluates are always
well formed; `rules_q` turns them into a filter of `CustomerResult`, `rules_in_words` into
the sentence a page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clientela.accounts.choices import CustomerClass, Industry

from ..choices import BcgQuadrant, LoyaltyQuadrant, ParetoClass, RfmSegment
from .choices import RuleOperator

CHOICE, TEXT, NUMBER, FLAG = "choice", "text", "number", "flag"

OPERATORS = {
    CHOICE: (RuleOperator.EQ, RuleOperator.NE, RuleOperator.IN),
    TEXT: (RuleOperator.EQ, RuleOperator.NE, RuleOperator.IN),
    NUMBER: (RuleOperator.EQ, RuleOperator.NE, RuleOperator.GTE, RuleOperator.LTE),
    FLAG: (RuleOperator.EQ, RuleOperator.NE),
}


@dataclass(frozen=True)
class RuleField:
    """A result field a condition may test: how it reads and which values it takes."""

    name: str
    label: Any
    kind: str
    choices: tuple[tuple[str, Any], ...] = ()
    is_decimal: bool = False

    @property
    def operators(self) -> tuple[RuleOperator, ...]:
        return OPERATORS[self.kind]


RULE_FIELDS: dict[str, RuleField] = {
    field.name: field for field in (
        RuleField("pareto_class", gettext_lazy("ABC class"), CHOICE, tuple(ParetoClass.choices)),
        RuleField("rfm_segment", gettext_lazy("RFM segment"), CHOICE,
                  tuple(RfmSegment.choices)),
        RuleField("bcg_quadrant", gettext_lazy("BCG quadrant"), CHOICE,
                  tuple(BcgQuadrant.choices)),
        RuleField("loyalty_quadrant", gettext_lazy("Loyalty quadrant"), CHOICE,
                  tuple(LoyaltyQuadrant.choices)),
        RuleField("is_key", gettext_lazy("Key account"), FLAG),
        RuleField("revenue", gettext_lazy("Revenue"), NUMBER, is_decimal=True),
        RuleField("margin", gettext_lazy("Margin"), NUMBER, is_decimal=True),
        RuleField("clv", gettext_lazy("Lifetime value"), NUMBER, is_decimal=True),
        RuleField("attractiveness", gettext_lazy("Attractiveness"), NUMBER),
        RuleField("p_alive", gettext_lazy("Probability still a customer"), NUMBER),
        RuleField("growth", gettext_lazy("Growth"), NUMBER),
        RuleField("customer_class", gettext_lazy("Customer class"), CHOICE,
                  tuple(CustomerClass.choices)),
        RuleField("industry", gettext_lazy("Industry"), CHOICE, tuple(Industry.choices)),
        RuleField("region", gettext_lazy("Region"), TEXT),
        RuleField("country", gettext_lazy("Country"), TEXT),
    )
}


def _error(part: str, message: str) -> ValidationError:
    return ValidationError({part: [message]})


def _clean_scalar(field: RuleField, value: Any) -> Any:
    """Return `value` as `field` stores it; ValidationError on `value` when it cannot be."""
    if field.kind == FLAG:
        if not isinstance(value, bool):
            raise _error("value", _("Give true or false."))
        return value
    if field.kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise _error("value", _("Give a number."))
        if isinstance(value, float) and value != value:  # NaN never compares
            raise _error("value", _("Give a number."))
        return float(value) if isinstance(value, Decimal) else value
    if not isinstance(value, str):
        raise _error("value", _("Give a text value."))
    value = value.strip()
    if field.kind == CHOICE and value not in dict(field.choices):
        raise _error("value", _("%(value)s is not one of: %(choices)s.") % {
            "value": repr(value), "choices": ", ".join(key for key, _label in field.choices)})
    return value


def condition_clean(condition: Any) -> dict[str, Any]:
    """Return the condition normalised (`{"field", "op", "value"}`).

    Raises ValidationError keyed by the part that is wrong (`field`, `op` or `value`).
    """
    if not isinstance(condition, dict):
        raise _error("field", _('Write a condition as {"field": …, "op": …, "value": …}.'))
    unknown = sorted(set(condition) - {"field", "op", "value"})
    if unknown:
        raise _error("field", _("Unknown keys: %(keys)s.") % {"keys": ", ".join(unknown)})
    field = RULE_FIELDS.get(condition.get("field"))  # type: ignore[arg-type]
    if field is None:
        raise _error("field", _("Unknown field %(field)s. Use one of: %(fields)s.") % {
            "field": repr(condition.get("field")), "fields": ", ".join(RULE_FIELDS)})
    op = condition.get("op")
    if op not in field.operators:
        raise _error("op", _("Unknown operator %(op)s for %(field)s. Use one of: %(ops)s.") % {
            "op": repr(op), "field": field.name, "ops": ", ".join(field.operators)})
    if "value" not in condition:
        raise _error("value", _("Give a value."))
    value = condition["value"]
    if op == RuleOperator.IN:
        if not isinstance(value, list) or not value:
            raise _error("value", _("Give a list of one or more values."))
        value = [_clean_scalar(field, item) for item in value]
    else:
        value = _clean_scalar(field, value)
    return {"field": field.name, "op": str(op), "value": value}


def rules_clean(rules: Any) -> list[dict[str, Any]]:
    """Return the rules normalised; ValidationError listing each wrong condition by number and
    field ("Condition 2 (region): Give a text value.")."""
    if rules in (None, ""):
        return []
    if not isinstance(rules, list):
        raise ValidationError(_("Write the rules as a list of conditions."))
    cleaned, problems = [], []
    for number, condition in enumerate(rules, start=1):
        try:
            cleaned.append(condition_clean(condition))
        except ValidationError as error:
            name = condition.get("field") if isinstance(condition, dict) else None
            where = (_("Condition %(number)d (%(field)s)") % {"number": number, "field": name}
                     if isinstance(name, str) and name else
                     _("Condition %(number)d") % {"number": number})
            problems.extend(f"{where}: {message}" for message in error.messages)
    if problems:
        raise ValidationError(problems)
    return cleaned


def _stored(field: RuleField, value: Any) -> Any:
    return Decimal(str(value)) if field.is_decimal else value


def condition_q(condition: dict[str, Any]) -> Q:
    """Return the filter of `CustomerResult` that one clean condition stands for."""
    field = RULE_FIELDS[condition["field"]]
    op, value = condition["op"], condition["value"]
    if op == RuleOperator.IN:
        return Q(**{f"{field.name}__in": [_stored(field, item) for item in value]})
    if op in (RuleOperator.GTE, RuleOperator.LTE):
        return Q(**{f"{field.name}__{op}": _stored(field, value)})
    match = Q(**{field.name: _stored(field, value)})
    return ~match if op == RuleOperator.NE else match


def rules_q(rules: list[dict[str, Any]]) -> Q:
    """Return the filter of results for which every condition holds."""
    combined = Q()
    for condition in rules_clean(rules):
        combined &= condition_q(condition)
    return combined


def _value_in_words(field: RuleField, value: Any) -> str:
    if field.kind == FLAG:
        return _("yes") if value else _("no")
    if field.kind == NUMBER:
        return number_format(value, use_l10n=True, force_grouping=True)
    labels = dict(field.choices)
    return str(labels.get(value, value)) if value != "" else _("(empty)")


def condition_in_words(condition: dict[str, Any]) -> str:
    """Return one condition as a reader says it: "ABC class is A"."""
    field = RULE_FIELDS.get(condition.get("field", ""))
    if field is None:
        return str(condition)
    op = condition.get("op")
    value = condition.get("value")
    if op == RuleOperator.IN and isinstance(value, list):
        shown = ", ".join(_value_in_words(field, item) for item in value)
    else:
        shown = _value_in_words(field, value)
    return f"{field.label} {dict(RuleOperator.choices).get(op, op)} {shown}"


def rules_in_words(rules: list[dict[str, Any]]) -> list[str]:
    """Return each condition in words, in order (they all must hold)."""
    return [condition_in_words(condition) for condition in rules or []
            if isinstance(condition, dict)]
