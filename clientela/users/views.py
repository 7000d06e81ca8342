"""Sign-in, sign-out, password, preferences, and the sharing page of a record."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from clientela.core import registry
from clientela.core.exceptions import ApplicationError

from . import selectors, services
from .auth import SignInError, sign_in_check
from .forms import PreferencesForm, ShareForm, SignInForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _record_url(record) -> str | None:
    """Return the record's page, or None for a module without one."""
    try:
        return record.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Show the sign-in form; sign in and redirect to `next`, or say why not."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = sign_in_check(
                request, username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except SignInError as error:
            form.add_error(None, error.message)
            status = error.status_code
        else:
            login(request, user)
            return redirect(_next_url(request))
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    return render(
        request, "users/login.html", {"form": form, "next": next_url}, status=status
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out and go to the sign-in page."""
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password, staying signed in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password was changed."))
        return redirect("users:password_change")
    return render(request, "users/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Edit one's own name, email, language and time zone."""
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences were saved."))
        return redirect("users:preferences")
    return render(request, "users/preferences.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def record_shares(request: HttpRequest, module_slug: str, pk: int) -> HttpResponse:
    """Show who a record is shared with; its owner, editors and admins add or remove shares."""
    record = selectors.record_visible(user=request.user, module_slug=module_slug, pk=pk)
    if record is None:
        raise Http404(_("No such record."))
    module = registry.get_module(module_slug)
    can_manage = services.record_shares_manageable(record=record, user=request.user)
    form = ShareForm()
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only the owner or an editor of this record may share it."))
        try:
            if "remove" in request.POST:
                try:
                    share_id = int(request.POST["remove"])
                except ValueError:
                    raise ApplicationError(_("This record has no such share.")) from None
                services.record_unshare(record=record, by=request.user, share_id=share_id)
                messages.success(request, _("The share was removed."))
                return redirect(request.path)
            form = ShareForm(request.POST)
            if form.is_valid():
                services.record_share(
                    record=record, by=request.user, user=form.cleaned_data["user"],
                    team=form.cleaned_data["team"], access=form.cleaned_data["access"],
                )
                messages.success(request, _("The record was shared."))
                return redirect(request.path)
            status = 400
        except ApplicationError as error:
            form.add_error(None, error.message)
            status = error.status_code
    return render(
        request, "users/record_shares.html",
        {
            "record": record, "record_url": _record_url(record), "module": module, "form": form,
            "can_manage": can_manage,
            "shares": selectors.record_share_list(record=record),
        },
        status=status,
    )
