"""Analysis runs: start one (on demand or nightly), compute it in a worker, store its results."""

from __future__ import annotations

import dataclasses
import datetime
import logging
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Avg, Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.accounts.choices import AccountType
from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.bulk import bulk_write
from clientela.core.exceptions import ApplicationError
from clientela.sales.selectors import BaseConverter

from .choices import RunStatus, RunTrigger
from .measures import (
    Criterion,
    Customers,
    Parameters,
    compute_measures,
    day_or_none,
    json_safe,
)
from .models import (
    AnalysisRun,
    AnalyticsSettings,
    AttractivenessCriterion,
    AttractivenessScore,
    CustomerResult,
    ProductResult,
)
from .selectors.history import buying_history, counted_order_lines, line_sums

logger = logging.getLogger(__name__)
STEPS = 7
MIN_PERIOD_MONTHS, MAX_PERIOD_MONTHS = 1, 60
CENT = Decimal("0.01")


def parameters_from_settings(*, as_of: datetime.date | None = None) -> Parameters:
    """Return the company's run parameters, as of `as_of` (today)."""
    stored = AnalyticsSettings.load()

    def number(value) -> float | None:
        return None if value is None else float(value)

    return Parameters(
        as_of=as_of or timezone.localdate(), period_months=stored.period_months,
        value_basis=stored.value_basis,
        cutoffs=(float(stored.class_a_cutoff), float(stored.class_b_cutoff)),
        horizon_months=stored.horizon_months,
        annual_discount_rate=float(stored.annual_discount_rate),
        expected_lifetime_years=float(stored.expected_lifetime_years),
        hourly_rate=float(stored.hourly_rate), growth_threshold=number(stored.growth_threshold),
        share_threshold=number(stored.share_threshold),
        key_account_bar=float(stored.key_account_bar),
    )


def run_start(*, user=None, as_of: datetime.date | None = None,
              period_months: int | None = None, trigger: str = RunTrigger.MANUAL,
              enqueue: bool = True) -> AnalysisRun:
    """Queue a run of every measure as of `as_of` (today) with the company's parameters, over
    `period_months` when given instead of the settings' period; a worker computes it once the
    transaction commits (unless `enqueue` is false: the caller computes it with
    `run_execute`)."""
    parameters = parameters_from_settings(as_of=as_of)
    if period_months is not None:
        if not MIN_PERIOD_MONTHS <= period_months <= MAX_PERIOD_MONTHS:
            raise ApplicationError(
                _("The period is %(low)d to %(high)d months.")
                % {"low": MIN_PERIOD_MONTHS, "high": MAX_PERIOD_MONTHS}, field="period_months")
        parameters = dataclasses.replace(parameters, period_months=period_months)
    run = AnalysisRun.objects.create(
        as_of=parameters.as_of, period_start=parameters.period_start,
        period_end=parameters.as_of, parameters=parameters.as_json(), trigger=trigger,
        total=STEPS, created_by=user if user is not None and user.is_authenticated else None,
    )
    if enqueue:
        from .tasks import run_execute_task

        transaction.on_commit(lambda: run_execute_task.delay(run.pk))
    return run


def run_nightly() -> AnalysisRun | None:
    """Start the nightly run, unless the company turned it off."""
    if not AnalyticsSettings.load().nightly:
        return None
    return run_start(trigger=RunTrigger.SCHEDULED)


def _parameters_of(run: AnalysisRun) -> Parameters:
    stored = dict(run.parameters)
    stored["as_of"] = run.as_of
    stored["cutoffs"] = tuple(stored.get("cutoffs", (0.8, 0.95)))
    return Parameters(**stored)


def _report(run: AnalysisRun):
    def report(step: int) -> None:
        AnalysisRun.objects.filter(pk=run.pk).update(progress=step)

    return report


