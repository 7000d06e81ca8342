"""Stored analysis runs and what they found per customer and product; the settings they run
with; the attractiveness criteria and the reps' scores."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    BcgQuadrant,
    CriterionSource,
    LoyaltyQuadrant,
    ParetoClass,
    RfmSegment,
    RunStatus,
    RunTrigger,
    SatisfactionLevel,
    SatisfactionSource,
    ValueBasis,
)


def amount_field(verbose_name, **kwargs) -> models.DecimalField:
    """A sum of money in the base currency."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=2, **kwargs)


SHARE = [MinValueValidator(0), MaxValueValidator(1)]


class AnalyticsSettings(models.Model):
    """The company's parameters of every run (one row): the nightly run uses them and an
    on-demand run starts from them."""

    period_months = models.PositiveSmallIntegerField(
        _("period (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Revenue, margin and growth are measured over this many months before the "
                    "run's date, against as many months before them."),
    )
    value_basis = models.CharField(_("rank customers by"), max_length=10,
                                   choices=ValueBasis.choices, default=ValueBasis.REVENUE)
    class_a_cutoff = models.DecimalField(
        _("class A cut-off"), max_digits=4, decimal_places=3, default=Decimal("0.800"),
        validators=SHARE, help_text=_("Share of value the A customers bring (0.80 = 80 %)."))
    class_b_cutoff = models.DecimalField(
        _("class B cut-off"), max_digits=4, decimal_places=3, default=Decimal("0.950"),
        validators=SHARE, help_text=_("Share of value the A and B customers bring together."))
    horizon_months = models.PositiveSmallIntegerField(
        _("lifetime value horizon (months)"), default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)])
    annual_discount_rate = models.DecimalField(
        _("annual discount rate"), max_digits=4, decimal_places=3, default=Decimal("0.100"),
        validators=SHARE)
    expected_lifetime_years = models.DecimalField(
        _("expected customer lifetime (years)"), max_digits=4, decimal_places=1,
        default=Decimal("5.0"), validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("For the simple lifetime value: average margin a year × these years, "
                    "discounted."))
    hourly_rate = amount_field(
        _("cost of an hour of service"), default=Decimal("50.00"),
        validators=[MinValueValidator(0)],
        help_text=_("What an hour of the team's time costs, for the net profit of a customer."))
    growth_threshold = models.DecimalField(
        _("BCG growth threshold"), max_digits=6, decimal_places=3, null=True, blank=True,
        help_text=_("Growth above which a customer is growing (0.10 = 10 %); empty: the "
                    "median of the customers."))
    share_threshold = models.DecimalField(
        _("BCG share threshold"), max_digits=4, decimal_places=3, null=True, blank=True,
        validators=SHARE,
        help_text=_("Our share of a customer's business above which it is high; empty: the "
                    "median."))
    key_account_bar = models.PositiveSmallIntegerField(
        _("key account bar"), default=50, validators=[MaxValueValidator(100)],
        help_text=_("Accounts scoring above this (0–100) on attractiveness are key accounts."))
    nightly = models.BooleanField(_("run every night"), default=True)

    class Meta:
        verbose_name = _("analytics settings")
        verbose_name_plural = _("analytics settings")

    def __str__(self) -> str:
        return str(_("Analytics settings"))

    @classmethod
    def load(cls) -> AnalyticsSettings:
        """Return the settings row, created with the defaults the first time."""
        return cls.objects.get_or_create(pk=1)[0]


