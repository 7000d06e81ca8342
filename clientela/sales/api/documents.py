"""What the API of quotes, orders and invoices shares: the nested lines and saving a
document with them."""

from __future__ import annotations

from django.db import transaction
from rest_framework import serializers

from clientela.core.api.serializers import RecordSerializer, VisibleRelatedField

from ..models import Product

LINE_INPUT_FIELDS = ("product", "description", "quantity", "unit_price", "discount_percent",
                     "discount_amount", "tax_rate")


class DocumentLineSerializer(serializers.Serializer):
    """A line; left out, the unit price and tax rate are the product's. The amounts are
    computed, rounded half up to the currency's decimals."""

    product = VisibleRelatedField(queryset=Product.objects.all(), required=False,
                                  allow_null=True)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit_price = serializers.DecimalField(max_digits=18, decimal_places=4, required=False,
                                          allow_null=True)
    discount_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False,
                                                allow_null=True)
    discount_amount = serializers.DecimalField(max_digits=18, decimal_places=4,
                                               required=False, allow_null=True)
    tax_rate = serializers.DecimalField(max_digits=5, decimal_places=2, required=False,
                                        allow_null=True)
    line_subtotal = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_discount = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_tax = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)
    line_total = serializers.DecimalField(max_digits=18, decimal_places=4, read_only=True)


def line_items(lines: list[dict]) -> list[dict]:
    """Return validated line data as the items the document services take."""
    return [{name: line.get(name) for name in LINE_INPUT_FIELDS} for line in lines]


class DocumentSerializer(RecordSerializer):
    """A sales document with its `lines` (replaced as a whole when sent; left out, they stay),
    written through its service (`save_document`)."""

    lines = DocumentLineSerializer(many=True, required=False)

    def save_document(self, instance, *, lines: list[dict] | None, expected_version):
        """Write `instance` with `lines` through the document's service."""
        raise NotImplementedError

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data, expected_version=None)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data,
                          expected_version=self.context.get("expected_version"))

    def _save(self, instance, validated_data: dict, *, expected_version):
        lines = validated_data.pop("lines", None)
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        creating = instance.pk is None
        with transaction.atomic():
            self.save_document(instance, expected_version=expected_version,
                               lines=line_items(lines) if lines is not None else None)
            if tags is not None:
                self._set_tags(instance, tags, creating=creating)
        instance.__dict__.pop("_nested_values", None)
        return instance
