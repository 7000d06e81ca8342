"""Filters of the product and price book lists (pages and API)."""

from clientela.core.filtersets import RecordFilterSet

from ..models import PriceBook, Product


class ProductFilterSet(RecordFilterSet):
    """Filter products by their own fields, owner, team, tags, dates and custom fields."""

    class Meta(RecordFilterSet.Meta):
        model = Product
        fields = ["sku", "name", "category", "unit", "list_price", "cost", "currency",
                  "tax_rate", "is_active", "description"]


class PriceBookFilterSet(RecordFilterSet):
    """Filter price books by name, currency, segment and whether they are active."""

    class Meta(RecordFilterSet.Meta):
        model = PriceBook
        fields = ["name", "currency", "segment", "is_active", "description"]
