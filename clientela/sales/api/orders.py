"""The orders collection of the API: /api/v1/orders/, with their lines."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..filtersets import OrderFilterSet
from ..models import Invoice, Order
from ..services.invoices import order_invoice
from ..services.orders import ADDRESS_FIELDS, order_save
from .documents import DocumentSerializer
from .invoices import InvoiceSerializer


class OrderSerializer(DocumentSerializer):
    """An order with its `lines` (replaced as a whole when sent; left out, they stay) and
    addresses (the account's when a new order has none). The quote it came from and the
    totals are read-only."""

    class Meta(RecordSerializer.Meta):
        model = Order
        fields = [
            *RECORD_FIELDS, "subject", "account", "contact", "opportunity", "quote",
            "currency", "price_book", "order_date", "shipping_status", "shipped_on",
            *ADDRESS_FIELDS, "description", "lines", "subtotal", "discount_total",
            "tax_total", "total",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "quote", "subtotal",
                            "discount_total", "tax_total", "total"]
        extra_kwargs = {"currency": {"required": False}}

    def save_document(self, instance, *, lines, expected_version):
        order_save(order=instance, user=self.user, lines=lines, expected_version=expected_version)


class OrderInvoiceSerializer(serializers.Serializer):
    issue = serializers.BooleanField(required=False, default=False)


class OrderViewSet(RecordViewSet):
    queryset = Order.objects.order_by("-order_date", "-id")
    serializer_class = OrderSerializer
    filterset_class = OrderFilterSet
    ordering_fields = ["id", "subject", "account", "order_date", "shipping_status",
                       "shipped_on", "currency", "subtotal", "total", "created_at",
                       "updated_at"]
    object_actions = {**OBJECT_ACTIONS, "invoice": "view"}

    @extend_schema(request=OrderInvoiceSerializer, responses={201: InvoiceSerializer})
    @action(detail=True, methods=["post"])
    def invoice(self, request, pk=None):
        """Make the order's invoice, a draft unless `issue` is true; answer 201 with it (409
        when the order already has one that is not cancelled)."""
        order = self.get_object()
        verb = OrderInvoiceSerializer(data=request.data)
        verb.is_valid(raise_exception=True)
        invoice = order_invoice(order=order, user=request.user,
                                issue=verb.validated_data.get("issue", False))
        fresh = Invoice.objects.get(pk=invoice.pk)
        return Response(InvoiceSerializer(fresh, context=self.get_serializer_context()).data,
                        status=201)


register_viewset("orders", OrderViewSet)