def run_execute(*, run_id: int) -> AnalysisRun:
    """Compute a queued run and store its results; a failure is recorded on the run, and
    nothing of a failed run's results is kept."""
    run = AnalysisRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING,
                                                  started_at=timezone.now())
    report = _report(run)
    try:
        parameters = _parameters_of(run)
        history = buying_history(until=parameters.as_of)
        customers, attributes = _customers(history.account)
        criteria = [Criterion(id=row.id, weight=row.weight, source=row.source)
                    for row in AttractivenessCriterion.objects.filter(is_active=True)]
        results = compute_measures(history=history, customers=customers, criteria=criteria,
                                   parameters=parameters, progress=report)
        with transaction.atomic():
            _store_customers(run, customers, attributes, results.columns)
            report(6)
            results.summary["products"] = _store_products(run, parameters)
            AnalysisRun.objects.filter(pk=run.pk).update(
                status=RunStatus.SUCCEEDED, summary=json_safe(results.summary),
                progress=STEPS, finished_at=timezone.now())
    except Exception as error:  # noqa: BLE001 - a run records whatever stopped it
        logger.exception("Analysis run %s failed", run.pk)
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(error) or error.__class__.__name__,
            finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _customers(buying_accounts: np.ndarray) -> tuple[Customers, dict[int, tuple]]:
    """Return the accounts a run classifies: customers, and every account that bought or was
    scored, with what the measures read and the attributes stored beside the results."""
    scores: dict[int, dict[int, int]] = {}
    for account_id, criterion_id, score in AttractivenessScore.objects.values_list(
            "account_id", "criterion_id", "score"):
        scores.setdefault(account_id, {})[criterion_id] = score
    wanted = set(np.unique(buying_accounts).tolist()) | set(scores)
    rows = [
        row for row in Account.objects.order_by("id").values_list(
            "id", "category_spend", "satisfaction", "expected_satisfaction", "recommend_score",
            "customer_class", "industry", "billing_region", "billing_country", "owner_id",
            "account_type")
        if row[-1] == AccountType.CUSTOMER or row[0] in wanted
    ]
    contact_answers = {
        row["account_id"]: row for row in Contact.objects.filter(
            account_id__in=[row[0] for row in rows], satisfaction__isnull=False,
        ).values("account_id").annotate(satisfaction_mean=Avg("satisfaction"),
                                        expected_mean=Avg("expected_satisfaction"),
                                        recommend_mean=Avg("recommend_score"))
    }

    def number(value) -> float:
        return np.nan if value is None else float(value)

    def answers(row) -> tuple[float, float, float]:
        if row[2] is not None or row[4] is not None:
            return number(row[2]), number(row[3]), number(row[4])
        contacts = contact_answers.get(row[0])
        if contacts is None:
            return np.nan, np.nan, np.nan
        return (number(contacts["satisfaction_mean"]), number(contacts["expected_mean"]),
                number(contacts["recommend_mean"]))

    survey = np.array([answers(row) for row in rows], dtype=np.float64).reshape(-1, 3)
    customers = Customers(
        ids=np.array([row[0] for row in rows], dtype=np.int64),
        category_spend=np.array([number(row[1]) for row in rows], dtype=np.float64),
        satisfaction=survey[:, 0], expected_satisfaction=survey[:, 1],
        recommend_score=survey[:, 2], scores=scores,
    )
    attributes = {row[0]: row[5:10] for row in rows}
    return customers, attributes


# The result columns written from the computed arrays, and how each is stored.
MONEY_COLUMNS = ("revenue", "cost", "margin", "discounts", "previous_revenue", "monetary",
                 "clv_simple", "expected_spend", "clv", "cost_to_serve", "net_profit")
FLOAT_COLUMNS = ("cumulative_share", "expected_purchases", "p_alive", "growth",
                 "share_of_wallet", "attractiveness", "satisfaction", "loyalty")
COUNT_COLUMNS = ("purchases", "frequency", "pareto_rank")
SCORE_COLUMNS = ("recency_days", "r_score", "f_score", "m_score", "volume_score",
                 "growth_score", "margin_score")
