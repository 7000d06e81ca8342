"""What the API of quotes, orders and invoices shares: the nested lines."""

from __future__ import annotations

from rest_framework import serializers

from clientela.core.api.serializers import VisibleRelatedField

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
