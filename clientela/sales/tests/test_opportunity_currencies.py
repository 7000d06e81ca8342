"""Opportunities and the currency table: which currencies they may use, and totals converted
to the base currency on the board."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clientela.core.exceptions import ApplicationError
from clientela.core.testing.api import api_client
from clientela.sales.exceptions import NoExchangeRateError, UnknownCurrencyError
from clientela.sales.models import Currency, Opportunity
from clientela.sales.selectors import BaseConverter, to_base
from clientela.sales.selectors.opportunities import opportunity_totals
from clientela.sales.services import currency_delete, currency_make_base
from clientela.sales.tests.factories import OpportunityFactory, rate, stage

pytestmark = pytest.mark.django_db

BOARD = reverse("sales:opportunity_board")


def deactivate(code: str) -> None:
    Currency.objects.filter(pk=code).update(is_active=False)


def column(response, name):
    return next(item for item in response.context["columns"] if item.stage.name == name)


# Which currencies an opportunity may use

def test_a_new_opportunity_starts_in_the_base_currency_of_the_table(rep):
    assert Opportunity().currency == "EUR"
    currency_make_base(currency=Currency.objects.get(pk="USD"))
    assert Opportunity().currency == "USD"
    response = api_client(rep).post("/api/v1/opportunities/", {
        "name": "Deal", "stage": stage("Prospecting").pk, "amount": "10"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["currency"] == "USD"


@pytest.mark.parametrize("code", ["XYZ", "GBP"])
def test_an_unknown_or_inactive_currency_is_an_error_on_currency(rep, code):
    deactivate("GBP")
    with pytest.raises(ValidationError) as refused:
        OpportunityFactory(owner=rep, currency=code)
    assert list(refused.value.message_dict) == ["currency"]
    assert Opportunity.all_objects.count() == 0


def test_a_currency_deactivated_later_stays_on_its_opportunities_but_no_new_one_takes_it(rep):
    kept = OpportunityFactory(owner=rep, currency="GBP")
    other = OpportunityFactory(owner=rep, currency="USD")
    deactivate("GBP")
    client = api_client(rep)
    response = client.patch(f"/api/v1/opportunities/{kept.pk}/", {"name": "Renamed"},
                            format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["currency"] == "GBP"
    response = client.patch(f"/api/v1/opportunities/{other.pk}/", {"currency": "GBP"},
                            format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["currency"]
    assert Opportunity.objects.get(pk=other.pk).currency == "USD"


def test_the_api_upper_cases_an_active_code_and_refuses_an_inactive_one(rep):
    deactivate("CNY")
    client = api_client(rep)
    payload = {"name": "Deal", "stage": stage("Prospecting").pk, "amount": "10"}
    response = client.post("/api/v1/opportunities/", {**payload, "currency": "pln"},
                           format="json")
    assert (response.status_code, response.json()["currency"]) == (201, "PLN")
    response = client.post("/api/v1/opportunities/", {**payload, "currency": "CNY"},
                           format="json")
    assert response.status_code == 400
    assert "currency" in response.json()["errors"]
    assert Opportunity.objects.count() == 1


def test_the_edit_page_offers_the_active_currencies_and_refuses_another(client, rep):
    deactivate("CNY")
    client.force_login(rep)
    form = client.get(reverse("sales:opportunity_add")).context["form"]
    offered = [code for code, _label in form.fields["currency"].widget.choices]
    assert offered == ["EUR", "GBP", "PLN", "USD"]
    assert form["currency"].value() == "EUR"
    response = client.post(reverse("sales:opportunity_add"), {
        "name": "Deal", "pipeline": stage("Prospecting").pipeline_id,
        "stage": stage("Prospecting").pk, "amount": "10", "currency": "CNY", "owner": rep.pk,
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["currency"]
    assert Opportunity.objects.count() == 0


def test_the_edit_page_of_an_opportunity_in_a_deactivated_currency_still_offers_it(client, rep):
    opportunity = OpportunityFactory(owner=rep, currency="GBP")
    deactivate("GBP")
    client.force_login(rep)
    form = client.get(reverse("sales:opportunity_edit", args=[opportunity.pk])).context["form"]
    assert "GBP" in [code for code, _label in form.fields["currency"].widget.choices]
    assert form["currency"].value() == "GBP"


def test_a_currency_opportunities_are_in_cannot_be_deleted(rep):
    opportunity = OpportunityFactory(owner=rep, currency="CNY")
    opportunity.soft_delete(rep)  # in the recycle bin, it may still come back in CNY
    with pytest.raises(ApplicationError) as refused:
        currency_delete(currency=Currency.objects.get(pk="CNY"))
    assert refused.value.code == "currency_in_use"
    assert Currency.objects.filter(pk="CNY").exists()


# Totals converted to the base currency

def test_base_converter_gives_what_to_base_gives_and_raises_the_same_errors():
    rate("USD", "2031-01-01", "0.9")
    rate("USD", "2031-06-01", "0.8")
    converter = BaseConverter(["USD", "EUR", "GBP", "XYZ"])
    for code, day in [("USD", "2031-03-01"), ("USD", "2031-06-01"), ("USD", "2024-05-05"),
                      ("GBP", "2031-12-31"), ("EUR", "2019-01-01")]:
        on_date = datetime.date.fromisoformat(day)
        assert converter.to_base(Decimal("123.45"), code, on_date) == to_base(
            Decimal("123.45"), code, on_date)
    with pytest.raises(NoExchangeRateError):
        converter.to_base(Decimal(1), "USD", datetime.date(2019, 6, 1))
    with pytest.raises(UnknownCurrencyError):
        converter.to_base(Decimal(1), "XYZ", datetime.date(2031, 1, 1))


def test_totals_convert_each_amount_at_the_rate_of_its_expected_close_date(rep):
    rate("USD", "2031-01-01", "0.9")
    rate("USD", "2031-06-01", "0.8")
    OpportunityFactory(owner=rep, amount=Decimal("100"), currency="USD",
                       expected_close_date=datetime.date(2031, 3, 1))
    OpportunityFactory(owner=rep, amount=Decimal("100"), currency="USD",
                       expected_close_date=datetime.date(2031, 7, 1))
    OpportunityFactory(owner=rep, amount=Decimal("50.25"), currency="EUR")
    totals = opportunity_totals(opportunities=Opportunity.objects.all())[None]
    assert totals.amounts == {"EUR": Decimal("50.25"), "USD": Decimal("200")}
    assert (totals.base_currency, totals.base_amount, totals.unconverted) == (
        "EUR", Decimal("220.25"), set())
    assert totals.as_text() == "50.25 EUR + 200.00 USD"
    assert totals.base_text() == "≈ 220.25 EUR"


def test_totals_without_a_close_date_use_todays_rate(rep):
    OpportunityFactory(owner=rep, amount=Decimal("10"), currency="GBP",
                       expected_close_date=None)
    totals = opportunity_totals(opportunities=Opportunity.objects.all())[None]
    assert totals.base_amount == to_base(Decimal("10"), "GBP")


def test_a_missing_rate_leaves_the_amount_out_of_the_base_total_and_says_so(rep):
    OpportunityFactory(owner=rep, amount=Decimal("400"), currency="PLN",
                       expected_close_date=datetime.date(2019, 6, 1))
    OpportunityFactory(owner=rep, amount=Decimal("30"), currency="EUR")
    totals = opportunity_totals(opportunities=Opportunity.objects.all())[None]
    assert (totals.base_amount, totals.unconverted) == (Decimal("30"), {"PLN"})
    assert totals.base_text() == "≈ 30.00 EUR (without PLN: no exchange rate)"


def test_totals_all_in_the_base_currency_need_no_second_line(rep):
    OpportunityFactory(owner=rep, amount=Decimal("30"), currency="EUR")
    totals = opportunity_totals(opportunities=Opportunity.objects.all())[None]
    assert (totals.base_amount, totals.base_text()) == (Decimal("30"), "")


def test_the_board_shows_each_column_in_the_base_currency_even_with_a_rate_missing(client, rep):
    rate("USD", "2031-01-01", "0.5")
    OpportunityFactory(owner=rep, amount=Decimal("100"), currency="USD",
                       expected_close_date=datetime.date(2031, 2, 1))
    OpportunityFactory(owner=rep, amount=Decimal("20"), currency="EUR",
                       expected_close_date=datetime.date(2031, 2, 1))
    OpportunityFactory(owner=rep, amount=Decimal("7"), currency="CNY",
                       expected_close_date=datetime.date(2019, 2, 1))
    client.force_login(rep)
    response = client.get(BOARD)
    assert response.status_code == 200
    prospecting = column(response, "Prospecting")
    assert prospecting.totals.as_text() == "7.00 CNY + 20.00 EUR + 100.00 USD"
    assert prospecting.totals.base_text() == "≈ 70.00 EUR (without CNY: no exchange rate)"
    assert "≈ 70.00 EUR (without CNY: no exchange rate)" in response.content.decode()


def test_a_move_on_the_board_answers_the_columns_totals_in_the_base_currency(client, rep):
    rate("USD", "2031-01-01", "0.5")
    moved = OpportunityFactory(owner=rep, amount=Decimal("100"), currency="USD",
                               expected_close_date=datetime.date(2031, 2, 1))
    OpportunityFactory(owner=rep, amount=Decimal("20"), currency="EUR")
    client.force_login(rep)
    response = client.post(reverse("sales:opportunity_move", args=[moved.pk]),
                           {"stage": stage("Proposal").pk, "version": 1, "board_query": ""},
                           HTTP_ACCEPT="application/json", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    columns = response.json()["columns"]
    assert columns[str(stage("Proposal").pk)] == {
        "count": 1, "total": "100.00 USD", "base_total": "≈ 50.00 EUR"}
    assert columns[str(stage("Prospecting").pk)]["base_total"] == ""
