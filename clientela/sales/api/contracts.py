"""The contracts collection of the API: /api/v1/contracts/, with their documents listed."""

from __future__ import annotations

from rest_framework import serializers

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import RecordViewSet

from ..filtersets import ContractFilterSet
from ..models import Contract, ContractDocument


class ContractDocumentSerializer(serializers.ModelSerializer):
    """A document attached to a contract, served at /contracts/<contract>/documents/<id>/."""

    class Meta:
        model = ContractDocument
        fields = ["id", "name", "size", "uploaded_at", "uploaded_by"]
        read_only_fields = fields


class ContractSerializer(RecordSerializer):
    """A contract; `documents` are read only here and attached on the contract's page."""

    documents = ContractDocumentSerializer(many=True, read_only=True)

    class Meta(RecordSerializer.Meta):
        model = Contract
        fields = [
            *RECORD_FIELDS, "name", "account", "start_date", "end_date", "value", "currency",
            "status", "renewal_date", "reminder_days", "reminder_sent_for", "notes",
            "documents",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "reminder_sent_for"]


class ContractViewSet(RecordViewSet):
    queryset = Contract.objects.select_related("account").prefetch_related(
        "documents").order_by("-start_date", "-id")
    serializer_class = ContractSerializer
    filterset_class = ContractFilterSet
    ordering_fields = [
        "id", "name", "account", "start_date", "end_date", "value", "currency", "status",
        "renewal_date", "created_at", "updated_at",
    ]


register_viewset("contracts", ContractViewSet)
