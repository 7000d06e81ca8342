"""The columns of the contract lists."""

from clientela.core.tables import Column, Table

from ..models import Contract


class ContractTable(Table):
    model = Contract
    columns = (
        Column("name", link=True),
        Column("account"),
        Column("status"),
        Column("start_date"),
        Column("end_date"),
        Column("value"),
        Column("currency"),
        Column("renewal_date"),
        Column("owner"),
        Column("reminder_days", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
