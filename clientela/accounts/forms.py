"""The account edit and bulk edit forms."""

from clientela.core.forms import BulkEditForm, RecordForm

from .models import Account


class AccountForm(RecordForm):
    class Meta:
        model = Account
        fields = [
            "name", "account_type", "customer_class", "industry", "parent", "website", "phone",
            "phone_alt", "email", "email_alt", "annual_revenue", "currency", "price_book",
            "employees", "category_spend", "rating", "satisfaction", "expected_satisfaction",
            "recommend_score", "surveyed_on", "billing_street", "billing_city", "billing_region",
            "billing_postal_code", "billing_country", "shipping_street", "shipping_city",
            "shipping_region", "shipping_postal_code", "shipping_country", "description", "owner",
            "tags",
        ]


class AccountBulkEditForm(BulkEditForm):
    model = Account
    fields_to_edit = ("account_type", "customer_class", "industry", "rating", "owner")
