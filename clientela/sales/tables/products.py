"""The columns of the product and price book lists."""

from django.utils.translation import gettext_lazy as _

from clientela.core.tables import Cell, Column, Table

from ..models import PriceBook, Product
from ..money import format_money

MONEY_COLUMNS = frozenset({"list_price", "cost"})


class ProductTable(Table):
    model = Product
    columns = (
        Column("sku", link=True),
        Column("name", link=True),
        Column("category"),
        Column("unit"),
        Column("list_price"),
        Column("is_active"),
        Column("cost", default=False),
        Column("currency", default=False),
        Column("tax_rate", default=False),
        Column("owner", default=False),
        Column("updated_at", default=False),
    )

    def cell(self, record, column, *, links=True):
        """Show prices with their currency ("1,250.00 EUR") on pages, plain in exports."""
        if column.name in MONEY_COLUMNS and links:
            return Cell(format_money(getattr(record, column.name), record.currency))
        return super().cell(record, column, links=links)


class PriceBookTable(Table):
    model = PriceBook
    columns = (
        Column("name", link=True),
        Column("currency"),
        Column("segment", label=_("Segment")),
        Column("is_active"),
        Column("owner", default=False),
        Column("updated_at", default=False),
    )
