"""The lead pages, declared on the generic record views, and the conversion wizard."""

from django.utils.translation import gettext_lazy as _

from clientela.core import views as generic

from . import filtersets, forms, tables
from .models import Lead

FIELDSETS = (
    (_("Lead"), ("salutation", "first_name", "last_name", "title", "company", "status",
                 "source", "rating", "industry", "owner", "team")),
    (_("Reach"), ("email", "phone", "mobile", "website")),
    (_("Address"), ("street", "city", "region", "postal_code", "country")),
    (_("Description"), ("description",)),
)


class LeadListView(generic.ObjectListView):
    queryset = Lead.objects.select_related("owner", "team", "converted_account",
                                           "converted_contact")
    filterset = filtersets.LeadFilterSet
    filter_fields = ("q", "status", "source", "rating", "industry", "owner", "team")
    table = tables.LeadTable


class LeadView(generic.ObjectView):
    queryset = Lead.objects.select_related("owner", "team", "converted_account",
                                           "converted_contact")
    template_name = "leads/lead.html"
    fieldsets = FIELDSETS


class LeadHistoryView(LeadView):
    tab = "history"


class LeadEditView(generic.ObjectEditView):
    queryset = Lead.objects.all()
    form = forms.LeadForm


class LeadDeleteView(generic.ObjectDeleteView):
    queryset = Lead.objects.all()


class LeadBulkEditView(generic.BulkEditView):
    queryset = Lead.objects.all()
    form = forms.LeadBulkEditForm


class LeadBulkDeleteView(generic.BulkDeleteView):
    queryset = Lead.objects.all()


class LeadExportView(generic.ObjectExportView, LeadListView):
    pass
