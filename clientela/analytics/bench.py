"""The data and measures of `clientela bench_analytics`: a company of many customers with a
long order history, written in bulk, and the timings the analytics promise.

Orders and lines are written with `clientela.core.bulk.bulk_write` (PostgreSQL's COPY) rather
than the ORM, so that millions of lines load in a minute or two.
"""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

import numpy as np
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from clientela.accounts.choices import AccountType, CustomerClass
from clientela.accounts.models import Account
from clientela.core import registry
from clientela.core.bulk import bulk_write, reset_sequence
from clientela.demo.bench import Timing
from clientela.sales.models import Order, OrderLine, Product

from .methods import bgnbd
from .services import run_execute, run_start

HISTORY_DAYS = 3 * 365
REGIONS = ("North", "South", "East", "West", "Centre", "Islands", "Coast", "Mountains")
PRODUCTS = 200
CENT = Decimal("0.01")


def company_create(*, customers: int, lines: int, owner, seed: int) -> dict:
    """Create `customers` accounts and orders with about `lines` lines over three years:
    customer sizes from a Pareto distribution, buying at their own Poisson pace, a fifth of
    them stopping at some point. Return counts."""
    rng = np.random.default_rng(seed)
    classes = [CustomerClass.BUSINESS, CustomerClass.CONSUMER, CustomerClass.DISTRIBUTOR]
    Account.objects.bulk_create(
        (Account(name=f"Customer {number}", account_type=AccountType.CUSTOMER,
                 customer_class=classes[number % 3], billing_region=REGIONS[number % 8],
                 owner=owner, team=owner.team)
         for number in range(customers)), batch_size=5000)
    account_ids = np.array(Account.objects.order_by("pk").values_list("pk", flat=True))
    Product.objects.bulk_create(
        Product(sku=f"B-{number}", name=f"Product {number}", currency_id="EUR",
                list_price=Decimal(10 + number % 90), cost=Decimal(6 + number % 50),
                owner=owner) for number in range(PRODUCTS))
    product_ids = np.array(Product.objects.order_by("pk").values_list("pk", flat=True))
    mean_lines = 5
    orders_wanted = max(1, lines // mean_lines)
    size = rng.pareto(1.2, customers) + 0.05
    pace = size / size.sum()
    order_customer = rng.choice(customers, size=orders_wanted, p=pace)
    stop = np.where(rng.random(customers) < 0.2, rng.integers(200, HISTORY_DAYS, customers),
                    HISTORY_DAYS)
    start = rng.integers(0, HISTORY_DAYS // 2, customers)
    span = np.maximum(stop - start, 1)
    day = start[order_customer] + (rng.random(orders_wanted) * span[order_customer]).astype(
        np.int64)
    first_day = timezone.localdate() - datetime.timedelta(days=HISTORY_DAYS)
    line_count = rng.integers(1, 2 * mean_lines, orders_wanted)
    line_order = np.repeat(np.arange(orders_wanted), line_count)
    total_lines = line_order.size
    product = rng.integers(0, PRODUCTS, total_lines)
    quantity = rng.integers(1, 20, total_lines)
    price = 10 + product % 90
    cost = 6 + product % 50
    subtotal = quantity * price
    order_total = np.bincount(line_order, weights=subtotal, minlength=orders_wanted)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Order._meta.db_table}")
        first_order_id = cursor.fetchone()[0] + 1
    dates = [first_day + datetime.timedelta(days=int(offset)) for offset in range(
        HISTORY_DAYS + 1)]
    bulk_write(Order, ("id", "subject", "account_id", "currency_id", "order_date", "owner_id",
                       "team_id", "subtotal", "total"),
               ((first_order_id + index, f"Order {index}", int(account_ids[customer]), "EUR",
                 dates[int(offset)], owner.pk, owner.team_id, Decimal(int(total)),
                 Decimal(int(total)))
                for index, (customer, offset, total) in enumerate(zip(
                    order_customer.tolist(), day.tolist(), order_total.tolist(),
                    strict=True))))
    reset_sequence(Order)
    bulk_write(OrderLine, ("order_id", "position", "product_id", "quantity", "unit_price",
                           "unit_cost", "line_subtotal", "line_total"),
               ((first_order_id + order, position, int(product_ids[item]), qty, unit, unit_cost,
                 amount, amount)
                for position, (order, item, qty, unit, unit_cost, amount) in enumerate(zip(
                    line_order.tolist(), product.tolist(), quantity.tolist(), price.tolist(),
                    cost.tolist(), subtotal.tolist(), strict=True))))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"customers": customers, "orders": orders_wanted, "lines": total_lines}


def classification_timing(*, user) -> tuple[Timing, dict[str, float]]:
    """Run every classification once; return its timing and the seconds of each step."""
    run = run_start(user=user, enqueue=False)
    started = time.perf_counter()
    run = run_execute(run_id=run.pk)
    seconds = time.perf_counter() - started
    timing = Timing("all classifications", "< 60 s", status=run.status,
                    samples=[seconds * 1000])
    return timing, {"customers": run.summary.get("customers", 0)}


def fit_timing(*, customers: int, seed: int) -> Timing:
    """Fit BG/NBD on `customers` simulated from known parameters, in weeks over 78 weeks."""
    rng = np.random.default_rng(seed)
    r, alpha, a, b = 0.24, 4.4, 0.79, 2.43
    rate = rng.gamma(r, 1 / alpha, customers)
    dropout = rng.beta(a, b, customers)
    age = rng.uniform(1, 78, customers).round()
    frequency = np.zeros(customers)
    recency = np.zeros(customers)
    clock = np.zeros(customers)
    alive = np.ones(customers, dtype=bool)
    for _ in range(60):
        gap = rng.exponential(1 / np.maximum(rate, 1e-9))
        clock = clock + gap
        bought = alive & (clock <= age)
        frequency[bought] += 1
        recency[bought] = clock[bought]
        alive &= bought & (rng.random(customers) >= dropout)
    recency = recency.round()
    started = time.perf_counter()
    fit = bgnbd.fit(frequency=frequency, recency=recency, age=age)
    seconds = time.perf_counter() - started
    return Timing(f"BG/NBD fit, {customers} customers", "< 10 s",
                  status="ok" if fit.converged else "not converged", samples=[seconds * 1000])


def panel_timings(*, user, requests: int) -> list[Timing]:
    """Time every section the analytics add to an account's page (context and rendering)."""
    accounts = list(Account.objects.order_by("pk")[:requests])
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    request.user = user
    timings = []
    for panel in registry.detail_panels(Account):
        timing = Timing(f"account panel {panel.key}", "< 50 ms", status="ok")
        for account in accounts:
            started = time.perf_counter()
            context = panel.context(request, account)
            if context is not None:
                render_to_string(panel.template_name, {"panel": context}, request=request)
            timing.samples.append((time.perf_counter() - started) * 1000)
        timings.append(timing)
    return timings
