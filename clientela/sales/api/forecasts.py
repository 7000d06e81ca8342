"""The forecast of the API: GET /api/v1/forecasts/?period=2026-Q4&user=<id> (or &team=<id>)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.permissions import can

from ..choices import PeriodKind, QuotaErrorCode
from ..forecasting import parse_period, period_of
from ..selectors.forecasts import (
    ForecastFigures,
    forecast_teams,
    forecast_users,
    sales_forecast,
)

PARAMETERS = ("period", "user", "team")


def money_text(value) -> str | None:
    return None if value is None else str(value)


def figures_data(figures: ForecastFigures) -> dict:
    """Return the figures as the API shows them: decimal strings, null when undefined."""
    return {
        "quota": money_text(figures.quota),
        "closed_won": money_text(figures.closed_won),
        "commit": money_text(figures.commit),
        "best_case": money_text(figures.best_case),
        "weighted_pipeline": money_text(figures.weighted_pipeline),
        "gap": money_text(figures.gap),
        "attainment": money_text(figures.attainment),
    }


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class FiguresSerializer(serializers.Serializer):
    quota = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    closed_won = serializers.DecimalField(max_digits=16, decimal_places=2)
    commit = serializers.DecimalField(max_digits=16, decimal_places=2)
    best_case = serializers.DecimalField(max_digits=16, decimal_places=2)
    weighted_pipeline = serializers.DecimalField(max_digits=16, decimal_places=2)
    gap = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    attainment = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True,
                                          help_text="Closed won as a percentage of the quota.")


class ForecastRowSerializer(FiguresSerializer):
    user = serializers.IntegerField()
    name = serializers.CharField()


class ForecastSerializer(FiguresSerializer):
    period = PeriodSerializer()
    currency = serializers.CharField(help_text="The base currency every amount is in.")
    unconverted = serializers.ListField(
        child=serializers.CharField(),
        help_text="Currencies left out of the figures: they had no exchange rate that early.")
    rows = ForecastRowSerializer(many=True)


class ForecastViewSet(viewsets.GenericViewSet):
    """The forecast of a period (a month or a quarter) for a salesperson, a team, or the
    caller; amounts are in the base currency and count only what the caller may see."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):  # the figures come from the selector, not one queryset
        return None

    def subject(self, request):
        """Return (user, team) the request asks for; the caller by default."""
        user_id, team_id = (request.query_params.get(name, "").strip()
                            for name in ("user", "team"))
        if user_id and team_id:
            raise exceptions.ValidationError(
                {"team": [_("Ask for a salesperson or a team, not both.")]})
        for name, value in (("user", user_id), ("team", team_id)):
            if value and not value.isdigit():
                raise exceptions.ValidationError({name: [_("Give the id, a whole number.")]})
        if team_id:
            team = forecast_teams(viewer=request.user).filter(pk=int(team_id)).first()
            if team is None:
                raise exceptions.NotFound()
            return None, team
        user = forecast_users(viewer=request.user).filter(
            pk=int(user_id) if user_id else request.user.pk).first()
        if user is None:
            raise exceptions.NotFound()
        return user, None

    @extend_schema(
        operation_id="forecasts_retrieve",
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description=(
                "A month (2026-11) or a quarter (2026-Q4); default the current quarter.")),
            OpenApiParameter("user", OpenApiTypes.INT, description=(
                "A salesperson's id; default the caller.")),
            OpenApiParameter("team", OpenApiTypes.INT, description=(
                "A team's id, instead of a salesperson: the team's quota (else its "
                "members'), one row per member.")),
        ],
        responses={200: ForecastSerializer,
                   400: OpenApiResponse(description="A bad period, user or team, named in "
                                                    "`errors`."),
                   404: OpenApiResponse(description="A user or team the caller may not see.")},
    )
    def list(self, request):
        """Return the forecast: quota, closed won, commit, best case, weighted pipeline, gap
        and attainment, in total and per salesperson."""
        unknown = sorted(set(request.query_params) - set(PARAMETERS))
        if unknown:
            raise exceptions.ValidationError(
                {name: [_("Unknown parameter.")] for name in unknown})
        if not can(request.user, "opportunities", "access"):
            raise exceptions.PermissionDenied()
        text = request.query_params.get("period", "").strip()
        if text:
            try:
                period = parse_period(text)
            except ValueError:
                raise exceptions.ValidationError(
                    {"period": [str(QuotaErrorCode.BAD_PERIOD.label)]}) from None
        else:
            period = period_of(PeriodKind.QUARTER, timezone.localdate())
        user, team = self.subject(request)
        forecast = sales_forecast(viewer=request.user, period=period, user=user, team=team)
        return Response({
            "period": {"start": period.start.isoformat(), "end": period.end.isoformat(),
                       "label": period.label},
            "currency": forecast.currency,
            **figures_data(forecast.totals),
            "unconverted": sorted(forecast.unconverted),
            "rows": [{"user": row.user.pk, "name": str(row.user), **figures_data(row.figures)}
                     for row in forecast.rows],
        })


register_viewset("forecasts", ForecastViewSet)
