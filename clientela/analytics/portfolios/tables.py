"""The columns of the portfolio lists."""

from clientela.core.tables import Column, Table

from ..models import Portfolio


class PortfolioTable(Table):
    model = Portfolio
    columns = (
        Column("code", link=True),
        Column("name", link=True),
        Column("tier"),
        Column("approach"),
        Column("parent"),
        Column("owner"),
        Column("team", default=False),
        Column("assign_owner", default=False),
        Column("is_active", default=False),
        Column("updated_at", default=False),
    )
