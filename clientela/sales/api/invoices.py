"""The invoices collection of the API: /api/v1/invoices/, with lines, payments and the verbs
issue and cancel."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..choices import PaymentMethod
from ..filtersets import InvoiceFilterSet
from ..models import Invoice, Payment
from ..services.invoices import (
    invoice_cancel,
    invoice_delete,
    invoice_issue,
    invoice_save,
    payment_record,
)
from ..services.orders import ADDRESS_FIELDS
from .documents import PRINTED_DOCUMENT_ACTIONS, DocumentSerializer, PrintedDocumentActions
from .opportunities import IF_MATCH

STATE_FIELDS = ("number", "kind", "order", "credited_invoice", "status", "issued_on",
                "amount_paid", "paid_on", "cancelled_on", "subtotal", "discount_total",
                "tax_total", "total")


class InvoiceSerializer(DocumentSerializer):
    """An invoice or credit note with its `lines` and addresses (the account's when a new
    invoice has none). Only drafts are written; number, kind, status, dates of issue, payment
    and cancellation, amount paid and totals are read-only, and `balance_due` is what is
    still owed."""

    balance_due = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Invoice
        fields = [
            *RECORD_FIELDS, "number", "kind", "subject", "account", "contact", "opportunity",
            "order", "credited_invoice", "currency", "price_book", "invoice_date", "due_date",
            "status", "issued_on", "paid_on", "cancelled_on", *ADDRESS_FIELDS, "terms",
            "description", "lines", "subtotal", "discount_total", "tax_total", "total",
            "amount_paid", "balance_due",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, *STATE_FIELDS]
        extra_kwargs = {"currency": {"required": False}}

    def save_document(self, instance, *, lines, expected_version):
        invoice_save(invoice=instance, user=self.user, lines=lines,
                     expected_version=expected_version)


class PaymentSerializer(serializers.ModelSerializer):
    """A payment against an invoice; a negative amount is a refund. The paid date defaults
    to today."""

    paid_on = serializers.DateField(required=False)
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False)

    class Meta:
        model = Payment
        fields = ["id", "invoice", "paid_on", "amount", "method", "reference", "note",
                  "created_at", "created_by"]
        read_only_fields = ["id", "invoice", "created_at", "created_by"]


class InvoiceVerbSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True)


class CancelSerializer(InvoiceVerbSerializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class InvoiceViewSet(PrintedDocumentActions, RecordViewSet):
    queryset = Invoice.objects.order_by("-invoice_date", "-id")
    serializer_class = InvoiceSerializer
    filterset_class = InvoiceFilterSet
    ordering_fields = ["id", "number", "subject", "account", "invoice_date", "due_date",
                       "status", "currency", "subtotal", "total", "amount_paid", "issued_on",
                       "paid_on", "created_at", "updated_at"]
    object_actions = {**OBJECT_ACTIONS, "issue": "edit", "cancel": "edit",
                      "payments": "view", **PRINTED_DOCUMENT_ACTIONS}

    def perform_destroy(self, instance) -> None:
        invoice_delete(user=self.request.user, invoice=instance)

    def _answer(self, invoice: Invoice, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=invoice.pk)
        response = Response(self.get_serializer(fresh).data, status=status)
        response["ETag"] = f'"{fresh.version}"'
        return response

    @extend_schema(request=InvoiceVerbSerializer, responses=InvoiceSerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """Issue a draft invoice: it gets the next number of its year and is final from then
        on; answer with the invoice."""
        invoice = self.get_object()
        InvoiceVerbSerializer(data=request.data).is_valid(raise_exception=True)
        return self._answer(invoice_issue(user=request.user, invoice=invoice,
                                          version=self.expected_version()))

    @extend_schema(request=CancelSerializer, responses={201: InvoiceSerializer},
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel an issued invoice with nothing paid; answer 201 with its credit note."""
        invoice = self.get_object()
        verb = CancelSerializer(data=request.data)
        verb.is_valid(raise_exception=True)
        credit = invoice_cancel(user=request.user, invoice=invoice,
                                version=self.expected_version(),
                                reason=verb.validated_data.get("reason", ""))
        return self._answer(credit, status=201)

    @extend_schema(methods=["GET"], responses=PaymentSerializer(many=True))
    @extend_schema(methods=["POST"], request=PaymentSerializer,
                   responses={201: PaymentSerializer}, parameters=[IF_MATCH])
    @action(detail=True, methods=["get", "post"])
    def payments(self, request, pk=None):
        """List the invoice's payments, or record one (201; a negative amount is a refund)."""
        invoice = self.get_object()
        if request.method == "GET":
            return Response(PaymentSerializer(invoice.payments.all(), many=True).data)
        data = PaymentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        payment = payment_record(
            user=request.user, invoice=invoice, amount=values["amount"],
            paid_on=values.get("paid_on") or timezone.localdate(),
            method=values.get("method", PaymentMethod.BANK_TRANSFER),
            reference=values.get("reference", ""), note=values.get("note", ""),
            version=self.expected_version(),
        )
        return Response(PaymentSerializer(payment).data, status=201)


register_viewset("invoices", InvoiceViewSet)
