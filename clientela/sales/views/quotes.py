"""The quote pages, declared on the generic record views, with their lines and status verbs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError, StaleVersionError
from clientela.core.permissions import can, restrict

from .. import filtersets, tables
from ..choices import QuoteStatus
from ..forms import quotes as forms
from ..forms.documents import DocumentVerbForm
from ..models import Order, Quote
from ..services.orders import quote_convert_to_order
from ..services.quotes import quote_accept, quote_delete, quote_reject, quote_save, quote_send
from .documents import DocumentLinesMixin, PrintedDocumentMixin

RELATED = ("owner", "team", "account", "contact", "opportunity", "currency", "price_book")

FIELDSETS = (
    (_("Quote"), ("subject", "account", "contact", "opportunity", "status", "valid_until",
                  "owner", "team")),
    (_("Prices"), ("currency", "price_book")),
    (_("Dates"), ("sent_on", "answered_on")),
    (_("Terms"), ("terms",)),
)

class QuoteListView(generic.ObjectListView):
    queryset = Quote.objects.select_related(*RELATED)
    filterset = filtersets.QuoteFilterSet
    filter_fields = ("q", "status", "owner", "team", "account", "valid_until__gte",
                     "valid_until__lte")
    table = tables.QuoteTable


class QuoteView(PrintedDocumentMixin, generic.ObjectView):
    queryset = Quote.objects.select_related(*RELATED, "created_by")
    template_name = "sales/quote.html"
    fieldsets = FIELDSETS

    def get_actions(self, obj):
        actions = super().get_actions(obj)
        if obj.status == QuoteStatus.ACCEPTED:
            # An accepted quote is final: neither edited nor deleted.
            actions = [action for action in actions
                       if action.url not in (generic.record_url(obj, "edit"),
                                             generic.record_url(obj, "delete"))]
        return actions

    def get_extra_context(self, obj):
        may_edit = self.may(obj, "edit")
        status = obj.effective_status
        return {
            "lines": obj.lines.select_related("product"),
            "effective_status": QuoteStatus(status),
            "verb_form": DocumentVerbForm(initial={"version": obj.version}),
            "may_send": may_edit and status == QuoteStatus.DRAFT,
            "may_answer": may_edit and status == QuoteStatus.SENT,
            # A quote becomes one order at most (even one in the recycle bin); its link shows
            # only to those who may see that order.
            "order": restrict(Order.objects.filter(quote=obj), self.request.user, "view").first(),
            "may_convert": status == QuoteStatus.ACCEPTED
            and not Order.all_objects.filter(quote=obj).exists()
            and can(self.request.user, "orders", "create"),
            **self.printed_context(obj),
        }


class QuoteHistoryView(QuoteView):
    tab = "history"


class QuoteEditView(DocumentLinesMixin, generic.ObjectEditView):
    """Edit a quote with its lines, saved and priced through `quote_save`."""

    queryset = Quote.objects.all()
    form = forms.QuoteForm

    def save_object(self, form):
        quote = form.save(commit=False)
        quote_save(quote=quote, user=self.request.user, lines=self.lines_from_formset(),
                   expected_version=form.cleaned_data.get("version"))
        form.save_m2m()
        return quote


class QuoteDeleteView(generic.ObjectDeleteView):
    queryset = Quote.objects.all()

    def delete_object(self, obj):
        quote_delete(user=self.request.user, quote=obj)


class QuoteBulkEditView(generic.BulkEditView):
    queryset = Quote.objects.all()
    form = forms.QuoteBulkEditForm


class QuoteBulkDeleteView(generic.BulkDeleteView):
    queryset = Quote.objects.exclude(status=QuoteStatus.ACCEPTED)


class QuoteExportView(generic.ObjectExportView, QuoteListView):
    pass


class QuoteStatusView(generic.RecordViewMixin, View):
    """Send, accept or reject a quote (the detail page's buttons)."""

    queryset = Quote.objects.all()
    permission_action = "edit"
    verbs = {"send": quote_send, "accept": quote_accept, "reject": quote_reject}
    done = {"send": _("%(record)s marked as sent."), "accept": _("%(record)s accepted."),
            "reject": _("%(record)s rejected.")}
    verb = "send"

    def post(self, request, pk):
        obj = self.get_object(pk)
        form = DocumentVerbForm(request.POST)
        version = form.cleaned_data.get("version") if form.is_valid() else None
        try:
            changed = self.verbs[self.verb](user=request.user, quote=obj, version=version)
        except StaleVersionError:
            messages.error(request, _t("Someone else changed this quote since you loaded it. "
                                       "Look at it again and retry."))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(self.done[self.verb]) % {"record": changed})
        return HttpResponseRedirect(obj.get_absolute_url())


class QuoteConvertView(generic.RecordViewMixin, View):
    """Make the order of an accepted quote (the detail page's button) and open it."""

    queryset = Quote.objects.all()
    permission_action = "view"

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            order = quote_convert_to_order(quote=obj, user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _t("Order %(order)s made from the quote.") % {"order": order})
        return HttpResponseRedirect(order.get_absolute_url())
