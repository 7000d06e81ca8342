"""API representation of accounts."""

from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer

from ..models import Account


class AccountSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Account
        fields = [
            *RECORD_FIELDS, "name", "account_type", "customer_class", "industry", "parent",
            "website", "phone", "phone_alt", "email", "email_alt", "annual_revenue", "currency",
            "employees", "rating", "description", "billing_street", "billing_city",
            "billing_region", "billing_postal_code", "billing_country", "shipping_street",
            "shipping_city", "shipping_region", "shipping_postal_code", "shipping_country",
        ]
