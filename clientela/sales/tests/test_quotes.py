"""Quotes: the line and totals arithmetic, pricing defaults, the status rules and expiry."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.sales.documents import document_totals, line_amounts
from clientela.sales.models import Currency, Quote
from clientela.sales.selectors.quotes import quotes_in_status
from clientela.sales.services.quotes import (
    quote_accept,
    quote_reject,
    quote_save,
    quote_send,
    quotes_expire,
)
from clientela.sales.tasks import quote_expire_task
from clientela.sales.tests.factories import (
    PriceBookEntryFactory,
    PriceBookFactory,
    ProductFactory,
    QuoteFactory,
    rate,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 4)


def line(quantity, price, *, percent=None, amount=None, tax="0"):
    return SimpleNamespace(quantity=Decimal(quantity), unit_price=Decimal(price),
                           discount_percent=None if percent is None else Decimal(percent),
                           discount_amount=None if amount is None else Decimal(amount),
                           tax_rate=Decimal(tax))


@pytest.mark.parametrize(("item", "places", "expected"), [
    (line("3", "0.335", tax="21"), 2, ("1.01", "0.00", "0.21", "1.22")),
    (line("1", "0.005"), 2, ("0.01", "0.00", "0.00", "0.01")),
    (line("7", "1.15", percent="12.5", tax="19"), 2, ("8.05", "1.01", "1.34", "8.38")),
    (line("2", "10", amount="3.333", tax="10"), 2, ("20.00", "3.33", "1.67", "18.34")),
    (line("3", "333.5", tax="8"), 0, ("1001", "0", "80", "1081")),
])
def test_line_amounts_round_half_up_to_the_currency(item, places, expected):
    assert tuple(str(value) for value in line_amounts(item, places)) == expected


def test_document_totals_are_the_sums_of_the_rounded_lines():
    amounts = [line_amounts(line("1", "0.005", tax="21"), 2)] * 3
    assert tuple(str(value) for value in document_totals(amounts, 2)) == (
        "0.03", "0.00", "0.00", "0.03")


def test_a_new_quote_takes_the_accounts_price_book_currency_and_its_prices(rep):
    Currency.objects.filter(pk="USD").update(is_active=True)
    book = PriceBookFactory(owner=rep, currency_id="USD")
    product = ProductFactory(owner=rep, list_price=Decimal("100.00"))
    PriceBookEntryFactory(price_book=book, product=product, unit_price=Decimal("70.00"))
    account = AccountFactory(owner=rep, price_book=book)
    quote = quote_save(quote=Quote(subject="Offer", account=account), user=rep,
                       lines=[{"product": product.pk, "quantity": "1"}])
    assert (quote.price_book_id, quote.currency_id) == (book.pk, "USD")
    assert quote.lines.get().unit_price == Decimal("70.00")


def test_a_line_without_a_rate_to_the_quotes_currency_names_its_unit_price(rep):
    Currency.objects.create(code="CHF", name="Swiss franc", decimal_places=2)
    product = ProductFactory(owner=rep, currency_id="CHF")
    account = AccountFactory(owner=rep)
    with pytest.raises(ValidationError) as error:
        quote_save(quote=Quote(subject="Offer", account=account, currency_id="EUR"), user=rep,
                   lines=[{"product": product.pk, "quantity": "1"}])
    assert list(error.value.message_dict) == ["lines[0].unit_price"]
    assert Quote.all_objects.count() == 0


def test_the_unit_cost_is_the_products_cost_in_the_quotes_currency(rep):
    rate("USD", "2026-01-01", "0.5")
    product = ProductFactory(owner=rep, currency_id="USD", cost=Decimal("30.00"))
    quote = QuoteFactory(owner=rep, lines=[{"product": product.pk, "quantity": "1",
                                            "unit_price": "40"}])
    assert quote.lines.get().unit_cost == Decimal("15.00")


def test_changing_the_currency_prices_the_lines_again_to_its_decimals(rep):
    Currency.objects.filter(pk="USD").update(decimal_places=0, is_active=True)
    quote = QuoteFactory(owner=rep, lines=[{"description": "X", "quantity": "3",
                                            "unit_price": "0.5"}])
    assert quote.total == Decimal("1.50")
    quote.currency_id = "USD"
    quote_save(quote=quote, user=rep)
    quote.refresh_from_db()
    assert quote.total == Decimal("2")


def test_only_a_draft_with_lines_can_be_sent(rep):
    empty = QuoteFactory(owner=rep, lines=[])
    with pytest.raises(ApplicationError) as error:
        quote_send(user=rep, quote=empty)
    assert error.value.code == "no_lines"
    quote = quote_send(user=rep, quote=QuoteFactory(owner=rep))
    assert (quote.status, quote.sent_on is not None) == ("sent", True)
    with pytest.raises(ApplicationError) as error:
        quote_send(user=rep, quote=quote)
    assert error.value.code == "not_draft"


def test_only_a_sent_quote_can_be_accepted_or_rejected(rep):
    quote = QuoteFactory(owner=rep)
    for verb in (quote_accept, quote_reject):
        with pytest.raises(ApplicationError) as error:
            verb(user=rep, quote=quote)
        assert error.value.code == "not_sent"
    quote_send(user=rep, quote=quote)
    rejected = quote_reject(user=rep, quote=quote)
    assert rejected.status == "rejected"
    with pytest.raises(ApplicationError):
        quote_accept(user=rep, quote=quote)


def test_an_accepted_quote_cannot_be_saved_again(rep):
    quote = QuoteFactory(owner=rep)
    quote_send(user=rep, quote=quote)
    quote_accept(user=rep, quote=quote)
    quote.refresh_from_db()
    quote.subject = "Changed"
    with pytest.raises(ApplicationError) as error:
        quote_save(quote=quote, user=rep, lines=[])
    assert error.value.code == "accepted_is_final"
    assert list(Quote.objects.get(pk=quote.pk).lines.values_list("description", flat=True)) == [
        "Consulting"]


def test_a_sent_quote_past_its_validity_cannot_be_accepted(rep):
    quote = QuoteFactory(owner=rep, valid_until=TODAY - datetime.timedelta(days=1))
    quote_send(user=rep, quote=quote)
    with pytest.raises(ApplicationError) as error:
        quote_accept(user=rep, quote=quote, today=TODAY)
    assert error.value.code == "expired"
    assert Quote.objects.get(pk=quote.pk).status == "sent"


def test_a_rep_may_not_send_a_teammates_quote(rep, teammate):
    quote = QuoteFactory(owner=teammate)
    with pytest.raises(PermissionDeniedError):
        quote_send(user=rep, quote=quote)


def test_expiry_marks_only_sent_quotes_past_their_date_and_logs_it(rep):
    yesterday = TODAY - datetime.timedelta(days=1)
    due = QuoteFactory(owner=rep, valid_until=yesterday)
    valid = QuoteFactory(owner=rep, valid_until=TODAY)
    draft = QuoteFactory(owner=rep, valid_until=yesterday)
    for quote in (due, valid):
        quote_send(user=rep, quote=quote)
    assert set(quotes_in_status(Quote.objects.all(), "expired", TODAY)) == {due}
    assert set(quotes_in_status(Quote.objects.all(), "sent", TODAY)) == {valid}
    assert quotes_expire(today=TODAY) == 1
    assert dict(Quote.objects.values_list("pk", "status")) == {
        due.pk: "expired", valid.pk: "sent", draft.pk: "draft"}
    entry = ObjectChange.objects.filter(object_id=due.pk).order_by("-pk").first()
    assert (entry.changes["status"], entry.user) == (["sent", "expired"], None)


def test_the_scheduled_task_expires_quotes_as_of_today(rep):
    quote = QuoteFactory(owner=rep, valid_until=datetime.date(2020, 1, 1))
    quote_send(user=rep, quote=quote)
    assert quote_expire_task() == 1
    assert Quote.objects.get(pk=quote.pk).status == "expired"


def test_the_status_filter_treats_past_validity_as_expired_in_the_api(rep):
    from clientela.core.testing.api import api_client

    quote = QuoteFactory(owner=rep, valid_until=datetime.date(2020, 1, 1))
    quote_send(user=rep, quote=quote)
    body = api_client(rep).get("/api/v1/quotes/?status=expired").json()
    assert [item["id"] for item in body["results"]] == [quote.pk]
