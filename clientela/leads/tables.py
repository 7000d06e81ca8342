"""The columns of the lead lists."""

from clientela.core.tables import Column, Table

from .models import Lead


class LeadTable(Table):
    model = Lead
    columns = (
        Column("last_name", link=True),
        Column("first_name", link=True),
        Column("company"),
        Column("status"),
        Column("source"),
        Column("email"),
        Column("phone", sortable=False),
        Column("owner"),
        Column("created_at"),
        Column("title", default=False),
        Column("industry", default=False),
        Column("rating", default=False),
        Column("city", default=False),
        Column("country", default=False),
        Column("converted_at", default=False),
        Column("converted_account", default=False),
        Column("converted_contact", default=False),
        Column("team", default=False),
    )