TEXT_COLUMNS = ("rfm_segment", "pareto_class", "bcg_quadrant", "satisfaction_source",
                "satisfaction_level", "loyalty_quadrant")
FLAG_COLUMNS = ("share_estimated", "is_key")


def _nullable(values: np.ndarray, places: int | None = None) -> list:
    """Return the array as a list, NaN as None (rounded to `places` when given)."""
    finite = np.isfinite(values)
    if places is not None:
        values = np.round(values, places)
    return [value if ok else None for value, ok in zip(values.tolist(), finite.tolist(),
                                                        strict=True)]


def _store_customers(run: AnalysisRun, customers: Customers, attributes: dict,
                     columns: dict) -> None:
    """Write one result row per customer straight from the computed columns."""
    ids = customers.ids.tolist()
    written: dict[str, list] = {
        **{name: _nullable(np.asarray(columns[name], dtype=np.float64), 2)
           for name in MONEY_COLUMNS},
        **{name: _nullable(np.asarray(columns[name], dtype=np.float64))
           for name in FLOAT_COLUMNS},
        **{name: np.asarray(columns[name], dtype=np.int64).tolist() for name in COUNT_COLUMNS},
        # Zero scores and negative days mean "none": customers who never bought.
        **{name: [value if value > 0 or (name == "recency_days" and value == 0) else None
                  for value in np.asarray(columns[name], dtype=np.int64).tolist()]
           for name in SCORE_COLUMNS},
        **{name: [str(value) for value in columns[name]] for name in TEXT_COLUMNS},
        **{name: np.asarray(columns[name], dtype=bool).tolist() for name in FLAG_COLUMNS},
        "first_purchase": [day_or_none(day) for day in columns["first_day"].tolist()],
        "last_purchase": [day_or_none(day) for day in columns["last_day"].tolist()],
    }
    snapshot = ("customer_class", "industry", "region", "country", "owner_id_at_run")
    names = ["run_id", "account_id", *snapshot, *written]
    values = list(written.values())
    rows = (
        (run.pk, account_id, *(value if value is not None or name == "owner_id_at_run"
                               else "" for name, value in zip(
                                   snapshot, attributes[account_id], strict=True)),
         *(column[position] for column in values))
        for position, account_id in enumerate(ids)
    )
    bulk_write(CustomerResult, names, rows)


def _store_products(run: AnalysisRun, parameters: Parameters) -> int:
    """Store each product's quantity, revenue, cost, margin and buyers over the run's period."""
    lines = counted_order_lines(until=parameters.as_of, since=parameters.period_start).filter(
        product__isnull=False)
    sums = (lines.values_list("product_id", "order__currency_id", "order__order_date")
            .annotate(units=Sum("quantity"), **line_sums()).order_by())
    rows = list(sums)
    converter = BaseConverter({row[1] for row in rows})
    totals: dict[int, list[Decimal]] = {}
    for product_id, currency, day, quantity, revenue, cost, discounts in rows:
        try:
            rate = converter.rate_on(currency, day)
        except Exception:  # noqa: BLE001 - a day without a rate is left out, as for customers
            continue
        total = totals.setdefault(product_id, [Decimal(0)] * 4)
        total[0] += quantity or 0
        total[1] += (revenue or 0) * rate
        total[2] += (cost or 0) * rate
        total[3] += (discounts or 0) * rate
    buyers = dict(lines.values_list("product_id").annotate(
        count=Count("order__account_id", distinct=True)).order_by())
    ProductResult.objects.bulk_create(
        ProductResult(
            run=run, product_id=product_id, quantity=quantity,
            revenue=revenue.quantize(CENT), cost=cost.quantize(CENT),
            margin=(revenue - cost).quantize(CENT), discounts=discounts.quantize(CENT),
            unit_margin=((revenue - cost) / quantity).quantize(CENT) if quantity else None,
            customers=buyers.get(product_id, 0),
        )
        for product_id, (quantity, revenue, cost, discounts) in totals.items()
    )
    return len(totals)
