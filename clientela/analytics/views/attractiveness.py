"""The attractiveness scoring in pages: the account page's panel, the scoring form it posts,
and the ranking of accounts by attractiveness with the key accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clientela.accounts.models import Account
from clientela.core.exceptions import PermissionDeniedError

from ..forms_attractiveness import AttractivenessScoresForm
from ..selectors.attractiveness import (
    account_attractiveness,
    account_scores,
    ranking_figures,
    weighted_criteria,
    with_scored_criteria,
)
from ..selectors.results import latest_run, may_view_analytics, visible_accounts
from ..services_attractiveness import attractiveness_scores_set, may_score
from .base import ACCOUNT, MeasurePage, ResultColumn


class KeyAccountColumn(ResultColumn):
    """Whether the run made the account a key account, as words."""

    def value(self, result):
        return _("Yes") if result.is_key else _("No")


class AttractivenessPage(MeasurePage):
    """Accounts ranked by attractiveness, the key accounts and the criteria behind them."""

    measure = "attractiveness"
    title = gettext_lazy("Attractiveness")
    template_name = "analytics/attractiveness.html"
    ordering = "-attractiveness"
    columns = (
        ACCOUNT,
        ResultColumn("attractiveness", gettext_lazy("Attractiveness")),
        KeyAccountColumn("is_key", gettext_lazy("Key account"), "text"),
        ResultColumn("revenue", gettext_lazy("Revenue"), "money"),
        ResultColumn("margin", gettext_lazy("Margin"), "money"),
        ResultColumn("scored_criteria", gettext_lazy("Criteria scored by hand")),
    )

    def table_results(self, results):
        return with_scored_criteria(results)

    def measure_context(self, run, results, filters):
        figures = ranking_figures(run=run, results=results)
        return {"figures": figures,
                "chart": {"kind": "attractiveness", "bar": figures.bar,
                          "accounts": [{"name": name, "value": value, "key": is_key}
                                       for name, value, is_key in figures.top]}}


def attractiveness_panel(request, account: Account) -> dict | None:
    """Return the account page's attractiveness section, or None for a viewer whose
    analytics do not reach the account."""
    user = request.user
    if not may_view_analytics(user) or not visible_accounts(user).filter(pk=account.pk).exists():
        return None
    scoring = account_attractiveness(account=account, run=latest_run())
    form = None
    if may_score(user, account):
        form = AttractivenessScoresForm(
            criteria=[item.criterion for item in scoring.criteria],
            scores={item.criterion.pk: item.manual for item in scoring.criteria
                    if item.manual is not None},
            auto_id="attractiveness_%s")
    return {"account": account, "scoring": scoring, "form": form,
            "rows": _rows(scoring, form),
            "action": reverse("analytics:account_attractiveness", args=[account.pk])}


def _rows(scoring, form) -> list[tuple]:
    return [(item, form.field_for(item.criterion) if form else None)
            for item in scoring.criteria]


class AccountAttractivenessView(LoginRequiredMixin, View):
    """Score an account on each criterion: the form alone (GET), or save it (POST) and go
    back to the account page."""

    def account(self, request, pk: int) -> Account:
        account = get_object_or_404(Account.objects.restrict(request.user, "view"), pk=pk)
        if not may_score(request.user, account):
            raise PermissionDenied(_("Your role does not allow scoring this account."))
        return account

    def form(self, request, account: Account, data=None) -> AttractivenessScoresForm:
        return AttractivenessScoresForm(data, criteria=weighted_criteria(),
                                        scores=account_scores(account=account),
                                        auto_id="attractiveness_%s")

    def render(self, request, account, form, status=200):
        scoring = account_attractiveness(account=account, run=latest_run())
        return render(request, "analytics/attractiveness_scores.html", {
            "account": account, "form": form, "scoring": scoring,
            "rows": _rows(scoring, form),
            "action": reverse("analytics:account_attractiveness", args=[account.pk])},
            status=status)

    def get(self, request, pk: int):
        account = self.account(request, pk)
        return self.render(request, account, self.form(request, account))

    def post(self, request, pk: int):
        account = self.account(request, pk)
        form = self.form(request, account, request.POST)
        if form.is_valid():
            try:
                attractiveness_scores_set(user=request.user, account=account,
                                          scores=form.changed_scores())
            except ValidationError as error:
                form.add_service_errors(error.message_dict)
            except PermissionDeniedError as error:
                raise PermissionDenied(error.message) from error
            else:
                messages.success(request, _("The attractiveness scores of %(account)s were "
                                            "saved.") % {"account": account.name})
                return redirect(reverse("accounts:account", args=[account.pk])
                                + "#attractiveness")
        return self.render(request, account, form, status=400)
