"""The columns of the invoice lists."""

from clientela.core.tables import Column, Table

from ..models import Invoice


class InvoiceTable(Table):
    model = Invoice
    columns = (
        Column("number", link=True),
        Column("subject", link=True),
        Column("account"),
        Column("invoice_date"),
        Column("due_date"),
        Column("status"),
        Column("total"),
        Column("amount_paid"),
        Column("currency"),
        Column("owner"),
        Column("kind", default=False),
        Column("order", default=False),
        Column("contact", default=False),
        Column("paid_on", default=False),
        Column("issued_on", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
