"""Filters of the account lists (pages and API)."""

from clientela.core.filtersets import RecordFilterSet

from .models import Account


class AccountFilterSet(RecordFilterSet):
    """Filter accounts by their own fields, owner, team, tags, dates and custom fields."""

    class Meta(RecordFilterSet.Meta):
        model = Account
        fields = [
            "name", "account_type", "customer_class", "industry", "parent", "website", "phone",
            "email", "annual_revenue", "currency", "price_book", "employees", "rating",
            "billing_city", "billing_region", "billing_postal_code", "billing_country",
            "shipping_city", "shipping_country",
        ]
