"""The invoice pages, declared on the generic record views, with their lines, payments and
verbs (issue, record a payment, cancel with a credit note), and invoicing an order."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import View

from clientela.core import views as generic
from clientela.core.exceptions import ApplicationError, StaleVersionError

from .. import filtersets, tables
from ..choices import OPEN_STATUSES, InvoiceKind, InvoiceStatus
from ..documents import round_money
from ..forms import invoices as forms
from ..forms.documents import DocumentVerbForm
from ..models import Invoice, Order
from ..money import decimal_places
from ..selectors.invoices import credit_note_of
from ..services.invoices import (
    invoice_cancel,
    invoice_delete,
    invoice_issue,
    invoice_save,
    order_invoice,
    payment_record,
)
from .documents import DocumentLinesMixin, PrintedDocumentMixin

RELATED = ("owner", "team", "account", "contact", "opportunity", "order", "currency",
           "price_book", "credited_invoice")

FIELDSETS = (
    (_("Invoice"), ("number", "kind", "subject", "account", "contact", "opportunity", "order",
                    "credited_invoice", "owner", "team")),
    (_("Dates"), ("invoice_date", "due_date", "issued_on", "paid_on", "cancelled_on")),
    (_("Prices"), ("currency", "price_book")),
    (_("Billing address"), ("billing_street", "billing_city", "billing_region",
                            "billing_postal_code", "billing_country")),
    (_("Shipping address"), ("shipping_street", "shipping_city", "shipping_region",
                             "shipping_postal_code", "shipping_country")),
    (_("Terms"), ("terms", "description")),
)

STALE = _("Someone else changed this invoice since you loaded it. Look at it again and retry.")


class InvoiceListView(generic.ObjectListView):
    queryset = Invoice.objects.select_related(*RELATED)
    filterset = filtersets.InvoiceFilterSet
    filter_fields = ("q", "status", "kind", "owner", "team", "account", "invoice_date__gte",
                     "invoice_date__lte", "due_date__lte")
    table = tables.InvoiceTable


class InvoiceView(PrintedDocumentMixin, generic.ObjectView):
    queryset = Invoice.objects.select_related(*RELATED, "created_by")
    template_name = "sales/invoice.html"
    fieldsets = FIELDSETS

    def get_actions(self, obj):
        actions = super().get_actions(obj)
        if obj.status != InvoiceStatus.DRAFT:
            # An issued invoice is final: neither edited nor deleted.
            actions = [action for action in actions
                       if action.url not in (generic.record_url(obj, "edit"),
                                             generic.record_url(obj, "delete"))]
        return actions

    def get_extra_context(self, obj):
        may_edit = self.may(obj, "edit")
        is_invoice = obj.kind == InvoiceKind.INVOICE
        return {
            "lines": obj.lines.select_related("product"),
            "payments": obj.payments.select_related("created_by"),
            "effective_status": InvoiceStatus(obj.effective_status),
            "verb_form": DocumentVerbForm(initial={"version": obj.version}),
            "payment_form": forms.PaymentForm(initial={
                "version": obj.version,
                "amount": round_money(obj.balance_due, decimal_places(obj.currency_id)) or None,
                "paid_on": timezone.localdate()}),
            "cancel_form": forms.CancelInvoiceForm(initial={"version": obj.version}),
            "may_issue": may_edit and obj.status == InvoiceStatus.DRAFT,
            "may_pay": may_edit and is_invoice and obj.status in (*OPEN_STATUSES,
                                                                  InvoiceStatus.PAID),
            "may_cancel": may_edit and is_invoice and obj.status in OPEN_STATUSES,
            "credit_note": credit_note_of(self.request.user, obj),
            **self.printed_context(obj),
        }


class InvoiceHistoryView(InvoiceView):
    tab = "history"


class InvoiceEditView(DocumentLinesMixin, generic.ObjectEditView):
    """Edit a draft invoice with its lines, saved and priced through `invoice_save`."""

    queryset = Invoice.objects.all()
    form = forms.InvoiceForm

    def get(self, request, pk=None):
        if pk is not None:
            obj = self.get_object(pk)
            if obj.status != InvoiceStatus.DRAFT:
                messages.error(request, _t("An issued invoice cannot be changed; cancel it "
                                           "with a credit note instead."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return super().get(request, pk)

    def save_object(self, form):
        invoice = form.save(commit=False)
        invoice_save(invoice=invoice, user=self.request.user, lines=self.lines_from_formset(),
                     expected_version=form.cleaned_data.get("version"))
        form.save_m2m()
        return invoice


class InvoiceDeleteView(generic.ObjectDeleteView):
    queryset = Invoice.objects.all()

    def delete_object(self, obj):
        invoice_delete(user=self.request.user, invoice=obj)


class InvoiceBulkEditView(generic.BulkEditView):
    queryset = Invoice.objects.all()
    form = forms.InvoiceBulkEditForm


class InvoiceBulkDeleteView(generic.BulkDeleteView):
    queryset = Invoice.objects.filter(status=InvoiceStatus.DRAFT)


class InvoiceExportView(generic.ObjectExportView, InvoiceListView):
    pass


class InvoiceVerbView(generic.RecordViewMixin, View):
    """Run one verb on an invoice from its detail page's buttons and go back to it."""

    queryset = Invoice.objects.all()
    permission_action = "edit"
    form_class = DocumentVerbForm

    def run(self, obj, form):
        raise NotImplementedError

    def post(self, request, pk):
        obj = self.get_object(pk)
        form = self.form_class(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label
                               else " ".join(errors))
            return HttpResponseRedirect(obj.get_absolute_url())
        try:
            target = self.run(obj, form)
        except StaleVersionError:
            messages.error(request, str(STALE))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            return HttpResponseRedirect(target.get_absolute_url())
        return HttpResponseRedirect(obj.get_absolute_url())


class InvoiceIssueView(InvoiceVerbView):
    def run(self, obj, form):
        issued = invoice_issue(user=self.request.user, invoice=obj,
                               version=form.cleaned_data.get("version"))
        messages.success(self.request, _t("Invoice %(number)s issued.")
                         % {"number": issued.number})
        return issued


class InvoicePaymentView(InvoiceVerbView):
    form_class = forms.PaymentForm

    def run(self, obj, form):
        data = form.cleaned_data
        payment_record(user=self.request.user, invoice=obj, amount=data["amount"],
                       paid_on=data["paid_on"], method=data["method"],
                       reference=data["reference"], note=data["note"],
                       version=data.get("version"))
        messages.success(self.request, _t("Payment recorded."))
        return obj


class InvoiceCancelView(InvoiceVerbView):
    form_class = forms.CancelInvoiceForm

    def run(self, obj, form):
        credit = invoice_cancel(user=self.request.user, invoice=obj,
                                version=form.cleaned_data.get("version"),
                                reason=form.cleaned_data.get("reason", ""))
        messages.success(self.request, _t("Invoice cancelled by credit note %(number)s.")
                         % {"number": credit.number})
        return credit


class OrderInvoiceView(generic.RecordViewMixin, View):
    """Make the invoice of an order (the order page's button) and open it."""

    queryset = Order.objects.all()
    permission_action = "view"

    def post(self, request, pk):
        obj = self.get_object(pk)
        try:
            invoice = order_invoice(order=obj, user=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _t("Draft invoice made from the order; issue it when it is "
                                     "right."))
        return HttpResponseRedirect(invoice.get_absolute_url())

