"""Invoices and credit notes as PDF, from the shipped template, and emailed to the customer
through a real SMTP server on loopback."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from clientela.company.models import CompanyDetails
from clientela.contacts.models import ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import api_client
from clientela.sales.services.invoices import invoice_cancel, invoice_issue, payment_record
from clientela.sales.tests.factories import InvoiceFactory

pytestmark = pytest.mark.django_db

IBAN = "IBAN ES91 2100 0418 4502 0005 1332"


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture(autouse=True)
def bank_details(db):
    company = CompanyDetails.load()
    company.legal_name = "Clientela Iberia S.L."
    company.bank_details = IBAN
    company.save()


@pytest.fixture
def invoice(rep):
    contact = ContactFactory(owner=rep, first_name="Lucía", last_name="Núñez",
                             email="lucia@example.com")
    ContactEmail.objects.create(contact=contact, email="lucia@example.com", is_primary=True)
    draft = InvoiceFactory(owner=rep, contact=contact, subject="Mantenimiento anual")
    return invoice_issue(user=rep, invoice=draft)


def test_an_issued_invoice_prints_its_number_totals_and_how_to_pay(rep, invoice):
    response = api_client(rep).get(f"/api/v1/invoices/{invoice.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Invoice 2026-00001" in text
    assert "Mantenimiento anual" in text and "Lucía Núñez" in text
    assert "121.00" in text and "Amount due" not in text
    assert IBAN in text and "Please pay 121.00" in text


def test_a_partly_paid_invoice_prints_what_is_still_due(rep, invoice):
    payment_record(user=rep, invoice=invoice, amount="21.00")
    text = pdf_text(api_client(rep).get(f"/api/v1/invoices/{invoice.pk}/pdf/").content)
    assert "Paid" in text and "Amount due" in text and "100.00" in text
    assert "Please pay 100.00" in text


def test_a_paid_invoice_asks_for_no_payment(rep, invoice):
    payment_record(user=rep, invoice=invoice, amount="121.00")
    text = pdf_text(api_client(rep).get(f"/api/v1/invoices/{invoice.pk}/pdf/").content)
    assert "Please pay" not in text


def test_a_credit_note_prints_as_one_and_names_the_invoice_it_takes_back(rep, invoice):
    credit = invoice_cancel(user=rep, invoice=invoice)
    text = pdf_text(api_client(rep).get(f"/api/v1/invoices/{credit.pk}/pdf/").content)
    assert "Credit note CN-" in text
    assert "2026-00001" in text and "-121.00" in text.replace("−", "-")
    assert "Please pay" not in text


def test_the_pdf_is_404_for_whoever_may_not_see_the_invoice(client, rep, outsider, invoice):
    assert api_client(outsider).get(f"/api/v1/invoices/{invoice.pk}/pdf/").status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("sales:invoice_pdf", args=[invoice.pk])).status_code == 404
    client.force_login(rep)
    page = client.get(reverse("sales:invoice_pdf", args=[invoice.pk]))
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"


def test_an_invoice_is_emailed_with_its_pdf(rep, invoice, smtp):
    status = invoice.status
    response = api_client(rep).post(f"/api/v1/invoices/{invoice.pk}/email/", {},
                                    format="json")
    assert response.status_code == 201, response.json()
    [mail] = smtp.received
    assert mail.recipients == ["lucia@example.com"]
    assert mail.message["Subject"] == "Invoice 2026-00001: Mantenimiento anual"
    [attachment] = [part for part in mail.message.iter_attachments()
                    if part.get_content_type() == "application/pdf"]
    assert "Invoice 2026-00001" in pdf_text(attachment.get_content())
    invoice.refresh_from_db()
    assert invoice.status == status
