"""The quotas collection of the API: /api/v1/quotas/."""

from __future__ import annotations

from rest_framework import serializers

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import RecordViewSet

from ..filtersets import QuotaFilterSet
from ..models import Quota


class QuotaSerializer(RecordSerializer):
    """A quota of a salesperson (`user`) or a team (`sales_team`), exactly one of them, for
    the month or quarter starting on `period_start`; `amount` is in the base currency. The
    record's `owner` and `team` follow the subject."""

    period = serializers.CharField(source="period_label", read_only=True,
                                   help_text="The period as 2026-11 or 2026-Q4.")

    class Meta(RecordSerializer.Meta):
        model = Quota
        fields = [
            *RECORD_FIELDS, "user", "sales_team", "period_kind", "period_start", "period",
            "amount", "notes",
        ]


class QuotaViewSet(RecordViewSet):
    queryset = Quota.objects.select_related("user", "sales_team").order_by(
        "-period_start", "period_kind", "id")
    serializer_class = QuotaSerializer
    filterset_class = QuotaFilterSet
    ordering_fields = ["id", "period_start", "period_kind", "amount", "user", "sales_team",
                       "created_at", "updated_at"]


register_viewset("quotas", QuotaViewSet)
