"""The orders collection of the API: /api/v1/orders/, with their lines."""

from __future__ import annotations

from django.db import transaction

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import RecordViewSet

from ..filtersets import OrderFilterSet
from ..models import Order
from ..services.orders import ADDRESS_FIELDS, order_save
from .documents import DocumentLineSerializer, line_items


class OrderSerializer(RecordSerializer):
    """An order with its `lines` (replaced as a whole when sent; left out, they stay) and
    addresses (the account's when a new order has none). The quote it came from and the
    totals are read-only."""

    lines = DocumentLineSerializer(many=True, required=False)

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

    def create(self, validated_data):
        return self._save(Order(), validated_data, expected_version=None)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data,
                          expected_version=self.context.get("expected_version"))

    def _save(self, instance: Order, validated_data: dict, *, expected_version):
        lines = validated_data.pop("lines", None)
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        creating = instance.pk is None
        with transaction.atomic():
            order_save(order=instance, user=self.user, expected_version=expected_version,
                       lines=line_items(lines) if lines is not None else None)
            if tags is not None:
                self._set_tags(instance, tags, creating=creating)
        instance.__dict__.pop("_nested_values", None)
        return instance


class OrderViewSet(RecordViewSet):
    queryset = Order.objects.order_by("-order_date", "-id")
    serializer_class = OrderSerializer
    filterset_class = OrderFilterSet
    ordering_fields = ["id", "subject", "account", "order_date", "shipping_status",
                       "shipped_on", "currency", "subtotal", "total", "created_at",
                       "updated_at"]


register_viewset("orders", OrderViewSet)
