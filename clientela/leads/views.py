"""The lead pages, declared on the generic record views, and the conversion wizard."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError
from clientela.core.permissions import restrict

from . import filtersets, forms, tables
from .choices import LeadErrorCode
from .models import Lead
from .selectors import lead_conversion_matches
from .services import lead_convert

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

    def get_actions(self, obj):
        actions = super().get_actions(obj)
        if obj.converted_at is None and self.may(obj, "edit"):
            actions.insert(0, generic.Action(_t("Convert"), generic.record_url(obj, "convert"),
                                             "bi-arrow-right-circle", "success"))
        return actions

    def get_extra_context(self, obj):
        user = self.request.user

        def visible_url(model, pk):
            if pk and restrict(model.objects.filter(pk=pk), user, "view").exists():
                return generic.record_url(model, "", pk)
            return None

        return {
            "converted_account_url": visible_url(Account, obj.converted_account_id),
            "converted_contact_url": visible_url(Contact, obj.converted_contact_id),
        }


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


class LeadConvertView(generic.RecordViewMixin, View):
    """Convert a lead: pick matching records or create new ones, then call `lead_convert`."""

    queryset = Lead.objects.all()
    permission_action = "edit"
    template_name = "leads/lead_convert.html"

    def get(self, request, pk):
        lead = self.get_object(pk)
        if lead.converted_at is not None:
            messages.error(request, LeadErrorCode.ALREADY_CONVERTED.label)
            return HttpResponseRedirect(lead.get_absolute_url())
        matches = lead_conversion_matches(lead=lead, user=request.user)
        return self.render_form(lead, forms.LeadConvertForm(lead=lead, matches=matches))

    def post(self, request, pk):
        lead = self.get_object(pk)
        matches = lead_conversion_matches(lead=lead, user=request.user)
        form = forms.LeadConvertForm(request.POST, lead=lead, matches=matches)
        if not form.is_valid():
            return self.render_form(lead, form)
        try:
            with transaction.atomic():
                result = lead_convert(lead=lead, user=request.user,
                                      **form.conversion_arguments())
        except ValidationError as error:
            for key, errors in error.message_dict.items():
                form.add_error(form.field_for(key), errors)
            return self.render_form(lead, form)
        except ApplicationError as error:
            if error.code == LeadErrorCode.ALREADY_CONVERTED:
                messages.error(request, error.message)
                return HttpResponseRedirect(lead.get_absolute_url())
            form.add_error(form.field_for(error.field), error.message)
            return self.render_form(lead, form)
        if result.opportunity is not None:
            messages.success(request, _t(
                "%(lead)s converted into %(contact)s and the opportunity %(opportunity)s."
            ) % {"lead": lead, "contact": result.contact, "opportunity": result.opportunity})
            return HttpResponseRedirect(result.opportunity.get_absolute_url())
        messages.success(request, _t("%(lead)s converted into %(contact)s.") % {
            "lead": lead, "contact": result.contact,
        })
        return HttpResponseRedirect(result.contact.get_absolute_url())

    def render_form(self, lead, form):
        return render(self.request, self.template_name, {
            **self.base_context(), "object": lead, "form": form,
        })
