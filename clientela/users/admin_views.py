"""The administrators' pages: users, teams and roles with their grants and field rules."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from clientela.core.exceptions import ApplicationError

from . import selectors, services
from .auth import admin_required
from .forms import GrantsForm, RoleForm, TeamForm, UserForm, field_rule_formset
from .models import Role, Team, User


@admin_required
def user_list(request: HttpRequest) -> HttpResponse:
    """List every user with role, team, manager and whether active."""
    return render(request, "users/user_list.html", {"users": selectors.user_list()})


@sensitive_post_parameters("password", "password_confirm")
@admin_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a user; a new user without a password gets one generated, shown once."""
    user = get_object_or_404(User, pk=pk) if pk else User()
    form = UserForm(request.POST or None, instance=user, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        generated = None
        if form.cleaned_data["password"]:
            user.set_password(form.cleaned_data["password"])
        elif not pk:
            generated = secrets.token_urlsafe(18)
            user.set_password(generated)
        with transaction.atomic():
            user.save()
        if generated:
            # Shown on this response only: a redirect would carry it in the messages cookie.
            return render(
                request, "users/user_created.html", {"created": user, "password": generated}
            )
        messages.success(request, _("%(user)s was saved.") % {"user": user})
        return redirect("users:user_list")
    return render(
        request, "users/user_form.html", {"form": form, "edited": user}, status=400
        if form.is_bound else 200,
    )


@admin_required
def team_list(request: HttpRequest) -> HttpResponse:
    """List every team with its number of members."""
    return render(request, "users/team_list.html", {"teams": selectors.team_list()})


@admin_required
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a team."""
    team = get_object_or_404(Team, pk=pk) if pk else Team()
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The team %(team)s was saved.") % {"team": team})
        return redirect("users:team_list")
    return render(
        request, "users/team_form.html", {"form": form, "team": team},
        status=400 if form.is_bound else 200,
    )


@admin_required
@require_http_methods(["GET", "POST"])
def team_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a team; its members and records keep going without a team."""
    team = get_object_or_404(selectors.team_list(), pk=pk)
    if request.method == "POST":
        name = team.name
        team.delete()
        messages.success(request, _("The team %(team)s was deleted.") % {"team": name})
        return redirect("users:team_list")
    return render(
        request, "users/confirm_delete.html",
        {
            "object": team, "cancel_url": "users:team_list",
            "consequence": _("Its %(count)d member(s) and its records will have no team.")
            % {"count": team.member_count},
        },
    )


@admin_required
def role_list(request: HttpRequest) -> HttpResponse:
    """List every role with its number of users."""
    return render(request, "users/role_list.html", {"roles": selectors.role_list()})


@admin_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create or edit a role with its grants matrix and field rules, saved all or nothing."""
    role = get_object_or_404(Role, pk=pk) if pk else Role()
    data = request.POST if request.method == "POST" else None
    form = RoleForm(data, instance=role, prefix="role")
    grants = GrantsForm(data, role=role, prefix="grants")
    rules = field_rule_formset(data, role=role)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and grants.is_valid() and rules.is_valid():
            try:
                services.role_save(
                    role=form.save(commit=False), grants=grants.grants(),
                    field_rules=[rule for row in rules if (rule := row.rule())],
                )
            except ApplicationError as error:
                target = grants if error.field and error.field in grants.fields else form
                target.add_error(
                    error.field if target is grants else None, error.message
                )
            else:
                messages.success(request, _("The role %(role)s was saved.") % {"role": role})
                return redirect("users:role_list")
    return render(
        request, "users/role_form.html",
        {"form": form, "grants": grants, "rules": rules, "role": role}, status=status,
    )


@admin_required
@require_http_methods(["GET", "POST"])
def role_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a role that no user has."""
    role = get_object_or_404(selectors.role_list(), pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.role_delete(role=role)
        except ApplicationError as refused:
            error = refused.message
        else:
            messages.success(request, _("The role %(role)s was deleted.") % {"role": role.name})
            return redirect("users:role_list")
    return render(
        request, "users/confirm_delete.html",
        {
            "object": role, "cancel_url": "users:role_list", "error": error,
            "consequence": _("Its grants and field rules are deleted with it."),
        },
        status=400 if error else 200,
    )
