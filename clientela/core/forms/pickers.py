"""Record pickers: the reads behind the autocomplete of record-choosing fields, and the hookup.

A picker's source is a registered module slug, or `users` for owner fields. Every read here is
restricted to what the user may view, and never loads more than the few records it shows, so a
picker costs the same with a hundred records as with a hundred thousand.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django import forms
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When

from clientela.core import registry
from clientela.core.permissions import can, hidden_fields, restrict
from clientela.users.models import User

__all__ = [
    "PICKER_LIMIT", "USERS", "picker_label", "picker_queryset", "picker_results",
    "picker_source", "use_record_pickers",
]

PICKER_LIMIT = 20
USERS = "users"
USER_SEARCH_FIELDS = ("first_name", "last_name", "username", "email")
# Shown in brackets after a record's name, so that two records of the same name can be told apart.
DETAIL_FIELDS = ("billing_city", "city")


def picker_source(model: type[models.Model]) -> str | None:
    """Return the picker source for records of `model`: its module slug, `users`, or None."""
    if model is not None and issubclass(model, User):
        return USERS
    module = registry.module_for_model(model)
    return module.slug if module is not None else None


def may_pick(user, source: str) -> bool:
    """Return whether `user` may look records of `source` up at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return source == USERS or can(user, source, "view")


def picker_queryset(*, user, source: str) -> models.QuerySet:
    """Return every record of `source` that `user` may pick: viewable records, or active users.

    Raises KeyError for an unknown source.
    """
    if source == USERS:
        return User.objects.filter(is_active=True)
    module = registry.get_module(source)
    return restrict(module.model.objects.all(), user, "view")


def _search_fields(user, source: str) -> tuple[str, ...]:
    if source == USERS:
        return USER_SEARCH_FIELDS
    module = registry.get_module(source)
    # Matching on a field the user may not see would reveal its values.
    hidden = hidden_fields(user, source)
    return tuple(path for path in module.search_fields if path.split("__", 1)[0] not in hidden)


def _detail_field(user, source: str) -> str | None:
    if source == USERS:
        return "username"
    model = registry.get_module(source).model
    hidden = hidden_fields(user, source)
    names = {field.name for field in model._meta.get_fields()}
    return next((name for name in DETAIL_FIELDS if name in names and name not in hidden), None)


def picker_label(record: models.Model, detail_field: str | None = None) -> str:
    """Return how a picker names `record`: its name, and the detail field's value in brackets."""
    name = str(record)
    detail = str(getattr(record, detail_field, "") or "") if detail_field else ""
    if not detail or detail == name:
        return name
    return f"{name} ({detail})"


def picker_results(*, user, source: str, query: str = "", pk: str | None = None,
                   limit: int = PICKER_LIMIT) -> list[dict]:
    """Return at most `limit` records of `source` that `user` may pick, as `{"id", "label"}`.

    With `pk`, return that one record if the user may pick it (else nothing). Otherwise return
    the records whose search fields contain every word of `query`: those where a field starts
    with the whole query first, then those where a field starts with the first word, then the
    rest, each group alphabetically. An empty query returns the first records alphabetically.
    Raises KeyError for an unknown source.
    """
    records = picker_queryset(user=user, source=source)
    fields = _search_fields(user, source)
    detail_field = _detail_field(user, source)
    limit = max(1, min(int(limit), PICKER_LIMIT))
    if pk is not None:
        if not str(pk).isdigit():
            return []
        records = records.filter(pk=int(pk))
    else:
        words = query.split()
        if words and not fields:
            return []
        for word in words:
            records = records.filter(
                reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
            )
        if words:
            whole = " ".join(words)
            records = records.annotate(
                picker_rank=Case(
                    When(reduce(or_, (Q(**{f"{field}__istartswith": whole}) for field in fields)),
                         then=Value(0)),
                    When(reduce(or_, (Q(**{f"{field}__istartswith": words[0]})
                                      for field in fields)), then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            records = records.order_by("picker_rank", *_name_order(source), "pk")
        else:
            records = records.order_by(*_name_order(source), "pk")
    return [{"id": record.pk, "label": picker_label(record, detail_field)}
            for record in records[:limit]]


def _name_order(source: str) -> tuple[str, ...]:
    if source == USERS:
        return ("first_name", "last_name", "username")
    fields = registry.get_module(source).search_fields
    return tuple(field for field in fields[:2] if "__" not in field)


def use_record_pickers(form: forms.BaseForm, user) -> None:
    """Give every field of `form` that chooses a record or a user an autocomplete widget.

    The field keeps its queryset, so the server still validates the chosen id against it; the
    widget only reads the label of the chosen record.
    """
    from clientela.core.widgets import RecordAutocomplete

    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField) or isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            continue
        source = picker_source(field.queryset.model)
        if source is None:
            continue
        widget = RecordAutocomplete(source=source, attrs=field.widget.attrs)
        widget.user = user
        widget.is_required = field.required
        field.widget = widget
