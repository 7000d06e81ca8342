"""One error shape for the whole API: `{"detail": str, "errors": {field: [messages]}}`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from clientela.core.exceptions import ApplicationError, StaleVersionError

from .parsers import PayloadTooLarge


def django_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """Return a Django ValidationError as {field: [messages]} (`non_field_errors` for none)."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if name == "__all__" else name): messages
            for name, messages in error.message_dict.items()
        }
    return {"non_field_errors": list(error.messages)}


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Return DRF error details flattened to {"field": [...], "emails[1].email": [...]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for name, value in detail.items():
            if isinstance(name, int):
                key = f"{prefix}[{name}]"
            else:
                key = f"{prefix}.{name}" if prefix else str(name)
            flat.update(flatten_errors(value, key))
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            if detail:
                flat[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    flat.update(flatten_errors(item, f"{prefix}[{index}]"))
    else:
        flat[prefix or "non_field_errors"] = [str(detail)]
    return flat


def _summary(errors: dict[str, list[str]]) -> str:
    if list(errors) == ["non_field_errors"]:
        return errors["non_field_errors"][0]
    return _("Invalid input: %(fields)s.") % {"fields": ", ".join(errors)}


def _stale_version_response(exc: StaleVersionError, context: dict) -> Response:
    view = context.get("view")
    current = None
    if view is not None and hasattr(view, "get_serializer"):
        current = view.get_serializer(exc.current).data
    body = {"detail": exc.message, "errors": {}, "current": current}
    headers = {"ETag": f'"{exc.current.version}"'}
    return Response(body, status=status.HTTP_409_CONFLICT, headers=headers)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Return the JSON error response for `exc`, or None to let Django answer (a real bug)."""
    if isinstance(exc, StaleVersionError):
        return _stale_version_response(exc, context)
    if isinstance(exc, ApplicationError):
        errors = {exc.field: [exc.message]} if exc.field else {}
        extra = {name: value for name, value in exc.extra.items() if value is not None}
        body = {"detail": exc.message, "errors": errors, "code": exc.code, **extra}
        headers = {}
        if exc.extra.get("retry_after"):
            headers["Retry-After"] = str(exc.extra["retry_after"])
        return Response(body, status=exc.status_code, headers=headers)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        response.data = {"detail": _summary(errors), "errors": errors}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, dict | list):
            errors = flatten_errors(detail)
            response.data = {"detail": _summary(errors), "errors": errors}
        else:
            response.data = {"detail": str(detail), "errors": {}}
    return response
