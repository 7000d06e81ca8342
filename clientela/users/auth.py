"""Sign-in with throttling, and the guard of the platform's admin pages."""

from __future__ import annotations

import ipaddress
import math
from functools import wraps

from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clientela.core.exceptions import ApplicationError

from .models import User
from .services import login_failed, login_succeeded, login_throttled


class SignInError(ApplicationError):
    """Sign-in refused: wrong credentials, or throttled (`retry_after` seconds set)."""

    def __init__(self, message: str, *, code: str, retry_after: int | None = None):
        super().__init__(message, code=code, extra={"retry_after": retry_after})
        self.retry_after = retry_after
        self.status_code = 429 if retry_after else 400


def client_address(request: HttpRequest) -> str | None:
    """Return the IP address the request came from as the server saw it, or None."""
    # X-Forwarded-For is set by whoever sends the request, so it cannot be trusted for throttling.
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def retry_message(seconds: int) -> str:
    """Return the message telling a throttled user when they may try again."""
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(count)d minute.",
        "Too many failed sign-in attempts. Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}


def sign_in_check(request: HttpRequest, *, username: str, password: str) -> User:
    """Return the active user these credentials name, or raise SignInError saying why.

    Throttled usernames and addresses are refused before the password is checked; a failure
    is recorded, a success clears the username's failures.
    """
    address = client_address(request)
    wait = login_throttled(username=username, address=address)
    if wait is not None:
        raise SignInError(retry_message(wait), code="throttled", retry_after=wait)
    user = authenticate(request, username=username, password=password)
    if user is None:
        login_failed(username=username, address=address)
        raise SignInError(
            _("The username or password is wrong (both are case-sensitive)."),
            code="invalid_credentials",
        )
    login_succeeded(username=username)
    return user


def admin_required(view):
    """Wrap a view so that only administrators reach it: others get 403, anonymous a login."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_admin:
            raise PermissionDenied(_("Only administrators may open this page."))
        return view(request, *args, **kwargs)

    return wrapper
