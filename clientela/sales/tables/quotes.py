"""The columns of the quote lists."""

from clientela.core.tables import Column, Table

from ..models import Quote


class QuoteTable(Table):
    model = Quote
    columns = (
        Column("subject", link=True),
        Column("account"),
        Column("status"),
        Column("total"),
        Column("currency"),
        Column("valid_until"),
        Column("owner"),
        Column("contact", default=False),
        Column("opportunity", default=False),
        Column("subtotal", default=False),
        Column("tax_total", default=False),
        Column("sent_on", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
