"""The columns of the quota lists."""

from clientela.core.tables import Column, Table

from ..models import Quota


class QuotaTable(Table):
    model = Quota
    columns = (
        Column("period_start", link=True),
        Column("period_kind"),
        Column("user"),
        Column("sales_team"),
        Column("amount"),
        Column("notes", default=False, sortable=False),
        Column("owner", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
