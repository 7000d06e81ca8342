"""The analytics of the API: `GET /api/v1/analytics/<measure>/` (a run's results per customer,
as the caller may see them, with the run's parameters) and `/api/v1/analytics/runs/` (list,
start and follow runs)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import F
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.response import Response

from clientela.core.api.pagination import PageNumberPagination
from clientela.core.api.registry import register_viewset

from ..choices import BcgQuadrant, LoyaltyQuadrant, ParetoClass, RfmSegment
from ..models import AnalysisRun, Portfolio
from ..selectors.results import (
    ResultFilters,
    customer_results,
    finished_runs,
    may_run_analytics,
    may_view_analytics,
    may_view_company_figures,
    product_results,
)
from ..selectors.summaries import pareto_figures
from ..services import run_start


class ResultPagination(PageNumberPagination):
    """The API's pages, counted afresh: which results a caller sees follows account owners,
    which the cached record counts do not track for results."""

    django_paginator_class = Paginator


DIMENSIONS = ("customer_class", "industry", "region", "country")
# Each measure's fields per customer, and its natural order.
MEASURES: dict[str, tuple[tuple[str, ...], str]] = {
    "rfm": (("recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
             "rfm_segment", "last_purchase"), "-m_score"),
    "pareto": (("pareto_rank", "pareto_class", "revenue", "margin", "cumulative_share"),
               "pareto_rank"),
    "clv": (("clv", "clv_simple", "expected_purchases", "p_alive", "expected_spend", "revenue",
             "margin"), "-clv"),
    "profitability": (("revenue", "cost", "margin", "discounts", "cost_to_serve",
                       "net_profit"), "-net_profit"),
    "bcg": (("bcg_quadrant", "growth", "share_of_wallet", "share_estimated", "revenue",
             "previous_revenue"), "-revenue"),
    "attractiveness": (("attractiveness", "is_key", "revenue", "margin"), "-attractiveness"),
    "loyalty": (("loyalty_quadrant", "satisfaction", "satisfaction_level",
                 "satisfaction_source", "loyalty", "p_alive", "purchases"), "-loyalty"),
    "customers": (("revenue", "margin", "purchases", "first_purchase", "last_purchase",
                   "pareto_class", "rfm_segment", "bcg_quadrant", "loyalty_quadrant",
                   "is_key", "clv", "p_alive", "attractiveness", "net_profit"), "pareto_rank"),
}
CLASS_FILTERS = {
    "pareto_class": ParetoClass.values, "rfm_segment": RfmSegment.values,
    "bcg_quadrant": BcgQuadrant.values, "loyalty_quadrant": LoyaltyQuadrant.values,
}
PARAMETERS = {"run", "owner", "portfolio", "ordering", "page", "page_size", "is_key",
              *DIMENSIONS,
              *CLASS_FILTERS}
PRODUCT_FIELDS = ("quantity", "revenue", "cost", "margin", "discounts", "unit_margin",
                  "customers")


def plain(value):
    """Return a value as the API writes it: money as a decimal string, dates ISO."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def run_data(run: AnalysisRun) -> dict:
    return {"id": run.pk, "as_of": run.as_of.isoformat(),
            "period_start": run.period_start.isoformat(),
            "period_end": run.period_end.isoformat(), "parameters": run.parameters,
            "finished_at": run.finished_at.isoformat() if run.finished_at else None}


class RunSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = AnalysisRun
        fields = ["id", "as_of", "period_start", "period_end", "parameters", "status",
                  "trigger", "progress", "total", "percent", "error", "summary", "created_by",
                  "created_at", "started_at", "finished_at"]
        read_only_fields = fields

    def to_representation(self, run):
        data = super().to_representation(run)
        request = self.context.get("request")
        # The summary counts and sums every customer: for those who may see every account.
        if request is None or not may_view_company_figures(request.user):
            data["summary"] = None
        return data


class RunStartSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="Default: today.")
    period_months = serializers.IntegerField(
        required=False, min_value=1, max_value=60,
        help_text="Months of revenue and margin measured; default: the settings' period.")


class AnalyticsPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return may_view_analytics(request.user)


class RunViewSet(viewsets.ReadOnlyModelViewSet):
    """Analysis runs, newest first; POST starts one (202) that a worker computes."""

    queryset = AnalysisRun.objects.all()
    serializer_class = RunSerializer
    permission_classes = [permissions.IsAuthenticated, AnalyticsPermission]
    pagination_class = ResultPagination

    @extend_schema(request=RunStartSerializer, responses={202: RunSerializer})
    def create(self, request):
        """Start a run of every measure as of `as_of` with the company's parameters."""
        if not may_run_analytics(request.user):
            raise exceptions.PermissionDenied()
        body = RunStartSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        as_of = body.validated_data.get("as_of")
        if as_of and as_of > datetime.date.today() + datetime.timedelta(days=1):
            raise exceptions.ValidationError({"as_of": [_("A run cannot be dated ahead.")]})
        run = run_start(user=request.user, as_of=as_of,
                        period_months=body.validated_data.get("period_months"))
        return Response(RunSerializer(run, context={"request": request}).data,
                        status=status.HTTP_202_ACCEPTED)


