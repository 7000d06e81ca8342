"""The sales dashboard of the API:
GET /api/v1/sales-dashboard/?from=2026-01&to=2026-11&team=&owner=&pipeline="""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.response import Response

from clientela.core.api.registry import register_viewset
from clientela.core.permissions import can

from ..forecasting import Period
from ..forms.dashboard import BAD_MONTH, PARAMETERS, check_range, default_first, parse_month
from ..models import Pipeline
from ..selectors.dashboard import DashboardFilters, dashboard_data, sales_dashboard
from ..selectors.forecasts import forecast_teams, forecast_users

MONEY = {"max_digits": 16, "decimal_places": 2}
RATIO = {"max_digits": 8, "decimal_places": 1}


class DashboardFunnelStageSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.DecimalField(**MONEY)


class DashboardFunnelSerializer(serializers.Serializer):
    pipeline = serializers.IntegerField(allow_null=True)
    pipeline_name = serializers.CharField(allow_null=True)
    stages = DashboardFunnelStageSerializer(many=True)


class DashboardRevenueMonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    won_count = serializers.IntegerField()
    won_amount = serializers.DecimalField(**MONEY)
    quota = serializers.DecimalField(**MONEY, allow_null=True)


class DashboardRevenueSerializer(serializers.Serializer):
    won_amount = serializers.DecimalField(**MONEY)
    quota = serializers.DecimalField(**MONEY, allow_null=True)
    months = DashboardRevenueMonthSerializer(many=True)


class DashboardWinRateMonthSerializer(serializers.Serializer):
    month = serializers.CharField()
    won = serializers.IntegerField()
    lost = serializers.IntegerField()
    rate = serializers.DecimalField(**RATIO, allow_null=True,
                                    help_text="won / (won + lost) in percent.")


class DashboardWinRateSerializer(serializers.Serializer):
    won = serializers.IntegerField()
    lost = serializers.IntegerField()
    rate = serializers.DecimalField(**RATIO, allow_null=True)
    months = DashboardWinRateMonthSerializer(many=True)


class DashboardDealFiguresSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    won_count = serializers.IntegerField()
    won_amount = serializers.DecimalField(**MONEY)
    average_deal = serializers.DecimalField(**MONEY, allow_null=True)
    average_cycle_days = serializers.DecimalField(**RATIO, allow_null=True)


class DashboardDealsSerializer(serializers.Serializer):
    current = DashboardDealFiguresSerializer()
    previous = DashboardDealFiguresSerializer(help_text="The as many months just before the range.")


class DashboardStageTimeSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    name = serializers.CharField()
    pipeline = serializers.CharField()
    left_count = serializers.IntegerField()
    average_days = serializers.DecimalField(**RATIO, allow_null=True)


class DashboardSalespersonSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    name = serializers.CharField()
    won_count = serializers.IntegerField()
    won_amount = serializers.DecimalField(**MONEY)
    lost_count = serializers.IntegerField()
    win_rate = serializers.DecimalField(**RATIO, allow_null=True)
    average_deal = serializers.DecimalField(**MONEY, allow_null=True)
    average_cycle_days = serializers.DecimalField(**RATIO, allow_null=True)
    open_count = serializers.IntegerField()
    open_amount = serializers.DecimalField(**MONEY)
    weighted_amount = serializers.DecimalField(**MONEY)
    quota = serializers.DecimalField(**MONEY, allow_null=True)
    attainment = serializers.DecimalField(**RATIO, allow_null=True)


# One dashboard, not a list, although the viewset answers on its list route.
@extend_schema_serializer(many=False)
class SalesDashboardSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="The base currency every amount is in.")
    unconverted = serializers.ListField(
        child=serializers.CharField(),
        help_text="Currencies left out of the amounts: they had no exchange rate that early.")
    from_ = serializers.CharField(label="from")
    to = serializers.CharField()
    team = serializers.IntegerField(allow_null=True)
    owner = serializers.IntegerField(allow_null=True)
    pipeline = serializers.IntegerField(allow_null=True)
    funnel = DashboardFunnelSerializer()
    revenue = DashboardRevenueSerializer()
    win_rate = DashboardWinRateSerializer()
    deals = DashboardDealsSerializer()
    time_in_stage = DashboardStageTimeSerializer(many=True)
    salespeople = DashboardSalespersonSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


