"""Currencies: the seeded data, rates on a date, conversions, the base, the money filter."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from clientela.core.exceptions import ApplicationError
from clientela.sales.exceptions import NoExchangeRateError, UnknownCurrencyError
from clientela.sales.models import Currency, ExchangeRate
from clientela.sales.selectors import base_currency, convert, exchange_rate_on, to_base
from clientela.sales.services import currency_delete, currency_make_base, currency_save
from clientela.sales.tests.factories import ProductFactory, rate

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def test_migration_seeds_eur_as_the_only_base_and_four_active_currencies():
    assert list(Currency.objects.values_list("code", "is_base", "is_active")) == [
        ("EUR", True, True), ("CNY", False, True), ("GBP", False, True), ("PLN", False, True),
        ("USD", False, True),
    ]
    assert ExchangeRate.objects.filter(currency="USD").count() == 6
    assert exchange_rate_on("USD", datetime.date(2025, 6, 1)) == (
        1 / Decimal("1.0321")).quantize(Decimal("1E-10"))


def test_the_rate_is_the_latest_on_or_before_the_day():
    rate("GBP", "2030-01-10", "1.5")
    rate("GBP", "2030-02-10", "1.6")
    assert exchange_rate_on("GBP", datetime.date(2030, 1, 10)) == Decimal("1.5")
    assert exchange_rate_on("GBP", datetime.date(2030, 2, 9)) == Decimal("1.5")
    assert exchange_rate_on("GBP", datetime.date(2030, 2, 10)) == Decimal("1.6")
    assert exchange_rate_on("gbp", datetime.date(2031, 1, 1)) == Decimal("1.6")
    assert exchange_rate_on("EUR", datetime.date(1990, 1, 1)) == Decimal(1)


def test_a_day_before_any_rate_and_an_unknown_code_are_domain_errors():
    with pytest.raises(NoExchangeRateError) as error:
        exchange_rate_on("USD", datetime.date(2019, 12, 31))
    assert error.value.code == "no_exchange_rate"
    assert "USD" in error.value.message
    with pytest.raises(UnknownCurrencyError):
        convert(Decimal("1"), "XYZ", "EUR", datetime.date(2025, 1, 1))
    assert isinstance(error.value, ApplicationError)


def test_convert_goes_through_the_base_and_rounds_half_up_to_the_target_places():
    rate("USD", "2030-01-01", "0.8")
    rate("GBP", "2030-01-01", "1.25")
    day = datetime.date(2030, 6, 1)
    assert convert(Decimal("100"), "USD", "EUR", day) == Decimal("80.00")
    assert convert(Decimal("100"), "EUR", "USD", day) == Decimal("125.00")
    assert convert(Decimal("100"), "USD", "GBP", day) == Decimal("64.00")
    assert to_base(Decimal("10.00"), "GBP", day) == Decimal("12.50")
    # 0.01 USD = 0.008 EUR → 0.01 (half up); 0.005 → 0.01, 0.004 → 0.00.
    assert convert(Decimal("0.01"), "USD", "EUR", day) == Decimal("0.01")
    assert convert(Decimal("0.00625"), "USD", "EUR", day) == Decimal("0.01")
    assert convert(Decimal("0.005"), "USD", "EUR", day) == Decimal("0.00")
    Currency.objects.create(code="JPY", name="Yen", decimal_places=0)
    rate("JPY", "2030-01-01", "0.006")
    assert convert(Decimal("1.00"), "EUR", "JPY", day) == Decimal("167")
    assert convert(Decimal("12.345"), "EUR", "EUR", day) == Decimal("12.35")


def test_making_another_currency_the_base_keeps_every_conversion():
    rate("USD", "2030-01-01", "0.8")
    rate("GBP", "2030-01-01", "1.2")
    rate("GBP", "2030-03-01", "1.1")
    days = [datetime.date(2030, 2, 1), datetime.date(2030, 4, 1)]
    pairs = [("GBP", "USD"), ("USD", "EUR"), ("EUR", "GBP")]
    before = {(a, b, d): convert(Decimal("1000"), a, b, d) for a, b in pairs for d in days}
    usd = Currency.objects.get(pk="USD")
    usd.is_base = True
    currency_save(currency=usd)
    assert base_currency().code == "USD"
    assert Currency.objects.filter(is_base=True).count() == 1
    assert not ExchangeRate.objects.filter(currency="USD").exists()
    assert exchange_rate_on("EUR", days[0]) == Decimal("1.25")
    after = {(a, b, d): convert(Decimal("1000"), a, b, d) for a, b in pairs for d in days}
    assert after == before


def test_a_base_move_is_refused_when_a_rate_predates_the_new_base():
    gbp = Currency.objects.get(pk="GBP")
    ExchangeRate.objects.filter(currency="GBP").delete()
    rate("GBP", "2024-06-01", "1.2")
    with pytest.raises(ApplicationError) as error:
        currency_make_base(currency=gbp)
    assert error.value.field == "is_base"
    assert base_currency().code == "EUR"


def test_the_base_can_neither_stop_being_base_nor_go_inactive_nor_be_deleted():
    eur = Currency.objects.get(pk="EUR")
    eur.is_base = False
    with pytest.raises(ApplicationError):
        currency_save(currency=eur)
    eur = Currency.objects.get(pk="EUR")
    eur.is_active = False
    with pytest.raises(Exception, match="base currency must stay active"):
        currency_save(currency=eur)
    with pytest.raises(ApplicationError):
        currency_delete(currency=Currency.objects.get(pk="EUR"))
    assert Currency.objects.get(pk="EUR").is_base


def test_a_currency_in_use_cannot_be_deleted_and_an_unused_one_goes_with_its_rates(rep):
    ProductFactory(owner=rep, currency_id="PLN")
    with pytest.raises(ApplicationError, match="deactivate it instead"):
        currency_delete(currency=Currency.objects.get(pk="PLN"))
    currency_delete(currency=Currency.objects.get(pk="CNY"))
    assert not Currency.objects.filter(pk="CNY").exists()
    assert not ExchangeRate.objects.filter(currency_id="CNY").exists()


def test_money_filter_rounds_groups_by_locale_and_names_the_currency():
    template = Template('{% load money %}{{ amount|money:"EUR" }}|{{ amount|money:code }}')
    context = Context({"amount": Decimal("1234567.125"), "code": "USD"})
    with translation.override("en"):
        assert template.render(context) == f"1,234,567.13{NBSP}EUR|1,234,567.13{NBSP}USD"
    with translation.override("es"):
        assert template.render(context) == (
            f"1{NBSP}234{NBSP}567,13{NBSP}EUR|1{NBSP}234{NBSP}567,13{NBSP}USD"
        )
    Currency.objects.create(code="JPY", name="Yen", decimal_places=0)
    jpy = Template('{% load money %}{{ amount|money:"JPY" }}{{ none|money:"EUR" }}')
    with translation.override("en"):
        assert jpy.render(Context({"amount": Decimal("1500.5"), "none": None})) == (
            f"1,501{NBSP}JPY"
        )


# Admin pages ---------------------------------------------------------------------------------

def test_currency_pages_are_for_administrators_only(client, manager):
    client.force_login(manager)
    for url in (reverse("sales:currency_list"), reverse("sales:currency_create"),
                reverse("sales:exchange_rates", args=["USD"]),
                reverse("sales:category_list")):
        assert client.get(url).status_code == 403


def test_admin_lists_currencies_with_latest_rate_and_adds_one(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("sales:currency_list"))
    content = response.content.decode()
    assert [currency.code for currency in response.context["currencies"]][:2] == ["EUR", "CNY"]
    assert 'href="/currencies/"' in client.get(reverse("users:user_list")).content.decode()
    assert "Exchange rates" in content
    response = client.post(reverse("sales:currency_create"), {
        "code": "chf", "name": "Swiss franc", "symbol": "Fr", "decimal_places": "2",
        "is_active": "on"})
    assert response.status_code == 302
    assert Currency.objects.get(pk="CHF").name == "Swiss franc"


def test_admin_marks_another_currency_base_on_its_page(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("sales:currency_edit", args=["USD"]), {
        "name": "US dollar", "symbol": "$", "decimal_places": "2", "is_active": "on",
        "is_base": "on"})
    assert response.status_code == 302
    assert base_currency().code == "USD"
    response = client.post(reverse("sales:currency_edit", args=["USD"]), {
        "name": "US dollar", "symbol": "$", "decimal_places": "2", "is_active": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["is_base"] == [
        "There must be a base currency: make another currency the base instead."]


def test_admin_adds_changes_and_deletes_rates_and_bad_ones_are_field_errors(client, admin_user):
    client.force_login(admin_user)
    url = reverse("sales:exchange_rates", args=["PLN"])
    assert client.post(url, {"date": "2031-05-01", "rate": "0.25"}).status_code == 302
    stored = ExchangeRate.objects.get(currency="PLN", date="2031-05-01")
    for data, field in (({"date": "2031-05-01", "rate": "0.3"}, "date"),
                        ({"date": "2031-06-01", "rate": "0"}, "rate"),
                        ({"date": "2031-06-01", "rate": "-2"}, "rate")):
        response = client.post(url, data)
        assert response.status_code == 400
        assert list(response.context["form"].errors) == [field]
    edit = reverse("sales:exchange_rate_edit", args=["PLN", stored.pk])
    assert client.post(edit, {"date": "2031-05-01", "rate": "0.26"}).status_code == 302
    stored.refresh_from_db()
    assert stored.rate == Decimal("0.26")
    delete = reverse("sales:exchange_rate_delete", args=["PLN", stored.pk])
    assert client.post(delete).status_code == 302
    assert not ExchangeRate.objects.filter(pk=stored.pk).exists()
    assert client.get(reverse("sales:exchange_rates", args=["EUR"])).status_code == 404
