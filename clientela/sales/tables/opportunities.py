"""The columns of the opportunity lists."""

from clientela.core.tables import Column, Table

from ..models import Opportunity


class OpportunityTable(Table):
    model = Opportunity
    columns = (
        Column("name", link=True),
        Column("account"),
        Column("stage"),
        Column("amount"),
        Column("currency"),
        Column("probability"),
        Column("expected_close_date"),
        Column("owner"),
        Column("status", default=False),
        Column("forecast_category", default=False),
        Column("pipeline", default=False),
        Column("next_step", default=False, sortable=False),
        Column("lead_source", default=False),
        Column("lost_reason", default=False),
        Column("closed_on", default=False),
        Column("team", default=False),
        Column("created_at", default=False),
    )
