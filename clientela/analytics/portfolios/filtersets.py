"""Filters of the portfolio lists (page and API)."""

from clientela.core.filtersets import RecordFilterSet

from ..models import Portfolio


class PortfolioFilterSet(RecordFilterSet):
    """Filter portfolios by their own fields, owner, team, tags, dates and custom fields."""

    class Meta(RecordFilterSet.Meta):
        model = Portfolio
        fields = ["name", "code", "parent", "tier", "approach", "assign_owner", "is_active"]
