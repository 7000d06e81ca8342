"""Validation of custom field values: the one rule every write path (form, API, import) calls."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .choices import CustomFieldType

PHONE_CHARS = set("0123456789+-() ./x")


def _definitions_key(module: str) -> str:
    return f"clientela:custom-fields:{module}"


def definitions(module: str) -> list:
    """Return the custom field definitions of a module, in display order.

    Every list, form, filter and write reads them, several times a request; they are kept
    in the cache until a definition of the module changes (`forget_definitions`).
    """
    from .models import CustomField

    key = _definitions_key(module)
    found = cache.get(key)
    if found is None:
        found = list(CustomField.objects.filter(module=module))
        cache.set(key, found, timeout=None)
    return found


def forget_definitions(module: str) -> None:
    """Drop the cached definitions of `module`, now and again when the write commits (so a
    reader between the two cannot keep the old ones)."""
    key = _definitions_key(module)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def validate_value(definition, value: Any) -> Any:
    """Return `value` normalised for storage in JSON, or raise ValidationError saying why."""
    kind = definition.type
    if value in (None, "") or (kind == CustomFieldType.MULTI_CHOICE and value == []):
        return None
    if kind in (CustomFieldType.TEXT, CustomFieldType.LONG_TEXT):
        if not isinstance(value, str):
            raise ValidationError(_("Enter a text."))
        if kind == CustomFieldType.TEXT and len(value) > 255:
            raise ValidationError(_("Enter at most 255 characters."))
        return value
    if kind == CustomFieldType.INTEGER:
        if isinstance(value, bool):
            raise ValidationError(_("Enter a whole number."))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a whole number.")) from None
        if isinstance(value, float) and value != number:
            raise ValidationError(_("Enter a whole number."))
        return number
    if kind == CustomFieldType.DECIMAL:
        if isinstance(value, bool):
            raise ValidationError(_("Enter a number."))
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            raise ValidationError(_("Enter a number.")) from None
        if not number.is_finite():
            raise ValidationError(_("Enter a number."))
        return str(number)
    if kind == CustomFieldType.DATE:
        parsed = value if isinstance(value, datetime.date) else _parse(parse_date, value)
        if parsed is None:
            raise ValidationError(_("Enter a valid date (YYYY-MM-DD)."))
        return parsed.isoformat()
    if kind == CustomFieldType.DATETIME:
        parsed = value if isinstance(value, datetime.datetime) else _parse(parse_datetime, value)
        if parsed is None:
            raise ValidationError(_("Enter a valid date and time (ISO 8601)."))
        return parsed.isoformat()
    if kind == CustomFieldType.BOOLEAN:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false", "1", "0", "yes", "no"}:
            return value.lower() in {"true", "1", "yes"}
        raise ValidationError(_("Enter true or false."))
    if kind == CustomFieldType.CHOICE:
        if value not in definition.choices:
            raise ValidationError(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(definition.choices)}
            )
        return value
    if kind == CustomFieldType.MULTI_CHOICE:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or any(item not in definition.choices for item in value):
            raise ValidationError(
                _("Choose from: %(choices)s.") % {"choices": ", ".join(definition.choices)}
            )
        return list(dict.fromkeys(value))
    if kind == CustomFieldType.EMAIL:
        if not isinstance(value, str):
            raise ValidationError(_("Enter a valid email address."))
        EmailValidator()(value)
        return value
    if kind == CustomFieldType.URL:
        if not isinstance(value, str):
            raise ValidationError(_("Enter a valid URL."))
        URLValidator()(value)
        return value
    if kind == CustomFieldType.PHONE:
        if not isinstance(value, str) or not value.strip() or set(value) - PHONE_CHARS:
            raise ValidationError(_("Enter a valid phone number."))
        return value.strip()
    raise ValidationError(_("Unknown field type."))


def _parse(parser, value: Any):
    if not isinstance(value, str):
        return None
    try:
        return parser(value)
    except ValueError:
        return None


def clean_custom_values(module: str, values: Any, *, partial: bool) -> dict[str, Any]:
    """Return the record's custom values validated against the module's definitions.

    Unknown names, wrong types and missing required values raise one ValidationError under
    `custom`, each message naming its field. Missing values take the field's default unless
    `partial` (an update that leaves them as they are).
    """
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ValidationError({"custom": [_("Custom fields must be an object of name: value.")]})
    fields = {definition.name: definition for definition in definitions(module)}
    messages: list[str] = []
    cleaned: dict[str, Any] = {}
    for name in values:
        if name not in fields:
            messages.append(_("%(name)s: no such custom field.") % {"name": name})
    for name, definition in fields.items():
        if name not in values:
            if partial:
                continue
            value = definition.default
        else:
            value = values[name]
        try:
            value = validate_value(definition, value)
        except ValidationError as error:
            messages.extend(f"{name}: {message}" for message in error.messages)
            continue
        if value is None and definition.required:
            messages.append(_("%(name)s: this field is required.") % {"name": name})
            continue
        if value is not None:
            cleaned[name] = value
    if messages:
        raise ValidationError({"custom": messages})
    return cleaned
