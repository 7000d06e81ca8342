"""Domain errors that services raise and that pages and the API render the same way."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A business rule refused the operation; `message` is shown to the user as is."""

    status_code = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None,
                 extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.extra = extra or {}


class StaleVersionError(ApplicationError):
    """A write carried a version older than the stored one: someone else changed the record."""

    status_code = 409

    def __init__(self, current: Any):
        super().__init__(
            "This record was changed by someone else since you loaded it. "
            "Reload it and apply your changes again.",
            code="stale_version",
        )
        self.current = current


class PermissionDeniedError(ApplicationError):
    """The user's role does not allow the operation."""

    status_code = 403

    def __init__(self, message: str = "Your role does not allow this.", **kwargs):
        super().__init__(message, code="permission_denied", **kwargs)
