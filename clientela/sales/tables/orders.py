"""The columns of the order lists."""

from clientela.core.tables import Column, Table

from ..models import Order


class OrderTable(Table):
    model = Order
    columns = (
        Column("subject", link=True),
        Column("account"),
        Column("order_date"),
        Column("shipping_status"),
        Column("total"),
        Column("currency"),
        Column("owner"),
        Column("shipped_on", default=False),
        Column("quote", default=False),
        Column("contact", default=False),
        Column("shipping_city", default=False),
        Column("shipping_country", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
