"""Seed the currencies: EUR as the base, USD, GBP, PLN and CNY with yearly rates.

The rates are the European Central Bank's reference rates of the first working day of each
year from 2020 (foreign units per euro), stored inverted as euros per unit.
"""

from decimal import Decimal

from django.db import migrations

CURRENCIES = (
    ("EUR", "Euro", "€", 2, True),
    ("USD", "US dollar", "$", 2, False),
    ("GBP", "Pound sterling", "£", 2, False),
    ("PLN", "Polish złoty", "zł", 2, False),
    ("CNY", "Chinese yuan renminbi", "¥", 2, False),
)
# Units of the currency per euro on the first working day of each year.
ECB_REFERENCE = {
    "2020-01-02": {"USD": "1.1193", "GBP": "0.84828", "PLN": "4.2544", "CNY": "7.7946"},
    "2021-01-04": {"USD": "1.2296", "GBP": "0.90160", "PLN": "4.5507", "CNY": "7.9645"},
    "2022-01-03": {"USD": "1.1355", "GBP": "0.83940", "PLN": "4.5635", "CNY": "7.2269"},
    "2023-01-02": {"USD": "1.0690", "GBP": "0.88690", "PLN": "4.6845", "CNY": "7.3711"},
    "2024-01-02": {"USD": "1.0956", "GBP": "0.86760", "PLN": "4.3395", "CNY": "7.8147"},
    "2025-01-02": {"USD": "1.0321", "GBP": "0.82968", "PLN": "4.2698", "CNY": "7.5531"},
}
PLACES = Decimal("1E-10")


def seed_currencies(apps, schema_editor):
    Currency = apps.get_model("sales", "Currency")
    ExchangeRate = apps.get_model("sales", "ExchangeRate")
    has_base = Currency.objects.filter(is_base=True).exists()
    for code, name, symbol, places, is_base in CURRENCIES:
        Currency.objects.get_or_create(code=code, defaults={
            "name": name, "symbol": symbol, "decimal_places": places, "is_active": True,
            "is_base": is_base and not has_base,
        })
    for date, quotes in ECB_REFERENCE.items():
        for code, per_euro in quotes.items():
            ExchangeRate.objects.get_or_create(
                currency_id=code, date=date,
                defaults={"rate": (1 / Decimal(per_euro)).quantize(PLACES)},
            )


class Migration(migrations.Migration):
    dependencies = [("sales", "0001_initial")]
    operations = [migrations.RunPython(seed_currencies, migrations.RunPython.noop)]
