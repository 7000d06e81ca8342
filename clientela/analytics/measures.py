"""Every measure of one run, computed on arrays from the buying history and the accounts.

`compute_measures` is the whole classification: RFM, Pareto/ABC, lifetime value (simple and
BG/NBD + Gamma-Gamma with a holdout check), profitability, the BCG matrix, attractiveness and
satisfaction × loyalty. It reads nothing from the database itself: the run service gathers the
inputs, calls it and stores what it returns, so the rules stay in one place and are testable on
plain values.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .choices import (
    BcgQuadrant,
    CriterionSource,
    LoyaltyQuadrant,
    RfmSegment,
    SatisfactionLevel,
    SatisfactionSource,
    ValueBasis,
)
from .methods import bgnbd, clv, gamma_gamma, pareto, rfm
from .methods.transactions import Purchases, summarise
from .selectors.history import BuyingHistory, epoch_day, from_epoch_day

WEEKS_PER_YEAR = 365.25 / 7
MONTHS_PER_YEAR = 12
# The methods name segments as the published grid does; the stored value is the choice's.
SEGMENTS = {"champions": RfmSegment.CHAMPIONS, "loyal": RfmSegment.LOYAL,
            "potential loyalists": RfmSegment.POTENTIAL_LOYALISTS, "new": RfmSegment.NEW,
            "promising": RfmSegment.PROMISING, "need attention": RfmSegment.NEED_ATTENTION,
            "about to sleep": RfmSegment.ABOUT_TO_SLEEP, "at risk": RfmSegment.AT_RISK,
            "can't lose": RfmSegment.CANNOT_LOSE, "hibernating": RfmSegment.HIBERNATING,
            "lost": RfmSegment.LOST}
# Fewer repeat buyers than this and the value models are not fitted: their parameters would
# say more about chance than about the customers.
MIN_REPEAT_BUYERS = 20
# Tried in turn until the BG/NBD fit converges to usable parameters: a small history can drive
# a and b to infinity (dropout that never varies), where the forecast is undefined.
PENALIZERS = (0.0, 1e-4, 1e-3, 1e-2)
LARGEST_PARAMETER = 1e4


@dataclass(frozen=True)
class Parameters:
    """What a run computes with; stored with the run so that its results can be read again."""

    as_of: datetime.date
    period_months: int = 12
    value_basis: str = ValueBasis.REVENUE
    cutoffs: tuple[float, float] = (0.8, 0.95)
    horizon_months: int = 36
    annual_discount_rate: float = 0.10
    expected_lifetime_years: float = 5.0
    hourly_rate: float = 50.0
    growth_threshold: float | None = None
    share_threshold: float | None = None
    key_account_bar: float = 50.0

    @property
    def period_start(self) -> datetime.date:
        return months_before(self.as_of, self.period_months) + datetime.timedelta(days=1)

    @property
    def previous_start(self) -> datetime.date:
        return months_before(self.period_start, self.period_months)

    def as_json(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "period_months": self.period_months,
                "value_basis": self.value_basis, "cutoffs": list(self.cutoffs),
                "horizon_months": self.horizon_months,
                "annual_discount_rate": self.annual_discount_rate,
                "expected_lifetime_years": self.expected_lifetime_years,
                "hourly_rate": self.hourly_rate, "growth_threshold": self.growth_threshold,
                "share_threshold": self.share_threshold,
                "key_account_bar": self.key_account_bar}


def months_before(day: datetime.date, months: int) -> datetime.date:
    """Return the same day `months` months earlier: the month's last day when `day` is the
    last of its month or the earlier month is shorter (so a period ending June 30 starts on
    January 1, not December 31)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last = _last_day(year, month)
    if day == _last_day(day.year, day.month):
        return last
    return last.replace(day=min(day.day, last.day))