def _id(request, name: str) -> int | None:
    text = request.query_params.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise exceptions.ValidationError({name: [_("Give the id, a whole number.")]})
    return int(text)


class SalesDashboardViewSet(viewsets.GenericViewSet):
    """The sales dashboard's figures; amounts are in the base currency and count only what
    the caller may see."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):  # the figures come from the selectors, not one queryset
        return None

    def filters(self, request) -> DashboardFilters:
        """Return the filters the query asks for, refusing what is malformed (400) and a team
        or salesperson the caller may not see (404)."""
        default = DashboardFilters.last_months(timezone.localdate())
        months: dict[str, Period] = {}
        for name in ("to", "from"):
            text = request.query_params.get(name, "").strip()
            try:
                months[name] = parse_month(text) if text else (
                    default.last if name == "to" else default_first(months["to"]))
            except ValueError:
                raise exceptions.ValidationError({name: [str(BAD_MONTH)]}) from None
        problem = check_range(months["from"], months["to"])
        if problem:
            raise exceptions.ValidationError({"to": [problem]})
        team_id, owner_id, pipeline_id = (_id(request, name)
                                          for name in ("team", "owner", "pipeline"))
        team = owner = pipeline = None
        if pipeline_id is not None:
            pipeline = Pipeline.objects.filter(pk=pipeline_id).first()
            if pipeline is None:
                raise exceptions.ValidationError({"pipeline": [_("There is no such pipeline.")]})
        if team_id is not None:
            team = forecast_teams(viewer=request.user).filter(pk=team_id).first()
            if team is None:
                raise exceptions.NotFound()
        if owner_id is not None:
            owner = forecast_users(viewer=request.user).filter(pk=owner_id).first()
            if owner is None:
                raise exceptions.NotFound()
        return DashboardFilters(first=months["from"], last=months["to"], team=team,
                                owner=owner, pipeline=pipeline)

    @extend_schema(
        operation_id="sales_dashboard_retrieve",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.STR, description=(
                "The first month, as 2026-01; default eleven months before the last.")),
            OpenApiParameter("to", OpenApiTypes.STR, description=(
                "The last month, as 2026-11; default the current month. At most 60 months "
                "from the first.")),
            OpenApiParameter("team", OpenApiTypes.INT, description=(
                "A team's id: the opportunities of its members, its quota (else its "
                "members').")),
            OpenApiParameter("owner", OpenApiTypes.INT, description="A salesperson's id."),
            OpenApiParameter("pipeline", OpenApiTypes.INT, description=(
                "A pipeline's id; default all (the funnel then shows the first pipeline).")),
        ],
        responses={200: SalesDashboardSerializer,
                   400: OpenApiResponse(description="A bad parameter, named in `errors`."),
                   403: OpenApiResponse(description="The caller has no access to "
                                                    "opportunities."),
                   404: OpenApiResponse(description="A team or salesperson the caller may "
                                                    "not see.")},
    )
    def list(self, request):
        """Return the dashboard: open pipeline per stage, won revenue and quota per month, win
        rate, average deal size and cycle against the previous range, time in stage, and one
        row per salesperson."""
        unknown = sorted(set(request.query_params) - set(PARAMETERS))
        if unknown:
            raise exceptions.ValidationError(
                {name: [_("Unknown parameter.")] for name in unknown})
        if not can(request.user, "opportunities", "access"):
            raise exceptions.PermissionDenied()
        dashboard = sales_dashboard(viewer=request.user, filters=self.filters(request))
        return Response(dashboard_data(dashboard))


register_viewset("sales-dashboard", SalesDashboardViewSet)
