"""API representation of accounts, and the body of the merge actions."""

from rest_framework import serializers

from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer

from ..models import Account


class AccountSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Account
        fields = [
            *RECORD_FIELDS, "name", "account_type", "customer_class", "industry", "parent",
            "website", "phone", "phone_alt", "email", "email_alt", "annual_revenue", "currency",
            "price_book", "employees", "category_spend", "rating", "satisfaction",
            "expected_satisfaction", "recommend_score", "surveyed_on", "description",
            "billing_street", "billing_city",
            "billing_region", "billing_postal_code", "billing_country", "shipping_street",
            "shipping_city", "shipping_region", "shipping_postal_code", "shipping_country",
        ]


class MergeRequestSerializer(serializers.Serializer):
    """The body of every merge action: which records to merge in, and whose values win."""

    duplicates = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=100,
        help_text="Ids of the records merged into this one; they go to the recycle bin.",
    )
    fields = serializers.DictField(
        child=serializers.IntegerField(min_value=1), required=False, default=dict,
        help_text="Field name (or custom.<name>) → id of the merged record whose value wins. "
                  "Fields left out keep this record's value, or the first non-empty one.",
    )