def _last_day(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@dataclass(frozen=True)
class Customers:
    """The accounts a run classifies, aligned by position: their id and the attributes the
    measures read (survey answers, estimated category spend, attractiveness scores)."""

    ids: np.ndarray
    category_spend: np.ndarray  # NaN where unknown
    satisfaction: np.ndarray  # survey answer 1–5, NaN where none
    expected_satisfaction: np.ndarray
    recommend_score: np.ndarray  # 0–10, NaN where none
    scores: dict[int, dict[int, int]] = field(default_factory=dict)  # account → criterion → 1–5


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: int
    source: str


@dataclass
class Results:
    """Per-customer columns (aligned with `Customers.ids`) and the run's summary."""

    columns: dict[str, np.ndarray]
    summary: dict


def _index(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return the position of each value in the sorted `ids`."""
    return np.searchsorted(ids, values)


def _sum_by(customer: np.ndarray, values: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(customer[mask], weights=values[mask], minlength=n)


def compute_measures(*, history: BuyingHistory, customers: Customers,
                     criteria: list[Criterion], parameters: Parameters,
                     progress: Callable[[int], None] = lambda step: None) -> Results:
    """Return every measure of every customer as of `parameters.as_of`."""
    n = customers.ids.size
    as_of_day = epoch_day(parameters.as_of)
    in_history = np.isin(history.account, customers.ids) & (history.day <= as_of_day)
    customer = _index(customers.ids, history.account[in_history])
    day = history.day[in_history]
    revenue, cost = history.revenue[in_history], history.cost[in_history]
    discounts, is_purchase = history.discounts[in_history], history.is_purchase[in_history]

    period = day >= epoch_day(parameters.period_start)
    previous = (day >= epoch_day(parameters.previous_start)) & ~period
    columns: dict[str, np.ndarray] = {
        "revenue": _sum_by(customer, revenue, period, n),
        "cost": _sum_by(customer, cost, period, n),
        "discounts": _sum_by(customer, discounts, period, n),
        "previous_revenue": _sum_by(customer, revenue, previous, n),
    }
    columns["margin"] = columns["revenue"] - columns["cost"]
    purchase_customer, purchase_day = customer[is_purchase], day[is_purchase]
    columns["purchases"] = np.bincount(purchase_customer, minlength=n)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, purchase_customer, purchase_day)
    np.maximum.at(last, purchase_customer, purchase_day)
    bought = columns["purchases"] > 0
    columns["first_day"] = np.where(bought, first, -1)
    columns["last_day"] = np.where(bought, last, -1)
    progress(1)

    summary = {"customers": int(n), "buying_customers": int(bought.sum()),
               "rows_without_rate": history.skipped}
    _rfm(columns, customer, day, is_purchase, period, bought, as_of_day, n)
    summary["pareto"] = _pareto(columns, customers, parameters)
    progress(2)
    every_day = np.ones(day.size, dtype=bool)
    margin_share = _margin_share(_sum_by(customer, revenue, every_day, n),
                                 _sum_by(customer, cost, every_day, n))
    summary["clv"] = _lifetime_value(columns, customer[is_purchase], day[is_purchase],
                                     revenue[is_purchase], bought, margin_share, parameters,
                                     progress)
    columns["cost_to_serve"] = np.zeros(n)
    columns["net_profit"] = columns["margin"] - columns["cost_to_serve"]
    summary["bcg"] = _bcg(columns, customers, parameters)
    summary["attractiveness"] = _attractiveness(columns, customers, criteria, parameters)
    summary["loyalty"] = _satisfaction_and_loyalty(columns, customers, as_of_day)
    summary["totals"] = {name: float(columns[name].sum())
                         for name in ("revenue", "cost", "margin", "discounts", "net_profit")}
    progress(5)
    return Results(columns=columns, summary=summary)


def _rfm(columns, customer, day, is_purchase, period, bought, as_of_day, n) -> None:
    """Recency from the last purchase ever; frequency and monetary over the period."""
    in_period = is_purchase & period
    frequency = np.bincount(customer[in_period], minlength=n)
    columns["frequency"] = frequency
    columns["monetary"] = columns["revenue"].copy()
    recency = np.where(bought, as_of_day - columns["last_day"], -1)
    columns["recency_days"] = recency
    scored = np.flatnonzero(bought)
    r = np.zeros(n, dtype=np.int64)
    f, m = r.copy(), r.copy()
    segments = np.full(n, "", dtype=object)
    if scored.size:
        table = rfm.rfm_table(customer_ids=scored, recency=recency[scored],
                              frequency=frequency[scored], monetary=columns["monetary"][scored])
        r[scored], f[scored], m[scored] = table.r, table.f, table.m
        segments[scored] = [SEGMENTS[name] for name in table.segment]
    columns["r_score"], columns["f_score"], columns["m_score"] = r, f, m
    columns["rfm_segment"] = segments


def _pareto(columns, customers: Customers, parameters: Parameters) -> dict:
    values = columns[parameters.value_basis]
    table = pareto.pareto_table(customer_ids=np.arange(values.size), values=values,
                                cutoffs=parameters.cutoffs)
    positions = table.customer_ids.astype(np.int64)
    rank = np.zeros(values.size, dtype=np.int64)
    share = np.zeros(values.size)
    classes = np.full(values.size, "C", dtype=object)
    rank[positions] = np.arange(1, values.size + 1)
    share[positions] = table.cumulative_share
    classes[positions] = table.classes
    columns["pareto_rank"], columns["cumulative_share"] = rank, share
    columns["pareto_class"] = classes
    counts = {name: int((classes == name).sum()) for name in ("A", "B", "C")}
    return {"basis": parameters.value_basis, "cutoffs": list(parameters.cutoffs),
            "customer_share": table.customer_share, "value_share": table.value_share,
            "classes": counts, "curve": pareto.curve(table)}


def _margin_share(revenue: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Return each customer's margin as a share of its revenue over its whole history (the
    company's share for a customer without revenue), between 0 and 1."""
    total = revenue.sum()
    company = (total - cost.sum()) / total if total > 0 else 1.0
    share = np.full(revenue.size, company)
    np.divide(revenue - cost, revenue, out=share, where=revenue > 0)
    return np.clip(share, 0, 1)


def _lifetime_value(columns, customer, day, revenue, bought, margin_share: np.ndarray,
                    parameters: Parameters, progress) -> dict:
    """Simple CLV for every buying customer; the models' CLV when there is enough history."""
    n = bought.size
    years = parameters.period_months / MONTHS_PER_YEAR
    columns["clv_simple"] = np.where(bought, clv.simple_clv(
        margin_per_period=columns["margin"] / years,
        lifetime_periods=parameters.expected_lifetime_years,
        discount_rate=parameters.annual_discount_rate), np.nan)
    for name in ("expected_purchases", "p_alive", "expected_spend", "clv"):
        columns[name] = np.full(n, np.nan)
    summary: dict = {"horizon_months": parameters.horizon_months, "time_unit": "weeks"}
    if not bought.any():
        summary["skipped"] = "no purchases"
        return summary
    purchases = Purchases(customer_ids=np.arange(n), customer=customer, day=day,
                          amount=revenue)
    calibration = summarise(purchases, calibration_end=parameters.as_of, time_unit="weeks")
    positions = calibration.customer_ids.astype(np.int64)
    repeat_buyers = int(gamma_gamma.usable(frequency=calibration.frequency,
                                           monetary=calibration.monetary).sum())
    summary["repeat_buyers"] = repeat_buyers
    if repeat_buyers < MIN_REPEAT_BUYERS:
        summary["skipped"] = "too few repeat buyers"
        return summary
    fit = fit_purchases(calibration)
    spend_fit = gamma_gamma.fit(frequency=calibration.frequency,
                                monetary=calibration.monetary)
    progress(3)
    horizon = parameters.horizon_months / MONTHS_PER_YEAR * WEEKS_PER_YEAR
    # Monthly steps, discounted monthly, as lifetime values are usually reckoned.
    month = WEEKS_PER_YEAR / MONTHS_PER_YEAR
    monthly_rate = (1 + parameters.annual_discount_rate) ** (1 / MONTHS_PER_YEAR) - 1
    expected_spend = gamma_gamma.conditional_expected_spend(
        spend_fit, frequency=calibration.frequency, monetary=calibration.monetary)
    columns["expected_purchases"][positions] = bgnbd.conditional_expected_purchases(
        fit, horizon, frequency=calibration.frequency, recency=calibration.recency,
        age=calibration.age)
    columns["p_alive"][positions] = bgnbd.p_alive(
        fit, frequency=calibration.frequency, recency=calibration.recency, age=calibration.age)
    columns["expected_spend"][positions] = expected_spend
    columns["clv"][positions] = clv.model_clv(
        fit, frequency=calibration.frequency, recency=calibration.recency,
        age=calibration.age, expected_spend=expected_spend, horizon=horizon,
        discount_rate=monthly_rate, step=month) * margin_share[positions]
    summary["bgnbd"] = {"r": fit.r, "alpha": fit.alpha, "a": fit.a, "b": fit.b,
                        "log_likelihood": fit.log_likelihood, "converged": fit.converged,
                        "penalizer": fit.penalizer}
    summary["gamma_gamma"] = {"p": spend_fit.p, "q": spend_fit.q, "gamma": spend_fit.gamma,
                              "converged": spend_fit.converged}
    summary["holdout"] = _holdout(purchases, parameters)
    progress(4)
    return summary


@dataclass(frozen=True)
class PurchaseFit:
    """A BG/NBD fit and the penalizer it needed."""

    fit: bgnbd.BetaGeometricNBDFit
    penalizer: float

    def __getattr__(self, name):
        return getattr(self.fit, name)


def fit_purchases(summary) -> bgnbd.BetaGeometricNBDFit:
    """Return the first BG/NBD fit, by increasing penalizer, that converges to parameters that
    forecast; its `penalizer` attribute says which was needed."""
    fit = None
    for penalizer in PENALIZERS:
        fit = bgnbd.fit(frequency=summary.frequency, recency=summary.recency, age=summary.age,
                        penalizer=penalizer)
        parameters = np.array([fit.r, fit.alpha, fit.a, fit.b])
        forecast = bgnbd.conditional_expected_purchases(
            fit, 1.0, frequency=summary.frequency, recency=summary.recency, age=summary.age)
        if (fit.converged and np.all(parameters < LARGEST_PARAMETER)
                and np.all(np.isfinite(forecast))):
            break
    return PurchaseFit(fit=fit, penalizer=penalizer)


def _holdout(purchases: Purchases, parameters: Parameters) -> dict | None:
    """Fit on the history before the last half period and forecast that half: predicted
    against actual repeat purchases, in total and per week."""
    months = max(1, parameters.period_months // 2)
    calibration_end = months_before(parameters.as_of, months)
    try:
        summary = summarise(purchases, calibration_end=calibration_end,
                            holdout_end=parameters.as_of, time_unit="weeks")
    except ValueError:
        return None
    if int((summary.frequency > 0).sum()) < MIN_REPEAT_BUYERS:
        return None
    fit = fit_purchases(summary)
    length = summary.holdout_length
    predicted = bgnbd.conditional_expected_purchases(
        fit, length, frequency=summary.frequency, recency=summary.recency, age=summary.age)
    actual = summary.holdout_purchases
    # Per frequency in the calibration period, as the published check shows it (0–7+).
    groups = np.minimum(summary.frequency.astype(np.int64), 7)
    by_frequency = [
        {"frequency": int(value), "customers": int((groups == value).sum()),
         "predicted": float(predicted[groups == value].mean()),
         "actual": float(actual[groups == value].mean())}
        for value in range(8) if (groups == value).any()
    ]
    return {"calibration_end": calibration_end.isoformat(),
            "holdout_end": parameters.as_of.isoformat(), "weeks": length,
            "predicted_repeat_purchases": float(predicted.sum()),
            "actual_repeat_purchases": float(actual.sum()), "by_frequency": by_frequency}


def _median(values: np.ndarray) -> float:
    return float(np.median(values)) if values.size else 0.0


def _bcg(columns, customers: Customers, parameters: Parameters) -> dict:
    """Growth against our share of the customer's business; thresholds default to medians.

    Share is the period's revenue (a year's worth) over the customer's estimated spend in our
    category, or, where that is unknown, over the revenue of our largest customer. A customer
    new in the period grows without bound: it counts as growing.
    """
    revenue, previous = columns["revenue"], columns["previous_revenue"]
    n = revenue.size
    active = (revenue > 0) | (previous > 0)
    growth = np.full(n, np.nan)
    np.divide(revenue - previous, previous, out=growth, where=previous > 0)
    yearly = revenue * MONTHS_PER_YEAR / parameters.period_months
    known = np.isfinite(customers.category_spend) & (customers.category_spend > 0)
    share = np.full(n, np.nan)
    np.divide(yearly, customers.category_spend, out=share, where=known)
    share = np.clip(share, 0, 1)
    largest = float(revenue.max()) if n else 0.0
    estimated = active & ~known
    if largest > 0:
        share[estimated] = revenue[estimated] / largest
    growth_bar = parameters.growth_threshold
    if growth_bar is None:
        growth_bar = _median(growth[active & np.isfinite(growth)])
    share_bar = parameters.share_threshold
    if share_bar is None:
        share_bar = _median(share[active & np.isfinite(share)])
    growing = np.where(np.isfinite(growth), growth > growth_bar, revenue > 0)
    high_share = np.nan_to_num(share) > share_bar
    quadrant = np.select(
        [growing & high_share, ~growing & high_share, growing & ~high_share],
        [BcgQuadrant.STAR, BcgQuadrant.CASH_COW, BcgQuadrant.QUESTION_MARK],
        default=BcgQuadrant.DOG).astype(object)
    quadrant[~active] = ""
    columns["growth"], columns["share_of_wallet"] = growth, np.where(active, share, np.nan)
    columns["share_estimated"], columns["bcg_quadrant"] = estimated, quadrant
    return {"growth_threshold": growth_bar, "share_threshold": share_bar,
            "quadrants": {str(value): int((quadrant == value).sum()) for value in BcgQuadrant}}


def data_scores(columns) -> dict[str, np.ndarray]:
    """Return 1–5 scores by quintile for the criteria the data answers (0: no data)."""
    revenue, margin = columns["revenue"], columns["margin"]
    n = revenue.size
    sources = {
        CriterionSource.CURRENT_VOLUME: (revenue, revenue > 0),
        CriterionSource.DEMAND_GROWTH: (columns["growth"], np.isfinite(columns["growth"])),
        CriterionSource.PROFIT_MARGIN: (
            np.divide(margin, revenue, out=np.zeros(n), where=revenue > 0), revenue > 0),
    }
    scores = {}
    for source, (values, usable) in sources.items():
        score = np.zeros(n, dtype=np.int64)
        if usable.any():
            score[usable] = rfm.quintile_scores(values[usable])
        scores[str(source)] = score
    return scores


@dataclass(frozen=True)
class CriterionScores:
    """The scores of some accounts on the weighted criteria (weight above 0, in order): a
    rep's where there is one, else the data's for the criterion's source, 0 when neither."""

    criteria: list[Criterion]
    scores: np.ndarray  # accounts × criteria, 0–5
    from_data: np.ndarray  # accounts × criteria: the score is the data's

    def attractiveness(self) -> np.ndarray:
        """Return each account's weighted score on 0–100 (5 on every criterion scored = 100),
        NaN unless its scored criteria carry at least half of the total weight: fewer would
        rank an account on one or two answers."""
        weights = np.array([criterion.weight for criterion in self.criteria], dtype=np.float64)
        scored_weight = (self.scores > 0) @ weights
        points = self.scores @ weights
        result = np.full(self.scores.shape[0], np.nan)
        enough = (scored_weight > 0) & (2 * scored_weight >= weights.sum())
        np.divide(100 * points, 5 * scored_weight, out=result, where=enough)
        return result


def criterion_scores(*, criteria: Sequence[Criterion], accounts: np.ndarray,
                     manual: Mapping[int, Mapping[int, int]],
                     from_data: Mapping[str, np.ndarray]) -> CriterionScores:
    """Return the accounts' scores on the weighted criteria: `manual` (account → criterion
    id → 1–5) overrides `from_data` (source → scores aligned with `accounts`, 0: no data)."""
    weighted = [criterion for criterion in criteria if criterion.weight > 0]
    scores = np.zeros((accounts.size, len(weighted)), dtype=np.int64)
    for column, criterion in enumerate(weighted):
        if criterion.source in from_data:
            scores[:, column] = from_data[criterion.source]
    by_data = scores > 0
    columns = {criterion.id: column for column, criterion in enumerate(weighted)}
    rows = {account: row for row, account in enumerate(accounts.tolist())}
    for account, given in manual.items():
        row = rows.get(account)
        if row is None:
            continue
        for criterion_id, score in given.items():
            column = columns.get(criterion_id)
            if column is not None and score:
                scores[row, column] = score
                by_data[row, column] = False
    return CriterionScores(criteria=weighted, scores=scores, from_data=by_data)


# Where a run keeps the scores its data gives each data-answered criterion source.
DATA_SCORE_COLUMNS = {CriterionSource.CURRENT_VOLUME: "volume_score",
                      CriterionSource.DEMAND_GROWTH: "growth_score",
                      CriterionSource.PROFIT_MARGIN: "margin_score"}


def clears_key_account_bar(attractiveness, bar: float):
    """Return whether an attractiveness (or an array of them) is above the key account bar;
    an account without one never is."""
    return np.nan_to_num(np.asarray(attractiveness, dtype=np.float64), nan=-1) > bar


def _attractiveness(columns, customers: Customers, criteria: list[Criterion],
                    parameters: Parameters) -> dict:
    """Each account's weighted attractiveness over the criteria scored by hand or answered by
    the data, and whether it makes the account a key account."""
    from_data = data_scores(columns)
    attractiveness = criterion_scores(
        criteria=criteria, accounts=customers.ids, manual=customers.scores,
        from_data=from_data).attractiveness()
    for source, column in DATA_SCORE_COLUMNS.items():
        columns[column] = from_data[source]
    columns["attractiveness"] = attractiveness
    columns["is_key"] = clears_key_account_bar(attractiveness, parameters.key_account_bar)
    return {"bar": parameters.key_account_bar, "scored": int(np.isfinite(attractiveness).sum()),
            "key_accounts": int(columns["is_key"].sum())}


def _satisfaction_and_loyalty(columns, customers: Customers, as_of_day: int) -> dict:
    """Satisfaction 0–100 from the survey (satisfaction 1–5, else likelihood to recommend);
    its level from perceived against expected; loyalty 0–100 from behaviour: repeat buying,
    tenure and the probability of still being a customer; Winer's quadrants at 50/50."""
    n = customers.ids.size
    from_csat = (customers.satisfaction - 1) / 4 * 100
    from_nps = customers.recommend_score * 10
    satisfaction = np.where(np.isfinite(from_csat), from_csat, from_nps)
    surveyed = np.isfinite(satisfaction)
    level = np.full(n, "", dtype=object)
    with_expected = np.isfinite(customers.satisfaction) & np.isfinite(
        customers.expected_satisfaction)
    difference = customers.satisfaction - customers.expected_satisfaction
    level[with_expected & (difference < 0)] = SatisfactionLevel.LOW
    level[with_expected & (difference == 0)] = SatisfactionLevel.NORMAL
    level[with_expected & (difference > 0)] = SatisfactionLevel.HIGH
    by_value = surveyed & ~with_expected
    level[by_value & (satisfaction < 40)] = SatisfactionLevel.LOW
    level[by_value & (satisfaction >= 40) & (satisfaction <= 60)] = SatisfactionLevel.NORMAL
    level[by_value & (satisfaction > 60)] = SatisfactionLevel.HIGH

    bought = columns["purchases"] > 0
    loyalty = np.full(n, np.nan)
    if bought.any():
        repeat = (rfm.quintile_scores(columns["purchases"][bought]) - 1) / 4
        tenure_days = as_of_day - columns["first_day"][bought]
        tenure = (rfm.quintile_scores(tenure_days) - 1) / 4
        # BG/NBD holds a customer who never bought again alive for sure: for those, and where
        # the model was not fitted, how recently they bought stands in.
        alive = columns["p_alive"][bought]
        repeated = columns["purchases"][bought] > 1
        alive = np.where(np.isfinite(alive) & repeated, alive,
                         (columns["r_score"][bought] - 1) / 4)
        loyalty[bought] = 100 * (repeat + tenure + alive) / 3
    both = surveyed & np.isfinite(loyalty)
    satisfied, loyal = satisfaction >= 50, np.nan_to_num(loyalty) >= 50
    quadrant = np.select(
        [satisfied & loyal, ~satisfied & loyal, satisfied & ~loyal],
        [LoyaltyQuadrant.LOYAL, LoyaltyQuadrant.CAPTIVE, LoyaltyQuadrant.MERCENARY],
        default=LoyaltyQuadrant.TERRORIST).astype(object)
    quadrant[~both] = ""
    columns["satisfaction"], columns["loyalty"] = satisfaction, loyalty
    columns["satisfaction_source"] = np.where(surveyed, SatisfactionSource.SURVEY, "").astype(
        object)
    columns["satisfaction_level"], columns["loyalty_quadrant"] = level, quadrant
    return {"surveyed": int(surveyed.sum()),
            "quadrants": {str(value): int((quadrant == value).sum())
                          for value in LoyaltyQuadrant}}


def day_or_none(day: int) -> datetime.date | None:
    return from_epoch_day(day) if day >= 0 else None


def finite_or_none(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def json_safe(value):
    """Return `value` with NumPy numbers made plain and NaN or infinities made None, as JSON
    holds them."""
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return finite_or_none(value)
    return value
