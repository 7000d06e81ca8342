"""The portfolio pages: the generic record pages, the tree, assignment with its preview,
members added and removed by hand, and moving accounts between owners."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.accounts.models import Account
from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError
from clientela.core.forms.formsets import formset_rows
from clientela.core.permissions import can
from clientela.sales.selectors import base_currency

from ..models import Portfolio
from ..portfolios import filtersets, forms, tables
from ..portfolios.choices import PortfolioTier
from ..portfolios.rules import OPERATORS, RULE_FIELDS, rules_in_words
from ..portfolios.selectors import portfolio_flat_tree, portfolio_members, portfolio_moves
from ..portfolios.services import (
    accounts_move,
    accounts_move_confirm,
    may_edit_portfolio,
    portfolio_assign,
    portfolio_assign_confirm,
    portfolio_member_add,
    portfolio_member_remove,
)

RELATED = ("owner", "team", "parent")

FIELDSETS = (
    (_("Portfolio"), ("code", "name", "parent", "tier", "approach", "owner", "team",
                      "is_active")),
    (_("Assignment"), ("assign_owner",)),
    (_("Description"), ("description",)),
)

# Bootstrap badge colours of the tiers, so a tier reads the same in the tree and on the page.
TIER_BADGES = {
    PortfolioTier.GOLD: "text-bg-warning",
    PortfolioTier.SILVER: "text-bg-secondary",
    PortfolioTier.BRONZE: "text-bg-danger",
    PortfolioTier.VIP: "text-bg-dark",
    PortfolioTier.PREMIUM: "text-bg-primary",
    PortfolioTier.GEOGRAPHIC: "text-bg-success",
    PortfolioTier.AGENCY: "text-bg-info",
}


def rule_help() -> list[dict]:
    """Return the fields a rule may test, with their operators and values, for the help."""
    return [{"name": name, "label": field.label,
             "operators": [str(op.label) for op in OPERATORS[field.kind]],
             "values": [f"{key} ({label})" if str(label) != key else key
                        for key, label in field.choices]}
            for name, field in RULE_FIELDS.items()]


class PortfolioListView(generic.ObjectListView):
    queryset = Portfolio.objects.select_related(*RELATED)
    filterset = filtersets.PortfolioFilterSet
    filter_fields = ("q", "tier", "approach", "is_active", "owner", "team")
    table = tables.PortfolioTable

    def get_links(self):
        return [generic.Action(_t("Tree"), reverse("analytics:portfolio_tree"),
                               "bi-diagram-3")]


class PortfolioView(generic.ObjectView):
    queryset = Portfolio.objects.select_related(*RELATED)
    fieldsets = FIELDSETS

    def get_actions(self, obj):
        actions = super().get_actions(obj)
        if obj.rules and self.may(obj, "edit"):
            actions.insert(0, generic.Action(_t("Preview assignment"),
                                             reverse("analytics:portfolio_assign", args=[obj.pk]),
                                             "bi-people", "success"))
        return actions

    def get_extra_context(self, obj):
        user = self.request.user
        children = list(self.get_queryset("view").filter(parent=obj).select_related("owner"))
        parent_visible = obj.parent_id and self.get_queryset("view").filter(
            pk=obj.parent_id).exists()
        may_edit = may_edit_portfolio(user, obj)
        return {
            "children": children,
            "parent_visible": parent_visible,
            "rules_text": rules_in_words(obj.rules),
            "members": portfolio_members(user=user, portfolio=obj),
            "moves": portfolio_moves(user=user, portfolio=obj),
            "may_edit": may_edit,
            "member_form": forms.MemberAddForm(user=user) if may_edit else None,
            "tier_badge": TIER_BADGES.get(obj.tier, "text-bg-light"),
            "currency": base_currency().code,
        }


class PortfolioHistoryView(PortfolioView):
    tab = "history"


class PortfolioEditView(generic.ObjectEditView):
    queryset = Portfolio.objects.all()
    form = forms.PortfolioForm

    def get_formsets(self, obj, data=None):
        return {_t("Rules (all must hold)"): forms.RuleFormSet(
            data, prefix="rules", initial=forms.rule_rows(obj.rules) if obj.pk else None)}

    def save_object(self, form):
        formset = self.formsets[_t("Rules (all must hold)")]
        form.instance.rules = [row["condition"] for row in formset_rows(formset)
                               if row.get("condition")]
        return super().save_object(form)

    def render_form(self, obj, form, status: int = 200, **extra):
        return render(self.request, "analytics/portfolio_edit.html",
                      {**self.form_context(obj, form), "rule_help": rule_help(), **extra},
                      status=status)


class PortfolioDeleteView(generic.ObjectDeleteView):
    queryset = Portfolio.objects.all()


class PortfolioBulkEditView(generic.BulkEditView):
    queryset = Portfolio.objects.all()
    form = forms.PortfolioBulkEditForm


class PortfolioBulkDeleteView(generic.BulkDeleteView):
    queryset = Portfolio.objects.all()


class PortfolioExportView(generic.ObjectExportView, PortfolioListView):
    pass


class PortfolioTreeView(generic.RecordViewMixin, View):
    """The portfolios as a tree, with tier badges, member counts and owners."""

    queryset = Portfolio.objects.all()

    def get(self, request):
        self.require("access")
        return render(request, "analytics/portfolio_tree.html", {
            **self.base_context(),
            "rows": [(node, TIER_BADGES.get(node.portfolio.tier, "text-bg-light"))
                     for node in portfolio_flat_tree(user=request.user)],
        })


class PortfolioAssignView(generic.RecordViewMixin, View):
    """Preview what assigning a portfolio by its rules would change (GET), then apply exactly
    that (POST with the preview's token)."""

    queryset = Portfolio.objects.select_related(*RELATED)
    permission_action = "edit"

    def get(self, request, pk):
        portfolio = self.get_object(pk)
        try:
            preview = portfolio_assign(user=request.user, portfolio=portfolio)
        except ApplicationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(portfolio.get_absolute_url())
        return render(request, "analytics/portfolio_assign.html", {
            **self.base_context(), "object": portfolio, "preview": preview,
            "rules_text": rules_in_words(portfolio.rules),
            "form": forms.AssignConfirmForm(initial={"token": preview.token}),
        })

    def post(self, request, pk):
        portfolio = self.get_object(pk)
        form = forms.AssignConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _t("Preview the assignment, then confirm it."))
            return HttpResponseRedirect(reverse("analytics:portfolio_assign", args=[pk]))
        try:
            result = portfolio_assign_confirm(user=request.user, portfolio=portfolio,
                                              preview_token=form.cleaned_data["token"])
        except ApplicationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("analytics:portfolio_assign", args=[pk]))
        messages.success(request, _t(
            "Assigned %(portfolio)s: %(joined)d joined, %(left)d left, %(moved)d accounts "
            "moved to a new owner.") % {"portfolio": portfolio, "joined": result.joined,
                                        "left": result.left, "moved": len(result.moves)})
        return HttpResponseRedirect(portfolio.get_absolute_url())


