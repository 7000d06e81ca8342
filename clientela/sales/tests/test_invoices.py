"""Invoices: the generic API and page suites, issuing with gap-free numbers, immutability,
payments and their statuses, overdue, credit notes, and invoicing an order."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.core.testing.views import RecordViewTests
from clientela.sales.models import Invoice, InvoiceLine, Payment
from clientela.sales.selectors.invoices import invoices_in_status
from clientela.sales.services.invoices import (
    OrderAlreadyInvoicedError,
    invoice_cancel,
    invoice_issue,
    invoice_save,
    invoices_mark_overdue,
    order_invoice,
    payment_record,
)
from clientela.sales.tests.factories import InvoiceFactory, OrderFactory

pytestmark = pytest.mark.django_db

MARCH_2 = datetime.date(2026, 3, 2)
# Two lines: 2 × 50.00 at 21 % (121.00) and 3 × 9.99 less 10 % at 10 % (29.67); 150.67 in all.
LINES = [
    {"description": "Consulting", "quantity": "2", "unit_price": "50.00", "tax_rate": "21"},
    {"description": "Licence", "quantity": "3", "unit_price": "9.99", "discount_percent": "10",
     "tax_rate": "10"},
]


def issued(user, **fields):
    invoice = InvoiceFactory(owner=user, **fields)
    return invoice_issue(user=user, invoice=invoice, today=MARCH_2)


class TestInvoiceAPI(RecordAPITests):
    url = "/api/v1/invoices/"
    factory = InvoiceFactory
    update_payload = {"subject": "Spring invoice", "description": "Thanks for the order"}
    wrong_types = ({"invoice_date": "yesterday"}, "invoice_date")
    hidden_field = "description"

    @pytest.fixture(autouse=True)
    def payload(self, rep):
        account = AccountFactory(owner=rep)
        self.valid_payload = {
            "subject": "Invoice", "account": account.pk, "tags": ["q3"],
            "lines": [{"description": "Setup", "quantity": "1", "unit_price": "10.00"}],
        }


class TestInvoiceViews(RecordViewTests):
    model = Invoice
    app = "sales"
    module_slug = "invoices"
    form_data = {"subject": "Invoice", "currency": "EUR", "invoice_date": "2026-03-02"}
    edit_data = {"subject": "Revised invoice"}
    invalid_data = {"invoice_date": "soon"}
    invalid_field = "invoice_date"
    bulk_edit_data = {"due_date": "2031-01-01"}
    hidden_field = "description"
    hidden_value = "Pay by the end of the month"

    @pytest.fixture(autouse=True)
    def account(self, db, manager):
        account = AccountFactory(owner=manager)
        self.extra_form_data = {
            "account": account.pk, "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
            "lines-0-description": "Setup", "lines-0-quantity": "1", "lines-0-unit_price": "10",
        }

    def make(self, user, **fields):
        return InvoiceFactory(owner=user, description=self.hidden_value, **fields)


# Numbers --------------------------------------------------------------------------------------

def test_a_draft_has_no_number_and_the_due_date_follows_the_payment_term(rep, settings):
    settings.INVOICE_PAYMENT_DAYS = 14
    invoice = InvoiceFactory(owner=rep, lines=LINES)
    assert invoice.number is None
    assert invoice.due_date == datetime.date(2026, 3, 16)
    assert (invoice.subtotal, invoice.discount_total, invoice.tax_total, invoice.total) == (
        Decimal("129.97"), Decimal("3.00"), Decimal("23.70"), Decimal("150.67"))


def test_issuing_numbers_invoices_per_year_without_gaps(rep):
    numbers = [issued(rep).number for _ in range(3)]
    next_year = issued(rep, invoice_date=datetime.date(2027, 1, 4)).number
    assert numbers == ["2026-00001", "2026-00002", "2026-00003"]
    assert next_year == "2027-00001"


def test_a_refused_issue_gives_no_number_away(rep):
    empty = InvoiceFactory(owner=rep, lines=[])
    with pytest.raises(ApplicationError) as refused:
        invoice_issue(user=rep, invoice=empty)
    assert refused.value.code == "no_lines"
    assert issued(rep).number == "2026-00001"
    empty.refresh_from_db()
    assert (empty.status, empty.number) == ("draft", None)


def test_only_a_draft_is_issued(rep):
    invoice = issued(rep)
    with pytest.raises(ApplicationError) as refused:
        invoice_issue(user=rep, invoice=invoice)
    assert refused.value.code == "not_draft"
    invoice.refresh_from_db()
    assert invoice.number == "2026-00001"


def test_the_due_date_cannot_be_before_the_invoice_date(rep):
    with pytest.raises(ValidationError) as refused:
        InvoiceFactory(owner=rep, due_date=datetime.date(2026, 3, 1))
    assert "due_date" in refused.value.message_dict
    assert not Invoice.objects.exists()


# Immutability ---------------------------------------------------------------------------------

def test_an_issued_invoice_is_final_on_every_write_path(rep):
    invoice = issued(rep)
    subject = invoice.subject
    with pytest.raises(ApplicationError):
        invoice_save(invoice=invoice, user=rep, lines=LINES)
    invoice.subject = "Changed"
    with pytest.raises(ApplicationError) as refused:
        invoice.stamp(rep).save()
    assert refused.value.field == "subject"
    with pytest.raises(ApplicationError):
        invoice.soft_delete(rep)
    invoice.refresh_from_db()
    assert (invoice.subject, invoice.total, invoice.deleted_at) == (
        subject, Decimal("121.00"), None)
    assert list(invoice.lines.values_list("line_total", flat=True)) == [Decimal("121.0000")]


def test_the_api_refuses_to_change_or_delete_an_issued_invoice(rep):
    invoice = issued(rep)
    subject = invoice.subject
    client = api_client(rep)
    url = f"/api/v1/invoices/{invoice.pk}/"
    response = client.patch(url, {"subject": "Changed",
                                  "lines": [{"description": "X", "quantity": "1",
                                             "unit_price": "1"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "issued_is_final"
    assert client.delete(url).status_code == 400
    invoice.refresh_from_db()
    assert (invoice.subject, invoice.total, invoice.deleted_at) == (
        subject, Decimal("121.00"), None)


def test_an_issued_invoice_can_still_be_reassigned(rep, teammate):
    invoice = issued(rep)
    invoice.owner = teammate
    invoice.stamp(rep).save()
    invoice.refresh_from_db()
    assert invoice.owner == teammate


def test_the_edit_page_of_an_issued_invoice_sends_back_to_it(client, rep):
    invoice = issued(rep)
    client.force_login(rep)
    response = client.get(reverse("sales:invoice_edit", args=[invoice.pk]))
    assert response.status_code == 302
    assert response.url == invoice.get_absolute_url()


# Payments -------------------------------------------------------------------------------------

def test_payments_move_the_status_to_partly_paid_then_paid(rep):
    invoice = issued(rep, lines=LINES)
    payment_record(user=rep, invoice=invoice, amount="50.67", paid_on=MARCH_2, today=MARCH_2)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid, invoice.balance_due, invoice.paid_on) == (
        "partly_paid", Decimal("50.67"), Decimal("100.00"), None)
    payment_record(user=rep, invoice=invoice, amount=Decimal("100.00"),
                   paid_on=datetime.date(2026, 3, 9), today=datetime.date(2026, 3, 10))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance_due, invoice.paid_on) == (
        "paid", Decimal("0"), datetime.date(2026, 3, 9))
    change = ObjectChange.objects.filter(object_id=invoice.pk).order_by("-pk").first()
    assert change.changes["status"] == ["partly_paid", "paid"]


@pytest.mark.parametrize(("amount", "code"), [
    ("121.01", "overpaid"), ("0", "zero_payment"), ("-0.01", "refund_too_large"),
])
def test_a_wrong_payment_is_refused_and_writes_nothing(rep, amount, code):
    invoice = issued(rep)
    with pytest.raises(ApplicationError) as refused:
        payment_record(user=rep, invoice=invoice, amount=amount, today=MARCH_2)
    assert (refused.value.code, refused.value.field) == (code, "amount")
    assert not Payment.objects.exists()
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid) == ("issued", Decimal("0"))


def test_overpaying_says_what_is_due(rep):
    invoice = issued(rep)
    with pytest.raises(ApplicationError) as refused:
        payment_record(user=rep, invoice=invoice, amount="200", today=MARCH_2)
    assert "121.00" in refused.value.message


def test_an_amount_finer_than_the_currency_is_refused(rep):
    invoice = issued(rep)
    with pytest.raises(ValidationError) as refused:
        payment_record(user=rep, invoice=invoice, amount="10.005", today=MARCH_2)
    assert "amount" in refused.value.message_dict


def test_a_draft_takes_no_payment(rep):
    invoice = InvoiceFactory(owner=rep)
    with pytest.raises(ApplicationError) as refused:
        payment_record(user=rep, invoice=invoice, amount="1")
    assert refused.value.code == "not_open"


def test_a_refund_reopens_a_paid_invoice(rep):
    invoice = issued(rep)
    payment_record(user=rep, invoice=invoice, amount="121.00", today=MARCH_2)
    payment_record(user=rep, invoice=invoice, amount="-21.00", today=MARCH_2)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid, invoice.paid_on) == (
        "partly_paid", Decimal("100.00"), None)


def test_paying_needs_the_edit_grant(rep, reader):
    invoice = issued(rep)
    with pytest.raises(PermissionDeniedError):
        payment_record(user=reader, invoice=invoice, amount="1", today=MARCH_2)
    assert not Payment.objects.exists()


def test_payments_through_the_api(rep):
    invoice = issued(rep, invoice_date=timezone.localdate())
    client = api_client(rep)
    url = f"/api/v1/invoices/{invoice.pk}/payments/"
    response = client.post(url, {"amount": "21.00", "paid_on": "2026-03-05",
                                 "method": "card", "reference": "TX-1"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["amount"] == "21.0000"
    bad = client.post(url, {"amount": "500"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "overpaid"
    listed = client.get(url).json()
    assert [(item["amount"], item["method"], item["reference"]) for item in listed] == [
        ("21.0000", "card", "TX-1")]
    body = client.get(f"/api/v1/invoices/{invoice.pk}/").json()
    assert (body["status"], body["amount_paid"], body["balance_due"]) == (
        "partly_paid", "21.0000", "100.0000")


def test_a_reader_may_list_but_not_record_payments(rep, reader):
    invoice = issued(rep)
    client = api_client(reader)
    url = f"/api/v1/invoices/{invoice.pk}/payments/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"amount": "1"}, format="json").status_code == 403
    assert not Payment.objects.exists()


def test_an_invisible_invoice_is_404_for_every_verb(rep, outsider):
    invoice = issued(rep)
    client = api_client(outsider)
    for verb in ("payments", "issue", "cancel"):
        assert client.post(f"/api/v1/invoices/{invoice.pk}/{verb}/", {},
                           format="json").status_code == 404
    assert client.get(f"/api/v1/invoices/{invoice.pk}/payments/").status_code == 404


def test_the_page_records_a_payment(client, rep):
    invoice = issued(rep)
    client.force_login(rep)
    response = client.post(reverse("sales:invoice_payment", args=[invoice.pk]), {
        "version": invoice.version, "amount": "121.00", "paid_on": "2026-03-04",
        "method": "bank_transfer"}, follow=True)
    assert "Payment recorded." in response.content.decode()
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == ("paid", datetime.date(2026, 3, 4))


def test_the_page_says_why_a_payment_was_refused(client, rep):
    invoice = issued(rep)
    client.force_login(rep)
    response = client.post(reverse("sales:invoice_payment", args=[invoice.pk]), {
        "version": invoice.version, "amount": "500", "paid_on": "2026-03-04",
        "method": "bank_transfer"}, follow=True)
    assert "still due" in response.content.decode()
    assert not Payment.objects.exists()


# Overdue --------------------------------------------------------------------------------------

def test_open_invoices_past_due_become_overdue(rep):
    invoice = issued(rep)  # due 2026-04-01
    paid = issued(rep)
    payment_record(user=rep, invoice=paid, amount="121.00", today=MARCH_2)
    assert invoices_mark_overdue(today=datetime.date(2026, 4, 1)) == 0
    assert invoices_in_status(Invoice.objects.all(), "overdue",
                              today=datetime.date(2026, 4, 2)).get() == invoice
    assert invoices_mark_overdue(today=datetime.date(2026, 4, 2)) == 1
    invoice.refresh_from_db()
    assert invoice.status == "overdue"
    payment_record(user=rep, invoice=invoice, amount="21.00", today=datetime.date(2026, 4, 3))
    invoice.refresh_from_db()
    assert invoice.status == "overdue"
    payment_record(user=rep, invoice=invoice, amount="100.00", today=datetime.date(2026, 4, 3))
    invoice.refresh_from_db()
    assert invoice.status == "paid"


# Credit notes ---------------------------------------------------------------------------------

def test_cancelling_issues_a_credit_note_that_takes_every_line_back(rep):
    invoice = issued(rep, lines=LINES)
    credit = invoice_cancel(user=rep, invoice=invoice, reason="Wrong customer",
                            today=datetime.date(2026, 3, 20))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.cancelled_on) == ("cancelled", datetime.date(2026, 3, 20))
    assert (credit.kind, credit.number, credit.status, credit.credited_invoice) == (
        "credit_note", "CN-2026-00001", "issued", invoice)
    assert credit.total == -invoice.total == Decimal("-150.67")
    lines = list(credit.lines.values_list("quantity", "line_total"))
    assert lines == [(Decimal("-2"), Decimal("-121.00")), (Decimal("-3"), Decimal("-29.67"))]
    assert sum(InvoiceLine.objects.values_list("line_total", flat=True)) == 0
    # The credit note is final too, and the invoice numbers carry on where they were.
    with pytest.raises(ApplicationError):
        invoice_cancel(user=rep, invoice=credit)
    assert issued(rep).number == "2026-00002"


def test_an_invoice_with_money_paid_is_refunded_before_cancelling(rep):
    invoice = issued(rep)
    payment_record(user=rep, invoice=invoice, amount="20.00", today=MARCH_2)
    with pytest.raises(ApplicationError) as refused:
        invoice_cancel(user=rep, invoice=invoice)
    assert refused.value.code == "has_payments"
    assert not Invoice.objects.filter(kind="credit_note").exists()


def test_cancelling_through_the_api_answers_with_the_credit_note(rep):
    invoice = issued(rep)
    response = api_client(rep).post(f"/api/v1/invoices/{invoice.pk}/cancel/",
                                    {"reason": "Duplicate"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["credited_invoice"], body["total"], body["description"]) == (
        "credit_note", invoice.pk, "-121.0000", "Duplicate")


# Orders ---------------------------------------------------------------------------------------

def test_an_order_becomes_one_invoice(rep):
    order = OrderFactory(owner=rep, lines=LINES, billing_city="Lyon")
    invoice = order_invoice(order=order, user=rep)
    assert (invoice.order, invoice.account, invoice.status, invoice.total,
            invoice.billing_city) == (order, order.account, "draft", Decimal("150.67"), "Lyon")
    assert list(invoice.lines.values_list("description", "line_total")) == list(
        order.lines.values_list("description", "line_total"))
    with pytest.raises(OrderAlreadyInvoicedError):
        order_invoice(order=order, user=rep)
    invoice_issue(user=rep, invoice=invoice)
    invoice_cancel(user=rep, invoice=invoice)
    again = order_invoice(order=order, user=rep)
    assert again.pk != invoice.pk


def test_invoicing_needs_the_create_grant_of_invoices(rep, reader):
    order = OrderFactory(owner=rep)
    with pytest.raises(PermissionDeniedError):
        order_invoice(order=order, user=reader)
    assert not Invoice.objects.exists()


def test_the_api_invoices_an_order_and_can_issue_at_once(rep):
    order = OrderFactory(owner=rep)
    client = api_client(rep)
    response = client.post(f"/api/v1/orders/{order.pk}/invoice/", {"issue": True},
                           format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["order"], body["status"], body["total"]) == (order.pk, "issued", "121.0000")
    assert body["number"].endswith("-00001")
    again = client.post(f"/api/v1/orders/{order.pk}/invoice/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "order_invoiced"


def test_the_order_page_makes_the_invoice_then_links_to_it(client, rep):
    order = OrderFactory(owner=rep)
    client.force_login(rep)
    page = client.get(order.get_absolute_url()).content.decode()
    assert 'id="invoice-button"' in page
    response = client.post(reverse("sales:order_invoice", args=[order.pk]))
    invoice = Invoice.objects.get(order=order)
    assert response.url == invoice.get_absolute_url()
    page = client.get(order.get_absolute_url()).content.decode()
    assert 'id="invoice-link"' in page and 'id="invoice-button"' not in page


def test_the_invoice_page_issues_and_shows_the_number(client, rep):
    invoice = InvoiceFactory(owner=rep)
    client.force_login(rep)
    response = client.post(reverse("sales:invoice_issue", args=[invoice.pk]),
                           {"version": invoice.version}, follow=True)
    page = response.content.decode()
    invoice.refresh_from_db()
    assert invoice.number in page and "issued" in page
    assert 'id="payment-form"' in page and 'id="cancel-button"' in page


def test_deleting_an_issued_invoice_from_its_page_says_why_and_keeps_it(client, rep):
    invoice = issued(rep)
    client.force_login(rep)
    response = client.post(reverse("sales:invoice_delete", args=[invoice.pk]), follow=True)
    assert "cannot be changed" in response.content.decode()
    assert response.redirect_chain[-1][0] == invoice.get_absolute_url()
    invoice.refresh_from_db()
    assert invoice.deleted_at is None


def test_the_order_page_links_only_an_invoice_the_user_may_see(client, rep):
    from clientela.users.models import RolePermission

    order = OrderFactory(owner=rep)
    order_invoice(order=order, user=rep)
    RolePermission.objects.filter(role=rep.role, module="invoices").delete()
    client.force_login(rep)
    page = client.get(order.get_absolute_url()).content.decode()
    assert 'id="invoice-link"' not in page and 'id="invoice-button"' not in page


def test_the_credit_note_link_needs_its_view_grant(client, rep, manager):
    credit = invoice_cancel(user=manager, invoice=issued(rep))
    credited = credit.credited_invoice
    Invoice.objects.filter(pk=credit.pk).update(owner=manager, team=None)
    client.force_login(rep)
    assert 'id="credit-note-link"' not in client.get(credited.get_absolute_url()).content.decode()
    client.force_login(manager)
    assert 'id="credit-note-link"' in client.get(credited.get_absolute_url()).content.decode()
