"""The products collections of the API: products, price books with their entries, categories."""

from __future__ import annotations

from rest_framework import serializers

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer, VisibleRelatedField
from clientela.core.api.viewsets import RecordViewSet
from clientela.users.api.views import PlatformViewSet

from ..filtersets import PriceBookFilterSet, ProductFilterSet
from ..models import PriceBook, Product, ProductCategory
from ..services import price_book_set_entries, product_category_delete
from .currencies import ModelCleanSerializer


class ProductSerializer(RecordSerializer):
    """A product; `margin` (list price − cost) and `margin_percent` are absent with the cost."""

    margin = serializers.DecimalField(max_digits=19, decimal_places=2, read_only=True)
    margin_percent = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Product
        fields = [
            *RECORD_FIELDS, "sku", "name", "category", "description", "unit", "list_price",
            "cost", "margin", "margin_percent", "currency", "tax_rate", "is_active",
        ]

    def get_fields(self):
        fields = super().get_fields()
        if "cost" not in fields:
            fields.pop("margin", None)
            fields.pop("margin_percent", None)
        return fields


class PriceBookEntrySerializer(serializers.Serializer):
    product = VisibleRelatedField(queryset=Product.objects.all())
    unit_price = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0)


class PriceBookSerializer(RecordSerializer):
    """A price book with its `entries`, replaced as a whole when sent (left out: unchanged)."""

    entries = PriceBookEntrySerializer(many=True, required=False)

    class Meta(RecordSerializer.Meta):
        model = PriceBook
        fields = [*RECORD_FIELDS, "name", "currency", "segment", "is_active", "description",
                  "entries"]

    def create(self, validated_data):
        self._entries = validated_data.pop("entries", None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        self._entries = validated_data.pop("entries", None)
        return super().update(instance, validated_data)

    def after_save(self, instance: PriceBook) -> None:
        entries = getattr(self, "_entries", None)
        if entries is None:
            return
        price_book_set_entries(
            price_book=instance, user=self.user,
            entries=[{"product": item["product"].pk, "unit_price": item["unit_price"]}
                     for item in entries],
        )
        instance.__dict__.pop("_nested_values", None)
        getattr(instance, "_prefetched_objects_cache", {}).pop("entries", None)


class ProductCategorySerializer(ModelCleanSerializer):
    class Meta:
        model = ProductCategory
        fields = ["id", "name", "parent", "description"]
        validators = []


class ProductViewSet(RecordViewSet):
    queryset = Product.objects.order_by("name", "id")
    serializer_class = ProductSerializer
    filterset_class = ProductFilterSet
    ordering_fields = ["id", "sku", "name", "category", "unit", "list_price", "cost",
                       "tax_rate", "is_active", "created_at", "updated_at"]


class PriceBookViewSet(RecordViewSet):
    queryset = PriceBook.objects.order_by("name", "id")
    serializer_class = PriceBookSerializer
    filterset_class = PriceBookFilterSet
    ordering_fields = ["id", "name", "currency", "segment", "is_active", "created_at",
                       "updated_at"]


class ProductCategoryViewSet(PlatformViewSet):
    """Product categories; a parent that would make a cycle is a 400 naming `parent`."""

    queryset = ProductCategory.objects.order_by("name", "id")
    serializer_class = ProductCategorySerializer

    def perform_destroy(self, instance) -> None:
        product_category_delete(category=instance)


register_viewset("products", ProductViewSet)
register_viewset("price-books", PriceBookViewSet)
register_viewset("product-categories", ProductCategoryViewSet)