class PortfolioMemberAddView(generic.RecordViewMixin, View):
    """Add an account to a portfolio by hand."""

    queryset = Portfolio.objects.all()
    permission_action = "edit"

    def post(self, request, pk):
        portfolio = self.get_object(pk)
        form = forms.MemberAddForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _t("Choose an account you may see."))
        else:
            try:
                portfolio_member_add(user=request.user, portfolio=portfolio,
                                     account=form.cleaned_data["account"])
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _t("Added %(account)s.")
                                 % {"account": form.cleaned_data["account"]})
        return HttpResponseRedirect(portfolio.get_absolute_url())


class PortfolioMemberRemoveView(generic.RecordViewMixin, View):
    """Take an account out of a portfolio."""

    queryset = Portfolio.objects.all()
    permission_action = "edit"

    def post(self, request, pk, account_pk):
        portfolio = self.get_object(pk)
        account = get_object_or_404(Account.objects.restrict(request.user, "view"),
                                    pk=account_pk)
        try:
            portfolio_member_remove(user=request.user, portfolio=portfolio, account=account)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _t("Removed %(account)s.") % {"account": account})
        return HttpResponseRedirect(portfolio.get_absolute_url())


class AccountsMoveView(generic.RecordViewMixin, View):
    """Give chosen accounts to another owner: choose, preview, confirm."""

    queryset = Portfolio.objects.all()

    def get(self, request):
        self.require_mover()
        initial = {"accounts": request.GET.getlist("accounts")}
        return self.show(forms.AccountsMoveForm(initial=initial, user=request.user))

    def post(self, request):
        self.require_mover()
        form = forms.AccountsMoveForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.show(form)
        accounts = list(form.cleaned_data["accounts"])
        to_owner = form.cleaned_data["to_owner"]
        try:
            if request.POST.get("confirm") and form.cleaned_data["token"]:
                moves = accounts_move_confirm(user=request.user, accounts=accounts,
                                              to_owner=to_owner,
                                              preview_token=form.cleaned_data["token"])
                messages.success(request, _t("Moved %(count)d accounts to %(owner)s.")
                                 % {"count": len(moves), "owner": to_owner})
                return HttpResponseRedirect(reverse("analytics:portfolio_move"))
            preview = accounts_move(user=request.user, accounts=accounts, to_owner=to_owner)
        except ValidationError as error:
            generic.add_validation_error(form, error)
            return self.show(form)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.show(form)
        data = request.POST.copy()
        data["token"] = preview.token
        return self.show(forms.AccountsMoveForm(data, user=request.user), preview=preview)

    def require_mover(self) -> None:
        # Moving customers is a decision of those who manage the portfolios.
        if not can(self.request.user, "portfolios", "create"):
            raise PermissionDenied

    def show(self, form, preview=None):
        return render(self.request, "analytics/portfolio_move.html", {
            **self.base_context(), "form": form, "preview": preview})

