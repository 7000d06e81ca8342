"""The opportunity pages, declared on the generic record views, with closing and moving."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.contacts.models import Contact
from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError, StaleVersionError
from clientela.core.forms.formsets import formset_rows
from clientela.core.permissions import restrict
from clientela.core.tables import Cell

from .. import filtersets, tables
from ..choices import StageKind
from ..forms import opportunities as forms
from ..models import Opportunity, Stage
from ..selectors.opportunities import opportunity_stage_stays
from ..services.opportunities import opportunity_close, opportunity_move, opportunity_save
from .board import board_summary
from .documents import DocumentLinesMixin

FIELDSETS = (
    (_("Opportunity"), ("name", "account", "pipeline", "stage", "status", "probability",
                        "expected_close_date", "forecast_category", "next_step", "owner",
                        "team")),
    (_("Value"), ("amount", "currency", "lead_source")),
    (_("Closing"), ("closed_on", "lost_reason", "lost_detail")),
    (_("Description"), ("description",)),
)


def duration_text(delta) -> str:
    """Return a duration as days and hours, the way people speak of a stage's length."""
    days, seconds = delta.days, delta.seconds
    hours = seconds // 3600
    if days:
        return _t("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    minutes = (seconds % 3600) // 60
    return _t("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}


class OpportunityListView(generic.ObjectListView):
    queryset = Opportunity.objects.select_related("owner", "team", "account", "stage",
                                                  "pipeline")
    filterset = filtersets.OpportunityFilterSet
    filter_fields = ("q", "pipeline", "stage", "status", "owner", "team", "account",
                     "expected_close_date__gte", "expected_close_date__lte",
                     "effective_forecast_category", "closed_on__gte", "closed_on__lte",
                     "forecast_period", "forecast_figure")
    table = tables.OpportunityTable

    def get_links(self):
        return [generic.Action(_t("Board"), reverse("sales:opportunity_board"), "bi-kanban"),
                generic.Action(_t("Forecast"), reverse("sales:forecast"), "bi-speedometer2")]


class OpportunityView(generic.ObjectView):
    queryset = Opportunity.objects.select_related("owner", "team", "account", "stage",
                                                  "pipeline", "created_by")
    template_name = "sales/opportunity.html"
    fieldsets = FIELDSETS

    def get_related(self, obj):
        user = self.request.user
        visible_contacts = restrict(Contact.objects.all(), user, "view")
        roles = obj.contact_roles.filter(contact__in=visible_contacts).select_related("contact")
        competitors = restrict(obj.competitors.all(), user, "view")
        return [
            generic.RelatedList(
                str(_("Contacts")), [str(_("Contact")), str(_("Role"))],
                [[Cell(str(item.contact), item.contact.get_absolute_url()),
                  Cell(item.get_role_display())] for item in roles],
            ),
            generic.RelatedList(
                str(_("Competitors")), [str(_("Account"))],
                [[Cell(str(account), account.get_absolute_url())] for account in competitors],
            ),
        ]

    def get_extra_context(self, obj):
        stays = opportunity_stage_stays(opportunity=obj)
        return {
            "stays": [
                {"stay": stay, "duration": duration_text(stay.duration)} for stay in stays
            ],
            "lines": obj.lines.select_related("product"),
            "may_close": self.may(obj, "edit"),
            "close_form": forms.OpportunityCloseForm(initial={
                "outcome": StageKind.WON if obj.status != StageKind.LOST else StageKind.LOST,
                "version": obj.version, "reason": obj.lost_reason,
            }),
        }


class OpportunityHistoryView(OpportunityView):
    tab = "history"


class OpportunityEditView(DocumentLinesMixin, generic.ObjectEditView):
    """Edit an opportunity with its contacts and their roles and its lines, saved through the
    service."""

    queryset = Opportunity.objects.all()
    form = forms.OpportunityForm

    def get_formsets(self, obj, data=None):
        visible = restrict(Contact.objects.all(), self.request.user, "view")
        return {
            _("Contacts and roles"): forms.ContactRoleFormSet(
                data, prefix="contacts", form_kwargs={"user": self.request.user},
                initial=[{"contact": item.contact_id, "role": item.role}
                         for item in obj.contact_roles.filter(contact__in=visible)]
                if obj.pk else None,
            ),
            **super().get_formsets(obj, data),
        }

    def save_object(self, form):
        opportunity = form.save(commit=False)
        contacts = [{"contact": row["contact"], "role": row["role"]}
                    for row in formset_rows(next(formset for formset in self.formsets.values()
                                                 if formset.prefix == "contacts"))]
        opportunity_save(opportunity=opportunity, user=self.request.user,
                         expected_version=form.cleaned_data.get("version"), contacts=contacts,
                         lines=self.lines_from_formset())
        form.save_m2m()
        return opportunity


class OpportunityDeleteView(generic.ObjectDeleteView):
    queryset = Opportunity.objects.all()


class OpportunityBulkEditView(generic.BulkEditView):
    queryset = Opportunity.objects.all()
    form = forms.OpportunityBulkEditForm


class OpportunityBulkDeleteView(generic.BulkDeleteView):
    queryset = Opportunity.objects.all()


class OpportunityExportView(generic.ObjectExportView, OpportunityListView):
    pass


class OpportunityCloseView(generic.RecordViewMixin, View):
    """Close an opportunity as won or lost through `opportunity_close` (the detail's dialog)."""

    queryset = Opportunity.objects.select_related("stage", "pipeline")
    permission_action = "edit"
    template_name = "sales/opportunity_close.html"

    def get(self, request, pk):
        obj = self.get_object(pk)
        form = forms.OpportunityCloseForm(initial={"outcome": StageKind.WON,
                                                   "version": obj.version})
        return self.render_form(obj, form)

    def post(self, request, pk):
        obj = self.get_object(pk)
        form = forms.OpportunityCloseForm(request.POST)
        if not form.is_valid():
            return self.render_form(obj, form, status=400)
        data = form.cleaned_data
        try:
            closed = opportunity_close(
                user=request.user, opportunity=obj, won=data["outcome"] == StageKind.WON,
                reason=data["reason"] or None, detail=data["detail"],
                closed_on=data["closed_on"], version=data["version"],
            )
        except StaleVersionError as error:
            form.add_error(None, error.message)
            return self.render_form(obj, form, status=409)
        except ApplicationError as error:
            field = {"won": "outcome"}.get(error.field or "", error.field)
            form.add_error(field if field in form.fields else None, error.message)
            return self.render_form(obj, form, status=400)
        messages.success(request, _t("%(record)s closed as %(status)s.") % {
            "record": closed, "status": closed.get_status_display().lower()})
        return HttpResponseRedirect(closed.get_absolute_url())

    def render_form(self, obj, form, status=200):
        return render(self.request, self.template_name,
                      {**self.base_context(), "object": obj, "form": form}, status=status)


class OpportunityMoveView(generic.RecordViewMixin, View):
    """Move an opportunity to another stage: the board's drop and its "Move to" menu.

    Answers JSON to the board's script (the new version and the board's column summaries, or
    `detail` with 400/403/404/409), and redirects back to the board for a plain form post.
    """

    queryset = Opportunity.objects.select_related("stage", "pipeline")
    permission_action = "edit"

    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "")

    def refuse(self, message: str, status: int):
        if self.wants_json():
            return JsonResponse({"detail": message}, status=status)
        messages.error(self.request, message)
        return HttpResponseRedirect(self.board_url())

    def board_url(self) -> str:
        query = self.request.POST.get("board_query", "")
        url = reverse("sales:opportunity_board")
        return f"{url}?{query}" if query else url

    def post(self, request, pk):
        try:
            obj = self.get_object(pk)
        except Http404:
            return self.refuse(_t("This opportunity does not exist or you may not see it."),
                               404)
        except PermissionDenied:
            return self.refuse(_t("Your role does not allow changing this opportunity."), 403)
        stage_id = request.POST.get("stage", "")
        stage = Stage.objects.filter(pk=stage_id).first() if stage_id.isdigit() else None
        if stage is None:
            return self.refuse(_t("Choose a stage of the opportunity's pipeline."), 400)
        version = request.POST.get("version", "")
        try:
            moved = opportunity_move(user=request.user, opportunity=obj, stage=stage,
                                     version=int(version) if version.isdigit() else None)
        except StaleVersionError:
            return self.refuse(_t("Someone else changed this opportunity since the board was "
                                  "loaded. Reload the board and try again."), 409)
        except ApplicationError as error:
            return self.refuse(error.message, error.status_code)
        if not self.wants_json():
            messages.success(request, _t("%(record)s moved to %(stage)s.") % {
                "record": moved, "stage": moved.stage})
            return HttpResponseRedirect(self.board_url())
        return JsonResponse({
            "id": moved.pk, "version": moved.version, "stage": moved.stage_id,
            "probability": moved.probability, "status": moved.status,
            "columns": board_summary(request, moved.pipeline),
        })

