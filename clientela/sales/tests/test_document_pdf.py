"""PDFs of quotes: drawn from the default template, with the company, customer and totals."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from clientela.accounts.tests.factories import AccountFactory
from clientela.company.models import CompanyDetails
from clientela.contacts.tests.factories import ContactFactory
from clientela.sales.services.pdf import render_document_pdf
from clientela.sales.tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """Return the text of every page of a PDF, the way a reader extracts it."""
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_quote_pdf_prints_company_customer_lines_and_totals(rep):
    company = CompanyDetails.load()
    company.legal_name = "Łódź Żółć Sp. z o.o."
    company.tax_id = "PL1234567890"
    company.save()
    account = AccountFactory(owner=rep, name="北京科技有限公司", billing_city="Peñíscola")
    contact = ContactFactory(owner=rep, first_name="伟", last_name="王")
    quote = QuoteFactory(owner=rep, account=account, contact=contact, subject="Año nuevo",
                         lines=[{"description": "Consulting", "quantity": "3",
                                 "unit_price": "1234.50", "tax_rate": "21"}])
    assert quote.total == Decimal("4481.24")

    text = pdf_text(render_document_pdf(quote))

    assert f"Quote Q-{quote.pk}" in text
    assert "Año nuevo" in text
    assert "北京科技有限公司" in text
    assert "伟 王" in text
    assert "Peñíscola" in text
    assert "Łódź Żółć Sp. z o.o." in text
    assert "3,703.50\u00a0EUR" in text or "3,703.50 EUR" in text
    assert "4,481.24" in text
    assert "Page 1 of 1" in text
