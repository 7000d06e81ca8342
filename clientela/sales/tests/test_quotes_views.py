"""The quote pages: the generic suite, lines edited as rows, and the status buttons."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Quote, QuoteLine
from clientela.sales.tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def line_rows(*rows, initial=0):
    """Return the POST data of the lines formset holding `rows`."""
    data = {"lines-TOTAL_FORMS": str(len(rows)), "lines-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"lines-{index}-{name}": value for name, value in row.items()})
    return data


class TestQuoteViews(RecordViewTests):
    model = Quote
    app = "sales"
    module_slug = "quotes"
    form_data = {"subject": "Offer", "currency": "EUR", "valid_until": "2030-01-31"}
    edit_data = {"subject": "Revised offer"}
    invalid_data = {"valid_until": "soon"}
    invalid_field = "valid_until"
    bulk_edit_data = {"valid_until": "2031-01-01"}
    hidden_field = "terms"
    hidden_value = "Secret discount terms"

    @pytest.fixture(autouse=True)
    def account(self, db, manager):
        account = AccountFactory(owner=manager)
        self.extra_form_data = {"account": account.pk, **line_rows(
            {"description": "Setup", "quantity": "1", "unit_price": "10"})}

    def make(self, user, **fields):
        return QuoteFactory(owner=user, terms=self.hidden_value, **fields)


def test_edit_page_saves_lines_and_totals(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:quote_edit", args=[quote.pk]), {
        "subject": quote.subject, "account": quote.account_id, "currency": "EUR",
        "owner": rep.pk, "version": quote.version, **line_rows(
            {"description": "Washer", "quantity": "3", "unit_price": "0.335",
             "tax_rate": "21"},
            {"description": "Dropped", "quantity": "1", "unit_price": "5", "DELETE": "on"},
        ),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    quote.refresh_from_db()
    assert quote.total == Decimal("1.22")
    assert list(quote.lines.values_list("description", flat=True)) == ["Washer"]


def test_a_bad_line_shows_the_error_on_its_row_and_writes_nothing(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:quote_edit", args=[quote.pk]), {
        "subject": "Changed", "account": quote.account_id, "currency": "EUR",
        "owner": rep.pk, "version": quote.version, **line_rows(
            {"description": "Fine", "quantity": "1", "unit_price": "5"},
            {"description": "Both", "quantity": "1", "unit_price": "5",
             "discount_percent": "5", "discount_amount": "1"},
        ),
    })
    assert response.status_code == 200
    assert 'id="id_lines-1-discount_amount_error"' in response.content.decode()
    quote.refresh_from_db()
    assert quote.subject != "Changed"
    assert list(QuoteLine.objects.values_list("description", flat=True)) == ["Consulting"]


def test_detail_shows_lines_totals_and_the_send_button(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Consulting" in page and 'id="send-button"' in page
    assert "121.00" in page


def test_buttons_send_then_accept_and_the_accepted_quote_offers_no_edit(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    client.post(reverse("sales:quote_send", args=[quote.pk]), {"version": quote.version})
    quote.refresh_from_db()
    assert quote.status == "sent"
    client.post(reverse("sales:quote_accept", args=[quote.pk]), {"version": quote.version})
    quote.refresh_from_db()
    assert quote.status == "accepted"
    page = client.get(quote.get_absolute_url()).content.decode()
    assert reverse("sales:quote_edit", args=[quote.pk]) not in page
    response = client.post(reverse("sales:quote_delete", args=[quote.pk]))
    assert response.status_code == 302
    assert Quote.objects.filter(pk=quote.pk).exists()


def test_a_stale_button_changes_nothing(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)
    client.post(reverse("sales:quote_send", args=[quote.pk]), {"version": quote.version - 1})
    quote.refresh_from_db()
    assert quote.status == "draft"


def test_a_teammates_quote_cannot_be_sent_by_a_rep(client, rep, teammate):
    quote = QuoteFactory(owner=teammate)
    client.force_login(rep)
    response = client.post(reverse("sales:quote_send", args=[quote.pk]))
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.status == "draft"
