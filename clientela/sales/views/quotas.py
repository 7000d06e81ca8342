"""The quota pages, declared on the generic record views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from clientela.core import views as generic

from .. import filtersets, tables
from ..forms import quotas as forms
from ..models import Quota

FIELDSETS = (
    (_("Quota"), ("user", "sales_team", "period_kind", "period_start", "amount")),
    (_("Record"), ("owner", "team")),
    (_("Notes"), ("notes",)),
)


class QuotaListView(generic.ObjectListView):
    queryset = Quota.objects.select_related("owner", "team", "user", "sales_team")
    filterset = filtersets.QuotaFilterSet
    filter_fields = ("q", "user", "sales_team", "period_kind", "period_start__gte",
                     "period_start__lte")
    table = tables.QuotaTable

    def get_links(self):
        return [generic.Action(_t("Forecast"), reverse("sales:forecast"), "bi-speedometer2")]


class QuotaView(generic.ObjectView):
    queryset = Quota.objects.select_related("owner", "team", "user", "sales_team",
                                            "created_by")
    fieldsets = FIELDSETS


class QuotaHistoryView(QuotaView):
    tab = "history"


class QuotaEditView(generic.ObjectEditView):
    queryset = Quota.objects.all()
    form = forms.QuotaForm

    def add_errors(self, form, error: ValidationError) -> None:
        # The form edits the period's kind and start as one field, `period`.
        if hasattr(error, "error_dict"):
            error = ValidationError({
                "period" if name in ("period_kind", "period_start") else name: messages
                for name, messages in error.message_dict.items()})
        super().add_errors(form, error)


class QuotaDeleteView(generic.ObjectDeleteView):
    queryset = Quota.objects.all()


class QuotaBulkEditView(generic.BulkEditView):
    queryset = Quota.objects.all()
    form = forms.QuotaBulkEditForm


class QuotaBulkDeleteView(generic.BulkDeleteView):
    queryset = Quota.objects.all()


class QuotaExportView(generic.ObjectExportView, QuotaListView):
    pass