class AnalysisRun(models.Model):
    """One computation of every measure for every customer, as of a date: kept, with its
    parameters, so that runs can be compared and a customer's path followed."""

    as_of = models.DateField(_("as of"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    parameters = models.JSONField(_("parameters"), default=dict)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices,
                              default=RunStatus.QUEUED)
    trigger = models.CharField(_("started"), max_length=10, choices=RunTrigger.choices,
                               default=RunTrigger.MANUAL)
    progress = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("started by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        indexes = [models.Index(fields=["status", "-finished_at"])]

    def __str__(self) -> str:
        return str(_("Analysis of %(date)s") % {"date": self.as_of.isoformat()})

    @property
    def percent(self) -> int:
        if self.status == RunStatus.SUCCEEDED:
            return 100
        return min(100, round(100 * self.progress / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)


class CustomerResult(models.Model):
    """What one run found for one customer: its figures, scores and classes."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="customers")
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("account"))
    # The customer's attributes when the run was made: the qualitative dimensions.
    customer_class = models.CharField(_("customer class"), max_length=20, blank=True)
    industry = models.CharField(_("industry"), max_length=30, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    owner_id_at_run = models.IntegerField(_("owner"), null=True, blank=True)
    # Buying history up to the run's date, and the period's figures.
    first_purchase = models.DateField(_("first purchase"), null=True, blank=True)
    last_purchase = models.DateField(_("last purchase"), null=True, blank=True)
    purchases = models.PositiveIntegerField(_("purchases"), default=0)
    revenue = amount_field(_("revenue"), default=Decimal("0"))
    cost = amount_field(_("cost"), default=Decimal("0"))
    margin = amount_field(_("margin"), default=Decimal("0"))
    discounts = amount_field(_("discounts"), default=Decimal("0"))
    previous_revenue = amount_field(_("previous period's revenue"), default=Decimal("0"))
    # RFM
    recency_days = models.PositiveIntegerField(_("recency (days)"), null=True, blank=True)
    frequency = models.PositiveIntegerField(_("frequency"), default=0)
    monetary = amount_field(_("monetary"), default=Decimal("0"))
    r_score = models.PositiveSmallIntegerField(_("R"), null=True, blank=True)
    f_score = models.PositiveSmallIntegerField(_("F"), null=True, blank=True)
    m_score = models.PositiveSmallIntegerField(_("M"), null=True, blank=True)
    rfm_segment = models.CharField(_("RFM segment"), max_length=20, blank=True,
                                   choices=RfmSegment.choices)
    # Pareto / ABC
    pareto_rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    cumulative_share = models.FloatField(_("cumulative share"), null=True, blank=True)
    pareto_class = models.CharField(_("ABC class"), max_length=1, blank=True,
                                    choices=ParetoClass.choices)
    # Lifetime value
    clv_simple = amount_field(_("lifetime value (simple)"), null=True, blank=True)
    expected_purchases = models.FloatField(_("expected purchases"), null=True, blank=True)
    p_alive = models.FloatField(_("probability still a customer"), null=True, blank=True)
    expected_spend = amount_field(_("expected spend per purchase"), null=True, blank=True)
    clv = amount_field(_("lifetime value"), null=True, blank=True)
    # Profitability
    cost_to_serve = amount_field(_("cost to serve"), default=Decimal("0"))
    net_profit = amount_field(_("net profit"), default=Decimal("0"))
    # BCG
    growth = models.FloatField(_("growth"), null=True, blank=True)
    share_of_wallet = models.FloatField(_("our share of its business"), null=True, blank=True)
    share_estimated = models.BooleanField(_("share relative to the largest customer"),
                                          default=False)
    bcg_quadrant = models.CharField(_("BCG quadrant"), max_length=15, blank=True,
                                    choices=BcgQuadrant.choices)
    # Attractiveness: the scores the data gives the data-answered criteria (1–5), and the total
    volume_score = models.PositiveSmallIntegerField(_("current volume score"), null=True,
                                                    blank=True)
    growth_score = models.PositiveSmallIntegerField(_("demand growth score"), null=True,
                                                    blank=True)
    margin_score = models.PositiveSmallIntegerField(_("profit margin score"), null=True,
                                                    blank=True)
    attractiveness = models.FloatField(_("attractiveness"), null=True, blank=True)
    is_key = models.BooleanField(_("key account"), default=False)
    # Satisfaction × loyalty
    satisfaction = models.FloatField(_("satisfaction"), null=True, blank=True)
    satisfaction_source = models.CharField(_("satisfaction from"), max_length=10, blank=True,
                                           choices=SatisfactionSource.choices)
    satisfaction_level = models.CharField(_("satisfaction level"), max_length=10, blank=True,
                                          choices=SatisfactionLevel.choices)
    loyalty = models.FloatField(_("loyalty"), null=True, blank=True)
    loyalty_quadrant = models.CharField(_("loyalty quadrant"), max_length=10, blank=True,
                                        choices=LoyaltyQuadrant.choices)

    class Meta:
        verbose_name = _("customer result")
        verbose_name_plural = _("customer results")
        constraints = [models.UniqueConstraint(fields=["run", "account"],
                                               name="one_result_per_customer_and_run")]
        indexes = [models.Index(fields=["account", "run"])]

    def __str__(self) -> str:
        return f"{self.account_id} @ {self.run_id}"


class ProductResult(models.Model):
    """What one run found for one product over its period: the product's profitability."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey("sales.Product", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("product"))
    quantity = models.DecimalField(_("quantity"), max_digits=18, decimal_places=4,
                                   default=Decimal("0"))
    revenue = amount_field(_("revenue"), default=Decimal("0"))
    cost = amount_field(_("cost"), default=Decimal("0"))
    margin = amount_field(_("margin"), default=Decimal("0"))
    discounts = amount_field(_("discounts"), default=Decimal("0"))
    unit_margin = amount_field(_("margin per unit"), null=True, blank=True)
    customers = models.PositiveIntegerField(_("customers"), default=0)

    class Meta:
        verbose_name = _("product result")
        verbose_name_plural = _("product results")
        constraints = [models.UniqueConstraint(fields=["run", "product"],
                                               name="one_result_per_product_and_run")]

    def __str__(self) -> str:
        return f"{self.product_id} @ {self.run_id}"


class AttractivenessCriterion(models.Model):
    """One criterion of the attractiveness score, with its weight (0 = left out, 4 = decisive)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=2, validators=[MaxValueValidator(4)])
    source = models.CharField(_("pre-filled from"), max_length=20,
                              choices=CriterionSource.choices, default=CriterionSource.MANUAL)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attractiveness criterion")
        verbose_name_plural = _("attractiveness criteria")

    def __str__(self) -> str:
        return self.name


class AttractivenessScore(models.Model):
    """A rep's score of one account on one criterion, 1 (poor) to 5 (excellent)."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+")
    criterion = models.ForeignKey(AttractivenessCriterion, on_delete=models.CASCADE,
                                  related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("attractiveness score")
        verbose_name_plural = _("attractiveness scores")
        constraints = [models.UniqueConstraint(fields=["account", "criterion"],
                                               name="one_score_per_account_and_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


# Portfolios ---------------------------------------------------------------------------------

from django.core.exceptions import ValidationError  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from clientela.core.models import Record  # noqa: E402

from .portfolios.choices import MemberSource, PortfolioApproach, PortfolioTier  # noqa: E402
from .portfolios.rules import rules_clean  # noqa: E402


class Portfolio(Record):
    """A group of customers ("cartera") served one way, nested under a parent portfolio,
    filled by its rules over the latest run's results or by hand, and owned by a user or team.
    """

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=30, unique=True,
                            help_text=_("Its place in the tree, e.g. 1.2."))
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent portfolio"),
    )
    tier = models.CharField(_("tier"), max_length=20, choices=PortfolioTier.choices, blank=True)
    approach = models.CharField(_("approach"), max_length=20, choices=PortfolioApproach.choices,
                                default=PortfolioApproach.RELATIONAL)
    description = models.TextField(_("description"), blank=True)
    rules = models.JSONField(
        _("rules"), default=list, blank=True,
        help_text=_("Conditions on the customers' results, all of which must hold."))
    assign_owner = models.BooleanField(
        _("assign to the owner"), default=False,
        help_text=_("Assigning the portfolio also makes its owner the owner of its members' "
                    "accounts, after you confirm the changes."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["code", "id"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        indexes = [
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("analytics:portfolio", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if (
            self.parent_id
            and (self.parent_id == self.pk or (self.pk and self.parent_id in self.descendant_ids()))
        ):
            errors["parent"] = [_("A portfolio cannot sit under itself or under one of its own "
                                  "sub-portfolios.")]
        try:
            self.rules = rules_clean(self.rules)
        except ValidationError as error:
            errors["rules"] = error.messages
        if errors:
            raise ValidationError(errors)

    def descendant_ids(self) -> set[int]:
        """Return the ids of every portfolio below this one in the tree."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            frontier = set(
                Portfolio.all_objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            ) - found
            found |= frontier
        return found


class PortfolioMember(models.Model):
    """An account in a portfolio, put there by the portfolio's rules or by hand."""

    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="members",
                                  verbose_name=_("portfolio"))
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("account"))
    source = models.CharField(_("added by"), max_length=10, choices=MemberSource.choices,
                              default=MemberSource.MANUAL)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("added by"))

    class Meta:
        ordering = ["portfolio", "account__name", "id"]
        verbose_name = _("portfolio member")
        verbose_name_plural = _("portfolio members")
        constraints = [models.UniqueConstraint(fields=["portfolio", "account"],
                                               name="one_membership_per_portfolio_and_account")]

    def __str__(self) -> str:
        return f"{self.account_id} in {self.portfolio_id}"


class PortfolioMove(models.Model):
    """Who moved which account from one owner to another, when, and for which portfolio."""

    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("account"))
    portfolio = models.ForeignKey(Portfolio, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="moves", verbose_name=_("portfolio"))
    from_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("from"))
    to_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+", verbose_name=_("to"))
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("moved by"))
    moved_at = models.DateTimeField(_("moved at"), default=timezone.now, db_index=True)
    run = models.ForeignKey(AnalysisRun, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name=_("analysis run"))

    class Meta:
        ordering = ["-moved_at", "-id"]
        verbose_name = _("portfolio move")
        verbose_name_plural = _("portfolio moves")

    def __str__(self) -> str:
        return f"{self.account_id}: {self.from_owner_id} → {self.to_owner_id}"
