"""Record pickers: the reads behind the autocomplete of record-choosing fields, and the hookup.

A picker's source is a registered module slug, or `users` for owner fields. Every read here is
restricted to what the user may view and loads only the few records it shows; no page ever
lists every record as a choice.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django import forms
from django.db import connection, models
from django.db.models import Q

from clientela.core import registry
from clientela.core.permissions import can, hidden_fields, restrict
from clientela.users.models import User

__all__ = [
    "PICKER_LIMIT", "USERS", "may_pick", "picker_label", "picker_queryset", "picker_results",
    "picker_source", "use_record_pickers",
]

PICKER_LIMIT = 20
# Sizes of the successive slices of matching records checked against what the user may see.
WINDOWS = (100, 1_000, 10_000)
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

    With `pk`, return that one record if the user may pick it (else nothing). With a query,
    return first the records where a search field starts with the whole query, then those
    where every word occurs in some search field, each group in the model's order. Without a
    query, return the first records in the model's order. Raises KeyError for an unknown
    source.
    """
    visible = picker_queryset(user=user, source=source)
    limit = max(1, min(int(limit), PICKER_LIMIT))
    if pk is not None:
        if not str(pk).isdigit():
            return []
        ids = list(visible.filter(pk=int(pk)).values_list("pk", flat=True)[:1])
    elif not query.split():
        ids = _first_visible(visible, Q(), limit)
    else:
        words = query.split()
        fields = _search_fields(user, source)
        if not fields:
            return []
        starts = reduce(or_, (Q(**{f"{field}__istartswith": " ".join(words)})
                              for field in fields))
        ids = _first_visible(visible, starts, limit)
        if len(ids) < limit:
            contains = reduce(lambda both, word: both & reduce(
                or_, (Q(**{f"{field}__icontains": word}) for field in fields)
            ), words, Q())
            ids += _first_visible(visible, contains & ~Q(pk__in=ids), limit - len(ids))
    detail_field = _detail_field(user, source)
    loaded = visible.model._default_manager.in_bulk(ids)
    return [{"id": found, "label": picker_label(loaded[found], detail_field)}
            for found in ids if found in loaded]


def _in_order(records: models.QuerySet) -> models.QuerySet:
    # The model's own ordering is the one its indexes serve.
    ordering = list(records.model._meta.ordering or [])
    if not {"id", "-id", "pk", "-pk"} & set(ordering):
        ordering.append("pk")
    return records.order_by(*ordering)


def _first_visible(visible: models.QuerySet, condition: Q, limit: int) -> list[int]:
    """Return the ids of the first `limit` records of `visible` that meet `condition`.

    SQLite answers "the user's records, in name order" by collecting all of the user's records
    and sorting them, which grows with the table; walking the matches in the order of the
    model's index and keeping those the user may see stops after a window or two. When few
    matches are visible, the restricted query itself is the cheap one. PostgreSQL's planner
    already chooses between these two plans from its statistics.
    """
    ordered = _in_order(visible.filter(condition)).values_list("pk", flat=True)
    if connection.vendor != "sqlite":
        return list(ordered[:limit])
    candidates = _in_order(
        visible.model._default_manager.filter(condition)
    ).values_list("pk", flat=True)
    found: list[int] = []
    start = 0
    for size in WINDOWS:
        window = list(candidates[start:start + size])
        allowed = set(visible.filter(pk__in=window).values_list("pk", flat=True))
        found += [pk for pk in window if pk in allowed]
        if len(found) >= limit or len(window) < size:
            return found[:limit]
        start += size
    return list(ordered[:limit])


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
