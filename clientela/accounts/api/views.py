"""The accounts collection of the API: /api/v1/accounts/."""

from clientela.core.api.registry import register_viewset
from clientela.core.api.viewsets import RecordViewSet

from ..filtersets import AccountFilterSet
from ..models import Account
from .serializers import AccountSerializer


class AccountViewSet(RecordViewSet):
    queryset = Account.objects.prefetch_related("tags").order_by("name", "id")
    serializer_class = AccountSerializer
    filterset_class = AccountFilterSet
    ordering_fields = [
        "id", "name", "account_type", "industry", "annual_revenue", "employees", "rating",
        "billing_city", "billing_country", "created_at", "updated_at",
    ]


register_viewset("accounts", AccountViewSet)
