"""The attractiveness scoring in the API: /api/v1/attractiveness-criteria/ (read with
analytics access, written by administrators) and /api/v1/attractiveness-scores/ (the scores
of the accounts the caller may see, set for one account at a time)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from clientela.accounts.models import Account
from clientela.core.api.registry import register_viewset

from ..models import AttractivenessCriterion, AttractivenessScore
from ..selectors.results import may_view_analytics, visible_accounts
from ..services_attractiveness import (
    attractiveness_scores_set,
    criterion_delete,
    criterion_save,
)


class AnalyticsAccess(permissions.BasePermission):
    """Signed-in users whose role opens the analytics; writes to criteria for administrators."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        if view.action in getattr(view, "admin_actions", ()):
            return bool(user.is_admin)
        return may_view_analytics(user)


class AttractivenessCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AttractivenessCriterion
        fields = ["id", "name", "description", "weight", "source", "position", "is_active"]


class AttractivenessCriterionViewSet(viewsets.ModelViewSet):
    """The criteria of the attractiveness score, in their order: each with a weight 0–4 and
    where its score is pre-filled from (`manual`: only by hand)."""

    permission_classes = [AnalyticsAccess]
    admin_actions = ("create", "update", "partial_update", "destroy")
    serializer_class = AttractivenessCriterionSerializer
    queryset = AttractivenessCriterion.objects.order_by("position", "id")

    def perform_create(self, serializer):
        serializer.instance = criterion_save(
            user=self.request.user,
            criterion=AttractivenessCriterion(**serializer.validated_data))

    def perform_update(self, serializer):
        criterion = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(criterion, name, value)
        serializer.instance = criterion_save(user=self.request.user, criterion=criterion)

    def perform_destroy(self, instance):
        criterion_delete(user=self.request.user, criterion=instance)


class AttractivenessScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = AttractivenessScore
        fields = ["id", "account", "criterion", "score", "scored_by", "scored_at"]
        read_only_fields = fields


class ScoresSetSerializer(serializers.Serializer):
    """The scores to set on one account: criterion id → 1–5, or null to clear."""

    account = serializers.IntegerField(help_text="The account's id.")
    scores = serializers.DictField(
        child=serializers.IntegerField(allow_null=True, min_value=1, max_value=5),
        allow_empty=False,
        help_text='Criterion id → score 1–5, or null to clear it: {"4": 5, "7": null}.')


class ScoresSetResultSerializer(serializers.Serializer):
    account = serializers.IntegerField()
    scores = serializers.DictField(child=serializers.IntegerField(),
                                   help_text="Every score the account now has, by criterion.")


def _account_id(request) -> int | None:
    text = request.query_params.get("account", "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise exceptions.ValidationError({"account": [_("Give the account's id, a whole "
                                                        "number.")]})
    return int(text)


class AttractivenessScoreViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                 viewsets.GenericViewSet):
    """The reps' scores of the accounts the caller may see; `POST` sets one account's."""

    permission_classes = [AnalyticsAccess]
    serializer_class = AttractivenessScoreSerializer
    queryset = AttractivenessScore.objects.none()

    def get_queryset(self):
        scores = AttractivenessScore.objects.filter(
            account__in=visible_accounts(self.request.user).values("pk"),
        ).order_by("account_id", "criterion__position", "criterion_id")
        if self.action == "list":
            account_id = _account_id(self.request)
            if account_id is not None:
                scores = scores.filter(account_id=account_id)
        return scores

    @extend_schema(parameters=[OpenApiParameter(
        "account", OpenApiTypes.INT, description="Only this account's scores.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ScoresSetSerializer,
        responses={200: ScoresSetResultSerializer,
                   400: OpenApiResponse(description="A bad account, criterion or score, "
                                                    "named in `errors`; nothing is saved."),
                   403: OpenApiResponse(description="The caller may not edit the account.")},
    )
    def create(self, request, *args, **kwargs):
        """Set or clear the account's scores on the given criteria, all or nothing; a changed
        score records the caller as its scorer."""
        payload = ScoresSetSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # The account as its own module shows it: one seen but not editable is refused (403).
        account = Account.objects.restrict(request.user, "view").filter(
            pk=payload.validated_data["account"]).first()
        if account is None:
            raise exceptions.ValidationError({"account": [_("There is no such account.")]})
        scores = attractiveness_scores_set(user=request.user, account=account,
                                           scores=payload.validated_data["scores"])
        return Response({"account": account.pk,
                         "scores": {str(key): value for key, value in scores.items()}},
                        status=status.HTTP_200_OK)


register_viewset("attractiveness-criteria", AttractivenessCriterionViewSet)
register_viewset("attractiveness-scores", AttractivenessScoreViewSet)
