"""The demo company's sales history: three years of orders and their invoices and payments.

Its shape is what the customer analytics read: a few customers bring most of the revenue
(sizes drawn from a Pareto distribution), customers buy at their own pace (a Poisson process
per customer), some joined during the period and some stopped buying, and customers pay on
time, late or not at all. Called by `clientela.demo.generate`; records are bulk-created and
the caller logs their creation.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from clientela.accounts.choices import AccountType, CustomerClass

from .choices import InvoiceKind, InvoiceStatus, PaymentMethod, ProductUnit, ShippingStatus
from .documents import document_totals, line_amounts, round_money
from .models import (
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Order,
    OrderLine,
    Payment,
    Product,
)
from .models.invoices import invoice_number
from .selectors import exchange_rate_on

BATCH_SIZE = 1000
HISTORY_YEARS = 3
PLACES = 2
# Typical quantity of one line per unit of measure, for a customer of size 1.
QUANTITIES = {
    ProductUnit.PIECE: 3, ProductUnit.LICENCE: 5, ProductUnit.HOUR: 16, ProductUnit.DAY: 2,
    ProductUnit.MONTH: 6, ProductUnit.YEAR: 2, ProductUnit.KG: 20,
}
# How customers pay: share of customers, days after the invoice date (low, high).
PAYERS = (("prompt", 0.65, (3, 28)), ("late", 0.25, (25, 75)), ("bad", 0.10, (60, 200)))
CANCELLED_SHARE = 0.015
INSTALMENT_SHARE = 0.06


@dataclass
class Customer:
    """How one account buys: its size, orders a year, when it bought first and last, and how
    it pays."""

    account: object
    size: float
    per_year: float
    start: datetime.date
    end: datetime.date
    payer: str
    favourites: list[Product]


@dataclass
class History:
    orders: list[Order]
    invoices: list[Invoice]
    payments: int


class Rates:
    """Exchange rates per currency and month, read once per month asked for."""

    def __init__(self):
        self._rates: dict[tuple[str, datetime.date], Decimal] = {}

    def rate(self, code: str, day: datetime.date) -> Decimal:
        month = day.replace(day=1)
        if (code, month) not in self._rates:
            self._rates[code, month] = exchange_rate_on(code, month)
        return self._rates[code, month]

    def convert(self, amount: Decimal, from_code: str, to_code: str,
                day: datetime.date) -> Decimal:
        return amount * self.rate(from_code, day) / self.rate(to_code, day)


def _customers(rng: random.Random, accounts: Sequence, products: Sequence[Product],
               today: datetime.date) -> list[Customer]:
    first_day = today - datetime.timedelta(days=365 * HISTORY_YEARS)
    customers = []
    for account in accounts:
        if account.account_type not in (AccountType.CUSTOMER, AccountType.PARTNER):
            continue
        consumer = account.customer_class == CustomerClass.CONSUMER
        size = min(rng.paretovariate(1.2), 80.0)
        per_year = min(24.0, (0.6 + rng.lognormvariate(0.2, 0.7)) * math.sqrt(min(size, 9)))
        joined_late = rng.random() < 0.3
        start = first_day + datetime.timedelta(
            days=rng.randint(0, 365 * HISTORY_YEARS - 120) if joined_late else rng.randint(0, 60))
        end = today
        if rng.random() < 0.22:
            # Stopped buying at least half a year ago.
            last = today - datetime.timedelta(days=180)
            if start < last:
                end = start + (last - start) * rng.uniform(0.2, 1)
        payer = rng.choices([name for name, _share, _days in PAYERS],
                            [share for _name, share, _days in PAYERS])[0]
        customers.append(Customer(
            account=account, size=size ** (0.3 if consumer else 0.8), per_year=per_year,
            start=start, end=end, payer=payer, favourites=rng.sample(list(products), 6),
        ))
    return customers


def _order_days(rng: random.Random, customer: Customer) -> list[datetime.date]:
    """Return the days a customer ordered: a Poisson process at its pace, at least once."""
    days, day = [], customer.start
    while True:
        day += datetime.timedelta(days=max(1, round(rng.expovariate(customer.per_year / 365))))
        if day > customer.end:
            break
        days.append(day)
    return days or [customer.start]


def _lines(rng: random.Random, customer: Customer, products: Sequence[Product],
           code: str, day: datetime.date, rates: Rates) -> list[dict]:
    chosen = {product.pk: product for product in (
        rng.choice(customer.favourites) if rng.random() < 0.7 else rng.choice(products)
        for _ in range(rng.choices((1, 2, 3, 4), (4, 3, 2, 1))[0]))}
    lines = []
    for position, product in enumerate(chosen.values()):
        quantity = max(1, round(QUANTITIES[product.unit] * customer.size * rng.uniform(0.4, 1.6)))
        discount = Decimal(rng.choice((0, 0, 0, 5, 10))) if customer.size > 3 else None
        line = OrderLine(
            position=position, product=product, description=product.name,
            quantity=Decimal(quantity),
            unit_price=round_money(
                rates.convert(product.list_price, product.currency_id, code, day), PLACES),
            unit_cost=round_money(rates.convert(product.cost, product.currency_id, code, day),
                                  PLACES),
            discount_percent=discount or None, tax_rate=product.tax_rate,
        )
        line.set_amounts(line_amounts(line, PLACES))
        lines.append(line)
    return lines


def sales_history_create(*, accounts: Sequence, products: Sequence[Product], seed: int = 42,
                         log: Callable[[Sequence], int] | None = None) -> History:
    """Create three years of orders with their lines, an invoice per shipped order, payments
    as each customer pays, a few credit notes, and the invoice number sequences; return
    them."""
    rng = random.Random(seed + 21)
    today = timezone.localdate()
    now = timezone.now()
    products = [product for product in products if product.is_active] or list(
        Product.objects.filter(is_active=True))
    if not products:
        return History([], [], 0)
    rates = Rates()
    orders, order_lines = [], []
    for customer in _customers(rng, accounts, products, today):
        account = customer.account
        code = account.currency if account.currency in ("EUR", "USD", "GBP", "PLN", "CNY") \
            else "EUR"
        for day in _order_days(rng, customer):
            lines = _lines(rng, customer, products, code, day, rates)
            age = (today - day).days
            shipped = None if age < 2 else day + datetime.timedelta(days=rng.randint(1, 5))
            if shipped and shipped > today:
                shipped = None
            status = (ShippingStatus.PENDING if shipped is None
                      else ShippingStatus.SHIPPED if age < 10 else ShippingStatus.DELIVERED)
            created = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            order = Order(
                subject=f"{account.name}: {lines[0].description}"[:200], account=account,
                currency_id=code, order_date=day, shipping_status=status, shipped_on=shipped,
                owner_id=account.owner_id, team_id=account.team_id,
                created_by_id=account.owner_id, updated_by_id=account.owner_id,
                created_at=created, updated_at=min(now, created + datetime.timedelta(days=7)),
                **{f"{kind}_{part}": getattr(account, f"{kind}_{part}")
                   for kind in ("billing", "shipping")
                   for part in ("street", "city", "region", "postal_code", "country")},
            )
            order.set_totals(document_totals((line.amounts for line in lines), PLACES))
            orders.append((order, lines, customer))
    Order.objects.bulk_create([order for order, _lines, _customer in orders],
                              batch_size=BATCH_SIZE)
    for order, lines, _customer in orders:
        for line in lines:
            line.order = order
            order_lines.append(line)
    OrderLine.objects.bulk_create(order_lines, batch_size=BATCH_SIZE)
    invoices, payments = _invoices_create(rng, orders, today)
    if log is not None:
        log([order for order, _lines, _customer in orders])
        log(invoices)
    return History([order for order, _lines, _customer in orders], invoices, payments)


def _invoices_create(rng: random.Random, orders: list, today: datetime.date
                     ) -> tuple[list[Invoice], int]:
    """Invoice every shipped order on its shipping day, pay it as its customer pays, cancel a
    few with credit notes; number them per year in date order."""
    plans = []
    for order, lines, customer in orders:
        if order.shipped_on is None:
            continue
        invoice = Invoice(
            subject=order.subject, account_id=order.account_id, order=order,
            currency_id=order.currency_id, invoice_date=order.shipped_on,
            due_date=order.shipped_on + datetime.timedelta(days=30),
            issued_on=order.shipped_on, status=InvoiceStatus.ISSUED,
            owner_id=order.owner_id, team_id=order.team_id, created_by_id=order.owner_id,
            updated_by_id=order.owner_id, created_at=order.created_at,
            updated_at=order.updated_at,
            **{name: getattr(order, name) for name in (
                "subtotal", "discount_total", "tax_total", "total", "billing_street",
                "billing_city", "billing_region", "billing_postal_code", "billing_country")},
        )
        plans.append((invoice, lines, customer))
    payments: list[Payment] = []
    credit_notes: list[tuple[Invoice, Invoice]] = []
    days = {name: span for name, _share, span in PAYERS}
    for invoice, _lines, customer in plans:
        if rng.random() < CANCELLED_SHARE:
            cancelled = invoice.invoice_date + datetime.timedelta(days=rng.randint(2, 20))
            if cancelled <= today:
                invoice.status = InvoiceStatus.CANCELLED
                invoice.cancelled_on = cancelled
                credit_notes.append((invoice, _credit_note(invoice, cancelled)))
                continue
        low, high = days[customer.payer]
        paid = invoice.invoice_date + datetime.timedelta(days=rng.randint(low, high))
        if rng.random() < INSTALMENT_SHARE:
            first = round_money(invoice.total * Decimal("0.4"), PLACES)
            part_day = invoice.invoice_date + datetime.timedelta(days=rng.randint(1, low + 5))
            if part_day <= today:
                payments.append(_payment(rng, invoice, first, part_day))
                invoice.amount_paid = first
        if paid <= today:
            payments.append(_payment(rng, invoice, invoice.total - invoice.amount_paid, paid))
            invoice.amount_paid = invoice.total
            invoice.status, invoice.paid_on = InvoiceStatus.PAID, paid
        elif invoice.due_date < today:
            invoice.status = InvoiceStatus.OVERDUE
        elif invoice.amount_paid:
            invoice.status = InvoiceStatus.PARTLY_PAID
    everything = [plan[0] for plan in plans] + [credit for _invoice, credit in credit_notes]
    _number(everything)
    Invoice.objects.bulk_create([plan[0] for plan in plans], batch_size=BATCH_SIZE)
    for invoice, credit in credit_notes:
        credit.credited_invoice = invoice
        credit.order_id = invoice.order_id
    Invoice.objects.bulk_create([credit for _invoice, credit in credit_notes],
                                batch_size=BATCH_SIZE)
    invoice_lines = []
    for invoice, lines, _customer in plans:
        invoice_lines.extend(_copy(line, invoice, sign=1) for line in lines)
    by_invoice = {id(plan[0]): plan[1] for plan in plans}
    for invoice, credit in credit_notes:
        invoice_lines.extend(_copy(line, credit, sign=-1) for line in by_invoice[id(invoice)])
    InvoiceLine.objects.bulk_create(invoice_lines, batch_size=BATCH_SIZE)
    for payment in payments:
        payment.invoice_id = payment.invoice.pk
    Payment.objects.bulk_create(payments, batch_size=BATCH_SIZE)
    return everything, len(payments)


def _credit_note(invoice: Invoice, day: datetime.date) -> Invoice:
    return Invoice(
        kind=InvoiceKind.CREDIT_NOTE, subject=f"Credit note: {invoice.subject}"[:200],
        account_id=invoice.account_id, currency_id=invoice.currency_id, invoice_date=day,
        due_date=day, issued_on=day, status=InvoiceStatus.ISSUED, owner_id=invoice.owner_id,
        team_id=invoice.team_id, created_by_id=invoice.owner_id,
        updated_by_id=invoice.owner_id, created_at=invoice.created_at,
        updated_at=invoice.updated_at, subtotal=-invoice.subtotal,
        discount_total=-invoice.discount_total, tax_total=-invoice.tax_total,
        total=-invoice.total,
    )


def _payment(rng: random.Random, invoice: Invoice, amount: Decimal,
             day: datetime.date) -> Payment:
    return Payment(invoice=invoice, amount=amount, paid_on=day,
                   method=rng.choice((PaymentMethod.BANK_TRANSFER, PaymentMethod.BANK_TRANSFER,
                                      PaymentMethod.CARD, PaymentMethod.DIRECT_DEBIT)),
                   reference=f"BANK-{rng.randrange(10**8):08d}",
                   created_by_id=invoice.owner_id)


def _copy(line: OrderLine, invoice: Invoice, *, sign: int) -> InvoiceLine:
    values = {name: getattr(line, name) for name in (
        "position", "product_id", "description", "quantity", "unit_price", "discount_percent",
        "discount_amount", "tax_rate", "unit_cost", "line_subtotal", "line_discount",
        "line_tax", "line_total")}
    if sign < 0:
        for name in ("quantity", "line_subtotal", "line_discount", "line_tax", "line_total"):
            values[name] = -values[name]
    return InvoiceLine(invoice=invoice, **values)


def _number(invoices: list[Invoice]) -> None:
    """Number the invoices and credit notes per kind and year in date order, and store the
    sequences so the next issued one carries on."""
    last: dict[tuple[str, int], int] = defaultdict(int)
    for invoice in sorted(invoices, key=lambda item: (item.invoice_date, item.kind)):
        key = (invoice.kind, invoice.invoice_date.year)
        last[key] += 1
        invoice.number = invoice_number(invoice.kind, key[1], last[key])
    for (kind, year), number in last.items():
        InvoiceSequence.objects.update_or_create(kind=kind, year=year,
                                                 defaults={"last_number": number})
