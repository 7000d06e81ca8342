"""Analysis runs: what they store per customer, and how a failure is kept."""

from decimal import Decimal

import pytest

from clientela.analytics.choices import RunStatus
from clientela.analytics.models import AnalysisRun, CustomerResult, ProductResult
from clientela.analytics.services import run_execute, run_start

from .conftest import AS_OF, CUSTOMERS, order_dates, order_value

pytestmark = pytest.mark.django_db


def result(run, account) -> CustomerResult:
    return CustomerResult.objects.get(run=run, account=account)


def test_a_run_stores_every_customer_with_its_period_figures(finished_run, history_accounts):
    assert finished_run.customers.count() == CUSTOMERS
    first = result(finished_run, history_accounts[1])
    # Customer 1 orders every 2 months: in the last 12 months (Dec 1 – Nov 30) six orders.
    in_period = [day for day in order_dates(1) if day >= finished_run.period_start]
    assert first.frequency == len(in_period)
    assert first.revenue == order_value(1) * len(in_period)
    assert first.margin == first.revenue * Decimal("0.6")
    assert first.purchases == len(order_dates(1))
    assert first.last_purchase == AS_OF
    assert first.recency_days == 0


def test_lapsed_customers_have_no_revenue_and_are_class_c(finished_run, history_accounts):
    lapsed = result(finished_run, history_accounts[CUSTOMERS])
    assert lapsed.revenue == 0
    assert lapsed.pareto_class == "C"
    assert lapsed.recency_days == 365
    assert lapsed.rfm_segment in {"lost", "hibernating", "at_risk", "cannot_lose"}


def test_pareto_classes_follow_the_ranking(finished_run):
    rows = list(finished_run.customers.order_by("pareto_rank").values_list(
        "pareto_class", "cumulative_share", "revenue"))
    classes = [row[0] for row in rows]
    assert classes == sorted(classes)  # A before B before C
    shares = [row[1] for row in rows]
    assert shares == sorted(shares)
    # The customer whose share crosses 80 % is still A; the next is not.
    crossing = next(index for index, share in enumerate(shares) if share >= 0.8)
    assert classes[crossing] == "A"
    assert classes[crossing + 1] != "A"


def test_the_value_models_are_fitted_and_give_every_buyer_a_value(finished_run):
    summary = finished_run.summary["clv"]
    assert summary["bgnbd"]["r"] > 0 and summary["gamma_gamma"]["p"] > 0
    values = finished_run.customers.exclude(clv=None)
    assert values.count() == CUSTOMERS
    assert all(0 <= row.p_alive <= 1 for row in values)
    # Lapsed customers are less likely to be alive than the steady ones.
    steady = values.filter(account__name="Customer 04").get()
    lapsed = values.filter(account__name="Customer 30").get()
    assert lapsed.p_alive < steady.p_alive


def test_product_profitability_is_stored(finished_run):
    product = ProductResult.objects.get(run=finished_run)
    revenue = sum(row.revenue for row in finished_run.customers.all())
    assert product.revenue == revenue
    assert product.margin == revenue * Decimal("0.6")
    assert product.unit_margin == Decimal("60.00")


def test_a_failed_run_records_the_error_and_keeps_no_results(history_accounts, manager,
                                                              monkeypatch):
    from clientela.analytics import services

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "_store_products", broken)
    run = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    assert run.status == RunStatus.FAILED
    assert "disk is full" in run.error
    assert not CustomerResult.objects.filter(run=run).exists()


def test_a_run_is_computed_once(finished_run):
    again = run_execute(run_id=finished_run.pk)
    assert again.status == RunStatus.SUCCEEDED
    assert CustomerResult.objects.filter(run=finished_run).count() == CUSTOMERS
    assert AnalysisRun.objects.count() == 1


def test_lifetime_value_counts_the_margin_of_the_whole_history(finished_run, history_accounts):
    # Customer 30 bought nothing this period; its history's margin is 60 % of its revenue.
    lapsed = result(finished_run, history_accounts[CUSTOMERS])
    undiscounted = lapsed.expected_purchases * float(lapsed.expected_spend)
    assert 0.5 * undiscounted < float(lapsed.clv) <= 0.6 * undiscounted + 0.01


def test_an_order_whose_invoice_was_cancelled_counts_nowhere(history_accounts, manager):
    from clientela.sales.models import Invoice, Order
    from clientela.sales.tests.factories import InvoiceFactory

    order = Order.objects.filter(account=history_accounts[1]).latest("order_date")
    invoice = InvoiceFactory(owner=manager, account=history_accounts[1], order=order)
    Invoice.objects.filter(pk=invoice.pk).update(status="cancelled")
    run = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    in_period = [day for day in order_dates(1) if day >= run.period_start]
    first = result(run, history_accounts[1])
    assert first.revenue == order_value(1) * (len(in_period) - 1)
    assert first.purchases == len(order_dates(1)) - 1
    product = ProductResult.objects.get(run=run)
    assert product.revenue == sum(row.revenue for row in run.customers.all())


def test_a_one_time_buyer_is_not_loyal_on_the_model_saying_alive(history_accounts, manager):
    from clientela.accounts.tests.factories import AccountFactory
    from clientela.sales.models import Order, OrderLine

    once = AccountFactory(owner=manager, name="Bought once, long ago")
    order = Order.objects.create(subject="Only order", account=once, currency_id="EUR",
                                 order_date=AS_OF.replace(year=AS_OF.year - 2),
                                 owner=manager, subtotal=Decimal(100), total=Decimal(100))
    OrderLine.objects.create(order=order, description="Widget", quantity=1,
                             unit_price=Decimal(100), line_subtotal=Decimal(100),
                             line_total=Decimal(100))
    run = run_execute(run_id=run_start(user=manager, as_of=AS_OF).pk)
    row = result(run, once)
    assert row.p_alive == 1  # the model's view of a customer with no repeat purchase
    assert row.r_score == 1 and row.loyalty < 50
