"""API representation of contacts, with their emails, phones, accounts and consents."""

from __future__ import annotations

from rest_framework import serializers

from clientela.accounts.models import Account
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer, VisibleRelatedField

from ..choices import ConsentChannel, ConsentStatus, ContactLabel, ContactRole
from ..models import Contact
from ..services import (
    contact_set_accounts,
    contact_set_channels,
    contact_set_consents,
    primary_of,
)


class ContactEmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    label = serializers.ChoiceField(ContactLabel.choices, default=ContactLabel.WORK)
    is_primary = serializers.BooleanField(default=False)


class ContactPhoneSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=50)
    label = serializers.ChoiceField(ContactLabel.choices, default=ContactLabel.WORK)
    is_primary = serializers.BooleanField(default=False)


class ContactAccountSerializer(serializers.Serializer):
    account = VisibleRelatedField(queryset=Account.objects.all())
    role = serializers.ChoiceField(ContactRole.choices, default=ContactRole.OTHER)
    is_primary = serializers.BooleanField(default=False)


class ConsentSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(ConsentChannel.choices)
    status = serializers.ChoiceField(ConsentStatus.choices)
    at = serializers.DateTimeField(required=False)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                   default="")


NESTED = ("emails", "phones", "account_links", "consents")


class ContactSerializer(RecordSerializer):
    """A contact; `email`, `phone` and `account` mirror the primaries of the lists, which are
    the way to write them. A list left out of a write stays as it is."""

    emails = ContactEmailSerializer(many=True, required=False)
    phones = ContactPhoneSerializer(many=True, required=False)
    accounts = ContactAccountSerializer(many=True, required=False, source="account_links")
    consents = ConsentSerializer(many=True, required=False)

    class Meta(RecordSerializer.Meta):
        model = Contact
        fields = [
            *RECORD_FIELDS, "salutation", "first_name", "middle_name", "last_name", "full_name",
            "title", "department", "account", "email", "phone", "emails", "phones", "accounts",
            "birth_date", "preferred_channel", "level", "risk", "interests", "habits",
            "do_not_contact", "consents", "satisfaction", "expected_satisfaction",
            "recommend_score", "surveyed_on", "description", "street", "city", "region",
            "postal_code", "country",
        ]
        read_only_fields = [*RecordSerializer.Meta.read_only_fields, "full_name", "account",
                            "email", "phone"]

    def _pop_nested(self, validated_data: dict) -> dict:
        nested = {name: validated_data.pop(name) for name in NESTED if name in validated_data}
        self._nested = nested
        return nested

    def _preset_mirrors(self, instance: Contact, nested: dict) -> None:
        """Set the mirrors before the first save so a create logs them once."""
        if "emails" in nested:
            instance.email = primary_of(nested["emails"], "email") or ""
        if "phones" in nested:
            instance.phone = primary_of(nested["phones"], "number") or ""
        if "account_links" in nested:
            instance.account = primary_of(nested["account_links"], "account")

    def create(self, validated_data):
        nested = self._pop_nested(validated_data)
        tags = validated_data.pop("tags", None)
        instance = Contact(**validated_data)
        self._preset_mirrors(instance, nested)
        return self.save_instance(instance, tags=tags, expected_version=None)

    def update(self, instance, validated_data):
        nested = self._pop_nested(validated_data)
        self._preset_mirrors(instance, nested)
        return super().update(instance, validated_data)

    def after_save(self, instance: Contact) -> None:
        nested = getattr(self, "_nested", {})
        if "emails" in nested or "phones" in nested:
            contact_set_channels(contact=instance, emails=nested.get("emails"),
                                 phones=nested.get("phones"), user=self.user)
        if "account_links" in nested:
            contact_set_accounts(contact=instance, links=nested["account_links"],
                                 user=self.user)
        if "consents" in nested:
            contact_set_consents(contact=instance, consents=nested["consents"], user=self.user)
        for name in ("emails", "phones", "account_links", "consents"):
            getattr(instance, "_prefetched_objects_cache", {}).pop(name, None)
