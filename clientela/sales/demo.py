"""The demo company's catalogue: categories, ~50 products with costs, three price books and
three years of monthly exchange rates. Called by `clientela.demo.generate`."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from clientela.accounts.choices import CustomerClass
from clientela.accounts.models import Account
from clientela.users.models import User

from .choices import ProductUnit
from .models import Currency, ExchangeRate, PriceBook, PriceBookEntry, Product, ProductCategory

CENT = Decimal("0.01")
# Euros per unit at the start of the generated history; each month drifts from there.
START_RATES = {"USD": "0.92", "GBP": "1.16", "PLN": "0.225", "CNY": "0.128"}
# (category, parent, unit, [(sku, name, list price in EUR, cost share of the price)])
CATALOGUE = (
    ("Hardware", None, ProductUnit.PIECE, [
        ("HW-LAP-14", "Laptop 14\" business", 1290, 0.72),
        ("HW-LAP-16", "Laptop 16\" workstation", 2150, 0.74),
        ("HW-DSK-01", "Desktop tower", 990, 0.70),
        ("HW-MON-27", "Monitor 27\" QHD", 349, 0.66),
        ("HW-MON-34", "Monitor 34\" ultrawide", 629, 0.68),
        ("HW-DCK-01", "Docking station", 219, 0.55),
        ("HW-KBD-01", "Wireless keyboard", 69, 0.45),
        ("HW-MSE-01", "Wireless mouse", 39, 0.42),
        ("HW-HST-01", "Headset with microphone", 119, 0.50),
        ("HW-SRV-R1", "Rack server 1U", 4890, 0.78),
        ("HW-SRV-R2", "Rack server 2U", 7450, 0.79),
        ("HW-NAS-08", "Network storage, 8 bays", 2390, 0.71),
        ("HW-SWT-24", "Network switch, 24 ports", 899, 0.64),
        ("HW-FWL-01", "Firewall appliance", 1690, 0.62),
    ]),
    ("Software licences", None, ProductUnit.LICENCE, [
        ("SW-OFF-STD", "Office suite, standard", 249, 0.35),
        ("SW-OFF-PRO", "Office suite, professional", 439, 0.35),
        ("SW-CAD-01", "CAD designer", 3290, 0.40),
        ("SW-ERP-USR", "ERP named user", 1490, 0.30),
        ("SW-AV-ENT", "Endpoint protection", 45, 0.25),
        ("SW-BKP-SRV", "Backup agent, server", 690, 0.33),
        ("SW-DB-CORE", "Database server, per core", 1850, 0.38),
        ("SW-VM-HOST", "Virtualisation, per host", 2750, 0.41),
        ("SW-PDF-01", "PDF editor", 119, 0.30),
        ("SW-BI-USR", "Analytics dashboard user", 590, 0.28),
    ]),
    ("Services", None, ProductUnit.HOUR, [
        ("SV-CON-SR", "Senior consultant", 145, 0.58),
        ("SV-CON-JR", "Consultant", 95, 0.55),
        ("SV-DEV-01", "Software developer", 110, 0.60),
        ("SV-PM-01", "Project manager", 125, 0.57),
        ("SV-TRN-01", "Trainer", 85, 0.50),
        ("SV-SUP-01", "On-site support technician", 75, 0.52),
        ("SV-ARC-01", "Solution architect", 165, 0.56),
        ("SV-DBA-01", "Database administrator", 120, 0.59),
    ]),
    ("Installation", "Services", ProductUnit.DAY, [
        ("SV-INS-DAY", "Installation day", 780, 0.55),
        ("SV-MIG-DAY", "Data migration day", 920, 0.57),
        ("SV-WKS-DAY", "Workshop day", 1150, 0.50),
    ]),
    ("Subscriptions", None, ProductUnit.MONTH, [
        ("SUB-CRM-STD", "CRM seat, standard", 29, 0.20),
        ("SUB-CRM-PRO", "CRM seat, professional", 59, 0.22),
        ("SUB-MAIL-01", "Hosted mailbox", 6, 0.30),
        ("SUB-BKP-100", "Cloud backup 100 GB", 12, 0.35),
        ("SUB-BKP-1T", "Cloud backup 1 TB", 49, 0.33),
        ("SUB-VPS-S", "Virtual server, small", 24, 0.45),
        ("SUB-VPS-L", "Virtual server, large", 96, 0.47),
        ("SUB-MON-01", "Uptime monitoring", 19, 0.25),
        ("SUB-SUP-GLD", "Support plan, gold", 390, 0.40),
        ("SUB-SUP-SLV", "Support plan, silver", 190, 0.42),
    ]),
    ("Annual plans", "Subscriptions", ProductUnit.YEAR, [
        ("SUB-CRM-YR", "CRM seat, annual", 590, 0.21),
        ("SUB-SEC-YR", "Security suite, annual", 1290, 0.30),
        ("SUB-MNT-YR", "Hardware maintenance, annual", 890, 0.44),
    ]),
    ("Consumables", "Hardware", ProductUnit.KG, [
        ("CN-CBL-CAT6", "Network cable Cat 6, bulk", 18, 0.48),
        ("CN-PAP-A4", "Printer paper A4, bulk", 3, 0.60),
    ]),
)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def exchange_rates_create(*, seed: int = 42, months: int = 36) -> int:
    """Create a rate on the first of each month for the last `months` months, per non-base
    currency, drifting by a few percent a month; return how many were new."""
    rng = random.Random(seed + 10)
    today = timezone.localdate()
    first = datetime.date(today.year, today.month, 1)
    days = []
    for back in range(months - 1, -1, -1):
        month = first.month - back
        year = first.year + (month - 1) // 12
        days.append(datetime.date(year, (month - 1) % 12 + 1, 1))
    rows = []
    base = Currency.objects.get(is_base=True).code
    for code, start in START_RATES.items():
        if code == base:
            continue
        value = Decimal(start)
        for day in days:
            value *= Decimal(str(1 + rng.uniform(-0.025, 0.025)))
            rows.append(ExchangeRate(currency_id=code, date=day,
                                     rate=value.quantize(Decimal("1E-6"))))
    before = ExchangeRate.objects.count()
    ExchangeRate.objects.bulk_create(rows, ignore_conflicts=True)
    return ExchangeRate.objects.count() - before


def catalogue_create(*, owner: User, seed: int = 42) -> list[Product]:
    """Create the product categories and products, each with a list price and a cost."""
    rng = random.Random(seed + 11)
    now = timezone.now()
    categories: dict[str, ProductCategory] = {}
    products = []
    for name, parent, unit, items in CATALOGUE:
        categories[name], _created = ProductCategory.objects.get_or_create(
            name=name, parent=categories.get(parent) if parent else None)
        for sku, title, price, cost_share in items:
            list_price = money(Decimal(price))
            cost = money(list_price * Decimal(str(cost_share + rng.uniform(-0.04, 0.04))))
            products.append(Product(
                sku=sku, name=title, category=categories[name], unit=unit,
                list_price=list_price, cost=cost, currency_id="EUR",
                tax_rate=Decimal("21.00"), is_active=rng.random() > 0.05,
                description="", owner=owner, team_id=owner.team_id, created_by=owner,
                updated_by=owner, created_at=now, updated_at=now,
            ))
    Product.objects.bulk_create(products)
    return products


def price_books_create(*, owner: User, products: Sequence[Product]) -> list[PriceBook]:
    """Create the EUR default book, a USD book and a channel partners' discount book."""
    now = timezone.now()
    stamp = {"owner": owner, "team_id": owner.team_id, "created_by": owner,
             "updated_by": owner, "created_at": now, "updated_at": now}
    books = [
        PriceBook(name="Standard EUR", currency_id="EUR", is_active=True,
                  description="Prices for every customer billed in euros.", **stamp),
        PriceBook(name="Standard USD", currency_id="USD", is_active=True,
                  description="Prices for customers billed in US dollars.", **stamp),
        PriceBook(name="Channel partners", currency_id="EUR",
                  segment=CustomerClass.RESELLER, is_active=True,
                  description="15% below list for resellers.", **stamp),
    ]
    PriceBook.objects.bulk_create(books)
    usd = Decimal(str(START_RATES["USD"]))
    entries = []
    for product in products:
        entries.append(PriceBookEntry(price_book=books[0], product=product,
                                      unit_price=product.list_price))
        # Rounded up to whole dollars, as the US price list is printed.
        dollars = (product.list_price / usd).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        entries.append(PriceBookEntry(price_book=books[1], product=product,
                                      unit_price=money(dollars)))
        entries.append(PriceBookEntry(price_book=books[2], product=product,
                                      unit_price=money(product.list_price * Decimal("0.85"))))
    PriceBookEntry.objects.bulk_create(entries)
    return books


@dataclass
class Catalogue:
    products: list[Product]
    price_books: list[PriceBook]


def sales_demo_create(*, owner: User, accounts: Sequence[Account], seed: int = 42
                      ) -> Catalogue:
    """Create the catalogue, its price books and rates; give euro business customers the EUR
    book as their default. Records are bulk-created: the caller logs their creation."""
    exchange_rates_create(seed=seed)
    skus = [sku for _name, _parent, _unit, items in CATALOGUE for sku, *_rest in items]
    if Product.all_objects.filter(sku__in=skus).exists():
        # The demo is being loaded again (--force): the catalogue is shared, not doubled.
        catalogue = Catalogue(products=[], price_books=[])
        default = PriceBook.objects.filter(name="Standard EUR").first()
    else:
        products = catalogue_create(owner=owner, seed=seed)
        catalogue = Catalogue(products=products,
                              price_books=price_books_create(owner=owner, products=products))
        default = catalogue.price_books[0]
    Account.objects.filter(pk__in=[account.pk for account in accounts],
                           currency="EUR", customer_class=CustomerClass.BUSINESS).update(
        price_book=default)
    return catalogue