class MeasureViewSet(viewsets.ViewSet):
    """One measure of a finished run for the customers the caller may see."""

    permission_classes = [permissions.IsAuthenticated, AnalyticsPermission]
    lookup_field = "measure"
    lookup_value_regex = "|".join([*MEASURES, "products"])

    def _run(self, request) -> AnalysisRun:
        raw = request.query_params.get("run")
        runs = finished_runs()
        if raw:
            try:
                return runs.get(pk=int(raw))
            except (ValueError, AnalysisRun.DoesNotExist):
                raise exceptions.NotFound(_("No finished run %(run)s.") % {"run": raw}) from None
        run = runs.first()
        if run is None:
            raise exceptions.NotFound(_("No analysis has been run yet."))
        return run

    def _filters(self, request) -> tuple[ResultFilters, dict]:
        params = request.query_params
        unknown = sorted(set(params) - PARAMETERS)
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown parameter.")]
                                              for name in unknown})
        errors, classes = {}, {}
        for name, allowed in CLASS_FILTERS.items():
            if params.get(name):
                if params[name] not in allowed:
                    errors[name] = [_("Choose one of: %(values)s.")
                                    % {"values": ", ".join(allowed)}]
                classes[name] = params[name]
        if params.get("is_key"):
            if params["is_key"] not in ("true", "false"):
                errors["is_key"] = [_("Write true or false.")]
            classes["is_key"] = params["is_key"] == "true"
        owner = params.get("owner")
        if owner and not owner.isdigit():
            errors["owner"] = [_("A user's id.")]
        portfolio = params.get("portfolio")
        if portfolio and not (portfolio.isdigit() and Portfolio.objects.restrict(
                request.user, "view").filter(pk=int(portfolio)).exists()):
            errors["portfolio"] = [_("A portfolio's id, of one you may see.")]
        if errors:
            raise exceptions.ValidationError(errors)
        filters = ResultFilters(customer_class=params.get("customer_class", ""),
                                region=params.get("region", ""),
                                industry=params.get("industry", ""),
                                country=params.get("country", ""),
                                owner=int(owner) if owner else None,
                                portfolio=int(portfolio) if portfolio else None)
        return filters, classes

    def _ordering(self, request, fields: tuple[str, ...], default: str):
        raw = request.query_params.get("ordering") or default
        name = raw.removeprefix("-")
        allowed = {*fields, "account_name", "pareto_rank"}
        if name not in allowed:
            raise exceptions.ValidationError({"ordering": [
                _("Sort by one of: %(fields)s.") % {"fields": ", ".join(sorted(allowed))}]})
        field = F("account__name" if name == "account_name" else name)
        return field.desc(nulls_last=True) if raw.startswith("-") else field.asc(nulls_last=True)

    @extend_schema(
        operation_id="analytics_measure_retrieve",
        parameters=[OpenApiParameter("run", OpenApiTypes.INT, description="Default: latest."),
                    *[OpenApiParameter(name, OpenApiTypes.STR) for name in sorted(
                        PARAMETERS - {"run", "page", "page_size"})]],
        responses={200: OpenApiResponse(description=(
            "`{count, next, previous, run, summary, results}`: the run's id, date, period and "
            "parameters; the measure's summary over the customers shown; one row per "
            "customer.")), 404: OpenApiResponse(description="No finished run (yet).")},
    )
    def retrieve(self, request, measure=None):
        """Return the measure's per-customer results of a finished run (default the latest)."""
        run = self._run(request)
        if measure == "products":
            return self._products(request, run)
        fields, default = MEASURES[measure]
        filters, classes = self._filters(request)
        results = customer_results(user=request.user, run=run, filters=filters)
        if classes:
            results = results.filter(**classes)
        ordered = results.order_by(self._ordering(request, fields, default), "account_id")
        paginator = ResultPagination()
        page = paginator.paginate_queryset(ordered, request, view=self)
        rows = [{"account": result.account_id, "account_name": result.account.name,
                 **{name: plain(getattr(result, name)) for name in (*DIMENSIONS, *fields)}}
                for result in page]
        response = paginator.get_paginated_response(rows)
        response.data["run"] = run_data(run)
        response.data["summary"] = self._summary(measure, run, results)
        return response

    def _summary(self, measure: str, run: AnalysisRun, results) -> dict:
        """Return the measure's model-level figures and, for the customers shown, its counts."""
        summary = run.summary or {}
        if measure == "pareto":
            figures = pareto_figures(run=run, results=results)
            return {"basis": figures.basis, "cutoffs": list(figures.cutoffs),
                    "customer_share": figures.customer_share,
                    "value_share": figures.value_share, "curve": figures.curve}
        if measure == "clv":
            clv = summary.get("clv", {})
            return {key: clv.get(key) for key in ("bgnbd", "gamma_gamma", "holdout",
                                                  "horizon_months", "time_unit", "skipped")}
        if measure == "bcg":
            bcg = summary.get("bcg", {})
            return {"growth_threshold": bcg.get("growth_threshold"),
                    "share_threshold": bcg.get("share_threshold")}
        if measure == "attractiveness":
            return {"bar": summary.get("attractiveness", {}).get("bar")}
        return {}

    def _products(self, request, run: AnalysisRun) -> Response:
        if not may_view_company_figures(request.user):
            raise exceptions.PermissionDenied(_(
                "Product profitability sums every customer's purchases: it is open to those "
                "who may see every account."))
        unknown = sorted(set(request.query_params) - {"run", "page", "page_size"})
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown parameter.")]
                                              for name in unknown})
        paginator = ResultPagination()
        page = paginator.paginate_queryset(product_results(run=run), request, view=self)
        rows = [{"product": row.product_id, "product_name": row.product.name,
                 **{name: plain(getattr(row, name)) for name in PRODUCT_FIELDS}} for row in page]
        response = paginator.get_paginated_response(rows)
        response.data["run"] = run_data(run)
        response.data["summary"] = {}
        return response


register_viewset("analytics/runs", RunViewSet)
register_viewset("analytics", MeasureViewSet)
