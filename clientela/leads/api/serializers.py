"""API representation of leads and of their conversion."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer, brief

from ..models import Lead


class LeadSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Lead
        fields = [
            *RECORD_FIELDS, "salutation", "first_name", "last_name", "title", "email", "phone",
            "mobile", "company", "website", "industry", "status", "source", "rating",
            "description", "street", "city", "region", "postal_code", "country",
            "converted_at", "converted_account", "converted_contact",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "converted_at",
                            "converted_account", "converted_contact"]

    def validate_status(self, value: str) -> str:
        """Refuse setting `converted` by hand: conversion is the `convert` action."""
        current = getattr(self.instance, "status", None)
        if value == "converted" and current != "converted":
            raise serializers.ValidationError(
                _("Convert the lead with POST /api/v1/leads/<id>/convert/.")
            )
        return value


class TargetField(serializers.JSONField):
    """An existing record's id, an object of fields for a new one, or null."""


class LeadConvertSerializer(serializers.Serializer):
    """`{"account": {...}|id|null, "contact": {...}|id|null, "opportunity": {...}|null}`."""

    account = TargetField(required=False, allow_null=True)
    contact = TargetField(required=False, allow_null=True)
    opportunity = serializers.JSONField(required=False, allow_null=True)

    def validate_opportunity(self, value):
        if value is not None and not isinstance(value, dict):
            raise serializers.ValidationError(
                _("Send an object of fields for a new opportunity, or null.")
            )
        return value

    def _target(self, value, name: str):
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise serializers.ValidationError(
            _("Send the id of an existing %(name)s, an object of fields for a new one, or "
              "null.") % {"name": name}
        )

    def validate_account(self, value):
        return self._target(value, "account")

    def validate_contact(self, value):
        return self._target(value, "contact")


class LeadConversionResultSerializer(serializers.Serializer):
    account = serializers.IntegerField(allow_null=True)
    contact = serializers.IntegerField()
    opportunity = serializers.IntegerField(allow_null=True)


class BriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(allow_null=True)

    def to_representation(self, instance):
        return brief(instance, self.context.get("request"))


class LeadMatchesSerializer(serializers.Serializer):
    accounts = BriefSerializer(many=True)
    contacts = BriefSerializer(many=True)
