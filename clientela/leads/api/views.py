"""The leads collection of the API: /api/v1/leads/, with conversion."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.accounts.api.serializers import AccountSerializer
from clientela.accounts.models import Account
from clientela.contacts.api.serializers import ContactSerializer
from clientela.contacts.models import Contact
from clientela.core.api.exceptions import flatten_errors
from clientela.core.api.registry import register_viewset
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet
from clientela.core.permissions import restrict
from clientela.sales.api.opportunities import OpportunitySerializer

from ..filtersets import LeadFilterSet
from ..models import Lead
from ..selectors import lead_conversion_matches
from ..services import lead_convert
from .serializers import (
    LeadConversionResultSerializer,
    LeadConvertSerializer,
    LeadMatchesSerializer,
    LeadSerializer,
)

# Fields of a new account, contact or opportunity that conversion sets itself or that belong to
# nested lists.
NOT_OVERLAID = {"tags", "emails", "phones", "account_links", "consents", "contact_roles",
                "competitors", "account"}


class LeadViewSet(RecordViewSet):
    queryset = Lead.objects.order_by("-created_at", "-id")
    serializer_class = LeadSerializer
    filterset_class = LeadFilterSet
    ordering_fields = [
        "id", "last_name", "first_name", "company", "email", "status", "source", "rating",
        "city", "country", "converted_at", "created_at", "updated_at",
    ]
    object_actions = {**OBJECT_ACTIONS, "convert": "edit"}

    def _fields_for_new(self, serializer_class, data: dict, name: str) -> dict:
        """Validate the fields of a new account or contact as its own API would."""
        context = self.get_serializer_context()
        serializer = serializer_class(data=data, partial=True, context=context)
        if not serializer.is_valid():
            raise exceptions.ValidationError(flatten_errors(serializer.errors, name))
        return {key: value for key, value in serializer.validated_data.items()
                if key not in NOT_OVERLAID}

    def _existing(self, model, pk: int, name: str):
        try:
            return restrict(model.objects.all(), self.request.user, "view").get(pk=pk)
        except model.DoesNotExist:
            raise exceptions.ValidationError({name: [_("This record does not exist.")]}) from None

    @extend_schema(request=LeadConvertSerializer,
                   responses={201: LeadConversionResultSerializer})
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        """Convert the lead; answer 201 with the ids of the account, contact and opportunity."""
        lead = self.get_object()
        payload = LeadConvertSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        options: dict = {"create_account": True}
        target = data.get("account", {}) if "account" in data else {}
        if target is None:
            options["create_account"] = False
        elif isinstance(target, int):
            options["account"] = self._existing(Account, target, "account")
        elif target:
            options["account_data"] = self._fields_for_new(AccountSerializer, target, "account")
        target = data.get("contact")
        if isinstance(target, int):
            options["contact"] = self._existing(Contact, target, "contact")
        elif target:
            options["contact_data"] = self._fields_for_new(ContactSerializer, target, "contact")
        target = data.get("opportunity")
        if target is not None:
            options["opportunity_data"] = self._fields_for_new(OpportunitySerializer, target,
                                                               "opportunity")
        conversion = lead_convert(lead=lead, user=request.user, **options)
        body = {
            "account": conversion.account.pk if conversion.account else None,
            "contact": conversion.contact.pk,
            "opportunity": conversion.opportunity.pk if conversion.opportunity else None,
        }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(responses=LeadMatchesSerializer, filters=False)
    @action(detail=True, methods=["get"])
    def matches(self, request, pk=None):
        """Return the existing accounts and contacts the lead may be converted into."""
        lead = self.get_object()
        matches = lead_conversion_matches(lead=lead, user=request.user)
        return Response(LeadMatchesSerializer(matches, context={"request": request}).data)


register_viewset("leads", LeadViewSet)
