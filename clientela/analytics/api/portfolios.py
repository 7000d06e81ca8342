"""The portfolios collection of the API: /api/v1/portfolios/, with assignment and members."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.api.serializers import RECORD_FIELDS, RecordSerializer
from clientela.core.api.viewsets import OBJECT_ACTIONS, RecordViewSet

from ..models import Portfolio
from ..portfolios.filtersets import PortfolioFilterSet
from ..portfolios.selectors import portfolio_members_queryset
from ..portfolios.services import (
    AssignmentPreview,
    OwnerChange,
    portfolio_assign,
    portfolio_assign_confirm,
)
from ..selectors.results import latest_run

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"type": "string"}}},
    },
}


class PortfolioSerializer(RecordSerializer):
    class Meta(RecordSerializer.Meta):
        model = Portfolio
        fields = [*RECORD_FIELDS, "name", "code", "parent", "tier", "approach", "description",
                  "rules", "assign_owner", "is_active"]


class AssignRequestSerializer(serializers.Serializer):
    """The body of the assign action: preview first, then confirm with the preview's token."""

    confirm = serializers.BooleanField(default=False, help_text=(
        "false: answer what the assignment would change and its token; true: apply it."))
    token = serializers.CharField(required=False, allow_blank=True, max_length=64, help_text=(
        "The token of the preview being confirmed; a stale token is refused with 409."))

    def validate(self, attrs):
        if attrs["confirm"] and not attrs.get("token"):
            raise serializers.ValidationError({"token": ["Send the token of the preview."]})
        return attrs


def _brief_account(account) -> dict:
    return {"id": account.pk, "name": account.name, "owner": account.owner_id}


def _change(change: OwnerChange) -> dict:
    return {"account": change.account.pk, "from_owner": getattr(change.from_owner, "pk", None),
            "to_owner": change.to_owner.pk}


def preview_data(preview: AssignmentPreview) -> dict:
    """Return an assignment preview as the API answers it."""
    return {
        "portfolio": preview.portfolio.pk,
        "run": preview.run.pk,
        "as_of": preview.run.as_of.isoformat(),
        "token": preview.token,
        "counts": {"joining": len(preview.joining), "leaving": len(preview.leaving),
                   "staying": len(preview.staying),
                   "owner_changes": len(preview.owner_changes)},
        "joining": [_brief_account(account) for account in preview.joining],
        "leaving": [_brief_account(account) for account in preview.leaving],
        "staying": [_brief_account(account) for account in preview.staying],
        "owner_changes": [_change(change) for change in preview.owner_changes],
    }


class PortfolioViewSet(RecordViewSet):
    queryset = Portfolio.objects.order_by("code", "id")
    serializer_class = PortfolioSerializer
    filterset_class = PortfolioFilterSet
    ordering_fields = ["id", "code", "name", "tier", "approach", "created_at", "updated_at"]
    object_actions = {**OBJECT_ACTIONS, "assign": "edit"}

    @extend_schema(
        request=AssignRequestSerializer,
        responses={
            200: OpenApiResponse(description="The preview (with its token), or what was "
                                             "applied."),
            400: OpenApiResponse(ERROR, description="Invalid input, no rules or no run."),
            403: OpenApiResponse(ERROR, description="Your role does not allow assigning."),
            409: OpenApiResponse(ERROR, description="The preview is stale: preview again."),
        },
        filters=False,
        description="Assign the portfolio's customers by its rules on the latest run: "
                    "`{\"confirm\": false}` answers who would join, leave and stay and the "
                    "owner changes, with a token; `{\"confirm\": true, \"token\": …}` applies "
                    "exactly that preview.",
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Preview or apply the assignment of this portfolio by its rules."""
        portfolio = self.get_object()
        payload = AssignRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not payload.validated_data["confirm"]:
            return Response(preview_data(portfolio_assign(user=request.user,
                                                          portfolio=portfolio)))
        result = portfolio_assign_confirm(user=request.user, portfolio=portfolio,
                                          preview_token=payload.validated_data["token"])
        return Response({
            "portfolio": portfolio.pk, "run": result.run.pk, "joined": result.joined,
            "left": result.left,
            "moves": [{"account": move.account_id, "from_owner": move.from_owner_id,
                       "to_owner": move.to_owner_id} for move in result.moves],
        })

    @extend_schema(responses=OpenApiResponse(description="The members you may see, with "
                                                         "their classes in the latest run."),
                   filters=False)
    @action(detail=True, methods=["get"])
    def members(self, request, pk=None):
        """List the portfolio's members the user may see, with their latest classes."""
        portfolio = self.get_object()
        page = self.paginate_queryset(portfolio_members_queryset(user=request.user,
                                                                 portfolio=portfolio))
        run = latest_run()
        results = {}
        if run is not None:
            results = {result.account_id: result for result in run.customers.filter(
                account_id__in=[member.account_id for member in page])}
        rows = []
        for member in page:
            result = results.get(member.account_id)
            rows.append({
                "account": _brief_account(member.account),
                "source": member.source,
                "added_at": member.added_at,
                "added_by": member.added_by_id,
                "classes": None if result is None else {
                    "pareto_class": result.pareto_class, "rfm_segment": result.rfm_segment,
                    "bcg_quadrant": result.bcg_quadrant,
                    "loyalty_quadrant": result.loyalty_quadrant, "is_key": result.is_key,
                    "revenue": str(result.revenue), "clv": None if result.clv is None
                    else str(result.clv),
                },
            })
        response = self.get_paginated_response(rows)
        response.data["run"] = run.pk if run is not None else None
        return response


register_viewset("portfolios", PortfolioViewSet)
