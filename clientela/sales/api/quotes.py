"""The quotes collection of the API: /api/v1/quotes/, with lines and the status verbs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..filtersets import QuoteFilterSet
from ..models import Order, Quote
from ..services.orders import quote_convert_to_order
from ..services.quotes import quote_accept, quote_delete, quote_reject, quote_save, quote_send
from .documents import (
    PRINTED_DOCUMENT_ACTIONS,
    DocumentSerializer,
    PrintedDocumentActions,
)
from .opportunities import IF_MATCH
from .orders import OrderSerializer


class QuoteSerializer(DocumentSerializer):
    """A quote with its `lines` (replaced as a whole when sent; left out, they stay). Status,
    dates of sending and answer, and the totals are read-only."""

    class Meta(RecordSerializer.Meta):
        model = Quote
        fields = [
            *RECORD_FIELDS, "subject", "account", "contact", "opportunity", "currency",
            "price_book", "valid_until", "terms", "status", "sent_on", "answered_on", "lines",
            "subtotal", "discount_total", "tax_total", "total",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "status", "sent_on",
                            "answered_on", "subtotal", "discount_total", "tax_total", "total"]
        extra_kwargs = {"currency": {"required": False}}

    def save_document(self, instance, *, lines, expected_version):
        quote_save(quote=instance, user=self.user, lines=lines, expected_version=expected_version)


class QuoteVerbSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True)


class QuoteViewSet(PrintedDocumentActions, RecordViewSet):
    queryset = Quote.objects.order_by("-created_at", "-id")
    serializer_class = QuoteSerializer
    filterset_class = QuoteFilterSet
    ordering_fields = ["id", "subject", "account", "status", "valid_until", "currency",
                       "subtotal", "total", "sent_on", "created_at", "updated_at"]
    object_actions = {**OBJECT_ACTIONS, "send": "edit", "accept": "edit", "reject": "edit",
                      "convert_to_order": "view", **PRINTED_DOCUMENT_ACTIONS}

    def perform_destroy(self, instance) -> None:
        quote_delete(user=self.request.user, quote=instance)

    def _verb(self, request, service) -> Response:
        quote = self.get_object()
        QuoteVerbSerializer(data=request.data).is_valid(raise_exception=True)
        changed = service(user=request.user, quote=quote, version=self.expected_version())
        fresh = self.get_queryset().get(pk=changed.pk)
        response = Response(self.get_serializer(fresh).data)
        response["ETag"] = f'"{fresh.version}"'
        return response

    @extend_schema(request=QuoteVerbSerializer, responses=QuoteSerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Mark a draft quote as sent to the customer; answer with the quote."""
        return self._verb(request, quote_send)

    @extend_schema(request=QuoteVerbSerializer, responses=QuoteSerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Record the customer's acceptance of a sent quote; answer with the quote."""
        return self._verb(request, quote_accept)

    @extend_schema(request=QuoteVerbSerializer, responses=QuoteSerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Record the customer's rejection of a sent quote; answer with the quote."""
        return self._verb(request, quote_reject)

    @extend_schema(request=None, responses={201: OrderSerializer})
    @action(detail=True, methods=["post"], url_path="convert-to-order")
    def convert_to_order(self, request, pk=None):
        """Make the order of an accepted quote; answer 201 with the order (409 when the quote
        already became one)."""
        order = quote_convert_to_order(quote=self.get_object(), user=request.user)
        fresh = Order.objects.get(pk=order.pk)
        return Response(OrderSerializer(fresh, context=self.get_serializer_context()).data,
                        status=201)


register_viewset("quotes", QuoteViewSet)
