"""The opportunities collection of the API: /api/v1/opportunities/, with move and close."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.contacts.models import Contact
from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer, VisibleRelatedField
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..choices import LostReason, OpportunityContactRole
from ..filtersets import OpportunityFilterSet
from ..models import Opportunity, Stage
from ..services.opportunities import opportunity_close, opportunity_move, opportunity_save
from .documents import DocumentLineSerializer, line_items


class OpportunityContactSerializer(serializers.Serializer):
    contact = VisibleRelatedField(queryset=Contact.objects.all())
    role = serializers.ChoiceField(OpportunityContactRole.choices,
                                   default=OpportunityContactRole.OTHER)


class OpportunitySerializer(RecordSerializer):
    """An opportunity; `status` follows its stage. `contacts` (with their roles),
    `competitors` and `lines` are replaced as a whole when sent, and stay as they are when
    left out. With lines, `amount` is their total, net of discounts and before tax."""

    contacts = OpportunityContactSerializer(many=True, required=False, source="contact_roles")
    lines = DocumentLineSerializer(many=True, required=False)
    effective_forecast_category = serializers.CharField(
        read_only=True, help_text="`forecast_category` when set, else the one the probability "
                                  "gives: 80 or more commit, 50 or more best case, else pipeline.")

    class Meta(RecordSerializer.Meta):
        model = Opportunity
        fields = [
            *RECORD_FIELDS, "name", "account", "amount", "currency", "pipeline", "stage",
            "status", "probability", "expected_close_date", "forecast_category",
            "effective_forecast_category", "next_step", "lead_source", "contacts",
            "competitors", "lines", "lost_reason", "lost_detail", "closed_on", "description",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "status"]
        extra_kwargs = {"probability": {"required": False, "allow_null": True},
                        "pipeline": {"required": False}}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        stage = attrs.get("stage")
        if stage is not None and "pipeline" not in attrs and (
            self.instance is None or self.instance.pipeline_id != stage.pipeline_id
        ):
            # The stage says which pipeline: a client need not send both.
            attrs["pipeline"] = stage.pipeline
        if self.instance is None and not self.partial and "stage" not in attrs:
            raise serializers.ValidationError({"stage": [_("This field is required.")]})
        return attrs

    def create(self, validated_data):
        return self._save(Opportunity(), validated_data, expected_version=None)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data,
                          expected_version=self.context.get("expected_version"))

    def _save(self, instance: Opportunity, validated_data: dict, *, expected_version):
        contacts = validated_data.pop("contact_roles", None)
        competitors = validated_data.pop("competitors", None)
        lines = validated_data.pop("lines", None)
        tags = validated_data.pop("tags", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        creating = instance.pk is None
        with transaction.atomic():
            opportunity_save(opportunity=instance, user=self.user,
                             expected_version=expected_version, contacts=contacts,
                             competitors=competitors,
                             lines=line_items(lines) if lines is not None else None)
            if tags is not None:
                self._set_tags(instance, tags, creating=creating)
        for name in ("contact_roles", "competitors"):
            getattr(instance, "_prefetched_objects_cache", {}).pop(name, None)
        instance.__dict__.pop("_nested_values", None)
        return instance


class OpportunityMoveSerializer(serializers.Serializer):
    stage = serializers.PrimaryKeyRelatedField(queryset=Stage.objects.all())
    version = serializers.IntegerField(required=False, allow_null=True)


class OpportunityCloseSerializer(serializers.Serializer):
    won = serializers.BooleanField()
    reason = serializers.ChoiceField(LostReason.choices, required=False, allow_null=True)
    detail = serializers.CharField(required=False, allow_blank=True, default="")
    closed_on = serializers.DateField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs["won"] and not attrs.get("reason"):
            raise serializers.ValidationError(
                {"reason": [_("Say why the opportunity was lost.")]})
        return attrs


IF_MATCH = OpenApiParameter("If-Match", str, OpenApiParameter.HEADER,
                            description='The version you loaded, e.g. "3"; stale → 409.')


class OpportunityViewSet(RecordViewSet):
    queryset = Opportunity.objects.prefetch_related("competitors").order_by("-created_at", "-id")
    serializer_class = OpportunitySerializer
    filterset_class = OpportunityFilterSet
    ordering_fields = [
        "id", "name", "amount", "currency", "probability", "expected_close_date", "closed_on",
        "forecast_category",
        "status", "stage", "pipeline", "account", "created_at", "updated_at",
    ]
    object_actions = {**OBJECT_ACTIONS, "move": "edit", "close": "edit"}

    def _answer(self, opportunity: Opportunity) -> Response:
        fresh = self.get_queryset().get(pk=opportunity.pk)
        response = Response(self.get_serializer(fresh).data)
        response["ETag"] = f'"{fresh.version}"'
        return response

    @extend_schema(request=OpportunityMoveSerializer, responses=OpportunitySerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the opportunity to another stage of its pipeline; answer with the record."""
        opportunity = self.get_object()
        payload = OpportunityMoveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        moved = opportunity_move(user=request.user, opportunity=opportunity,
                                 stage=payload.validated_data["stage"],
                                 version=self.expected_version())
        return self._answer(moved)

    @extend_schema(request=OpportunityCloseSerializer, responses=OpportunitySerializer,
                   parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the opportunity as won or lost (with a reason); answer with the record."""
        opportunity = self.get_object()
        payload = OpportunityCloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        closed = opportunity_close(
            user=request.user, opportunity=opportunity, won=data["won"],
            reason=data.get("reason"), detail=data.get("detail", ""),
            closed_on=data.get("closed_on"), version=self.expected_version(),
        )
        return self._answer(closed)


register_viewset("opportunities", OpportunityViewSet)
