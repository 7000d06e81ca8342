"""PDFs of quotes: drawn from the default template, with the company, customer and totals."""

import base64
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.company.models import CompanyDetails
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import api_client
from clientela.sales.models import DocumentTemplate
from clientela.sales.services.pdf import render_document_pdf
from clientela.sales.tests.factories import QuoteFactory
from clientela.users.models import FieldPermission

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


def test_pdf_page_answers_the_pdf_to_whoever_may_see_the_quote(client, rep, manager):
    quote = QuoteFactory(owner=rep, subject="Servers")
    client.force_login(manager)

    response = client.get(reverse("sales:quote_pdf", args=[quote.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="quote-{quote.pk}.pdf"'
    assert "Servers" in pdf_text(response.content)


def test_pdf_page_is_a_404_for_a_quote_the_user_may_not_see(client, rep, outsider):
    quote = QuoteFactory(owner=rep)
    client.force_login(outsider)

    assert client.get(reverse("sales:quote_pdf", args=[quote.pk])).status_code == 404


def test_detail_page_links_the_pdf_and_the_email_form(client, rep):
    quote = QuoteFactory(owner=rep)
    client.force_login(rep)

    page = client.get(reverse("sales:quote", args=[quote.pk])).content.decode()

    assert f'href="/quotes/{quote.pk}/pdf/"' in page
    assert f'href="/quotes/{quote.pk}/email/"' in page
    assert "Not emailed yet." in page


def test_detail_page_offers_no_email_to_a_reader(client, rep, reader):
    quote = QuoteFactory(owner=rep)
    client.force_login(reader)

    page = client.get(reverse("sales:quote", args=[quote.pk])).content.decode()

    assert f'href="/quotes/{quote.pk}/pdf/"' in page
    assert f'href="/quotes/{quote.pk}/email/"' not in page
    assert client.get(reverse("sales:quote_email", args=[quote.pk])).status_code == 403


def test_api_answers_the_pdf_as_an_attachment(rep):
    quote = QuoteFactory(owner=rep, subject="Racks")

    response = api_client(rep).get(f"/api/v1/quotes/{quote.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="quote-{quote.pk}.pdf"'
    assert "Racks" in pdf_text(response.content)


def test_api_answers_the_pdf_to_a_client_that_accepts_only_pdf(rep):
    quote = QuoteFactory(owner=rep)

    response = api_client(rep).get(f"/api/v1/quotes/{quote.pk}/pdf/",
                                    HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_api_pdf_is_a_404_for_a_quote_the_user_may_not_see(rep, outsider):
    quote = QuoteFactory(owner=rep)

    response = api_client(outsider).get(f"/api/v1/quotes/{quote.pk}/pdf/")

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF-")


def test_api_pdf_needs_authentication(rep):
    quote = QuoteFactory(owner=rep)

    assert api_client().get(f"/api/v1/quotes/{quote.pk}/pdf/").status_code == 401


def test_pdf_uses_the_default_template_of_its_kind(rep):
    DocumentTemplate.objects.filter(kind="quote").update(is_default=False)
    DocumentTemplate.objects.create(kind="quote", name="Short", is_default=True,
                                    body="<p>Offer {{ document.number }} for {{ account.name }}: "
                                         "{{ document.total }}</p>", css="")
    quote = QuoteFactory(owner=rep, account=AccountFactory(owner=rep, name="Acme"))

    text = pdf_text(render_document_pdf(quote))

    assert f"Offer Q-{quote.pk} for Acme: 121.00" in text


def test_a_template_cannot_reach_model_methods_or_other_files(rep):
    quote = QuoteFactory(owner=rep)
    template = DocumentTemplate(
        kind="quote", name="Probe",
        body="[{{ account.delete }}{{ document.lines.all }}{{ quote.account.pk }}]", css="")

    text = pdf_text(render_document_pdf(quote, template=template))

    assert "[]" in text
    assert Account.objects.filter(pk=quote.account_id).exists()
    assert quote.lines.count() == 1


def png_bytes() -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (40, 20), (44, 82, 130)).save(stream, format="PNG")
    return stream.getvalue()


def test_a_template_loads_images_only_from_data_uris(rep, tmp_path):
    quote = QuoteFactory(owner=rep)
    picture = tmp_path / "picture.png"
    picture.write_bytes(png_bytes())
    inline = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    outside = DocumentTemplate(kind="quote", name="Probe", css="",
                               body=f'<img src="file://{picture}"><p>fine</p>')
    embedded = DocumentTemplate(kind="quote", name="Probe", css="",
                                body=f'<img src="{inline}"><p>fine</p>')

    refused = PdfReader(io.BytesIO(render_document_pdf(quote, template=outside))).pages[0]
    shown = PdfReader(io.BytesIO(render_document_pdf(quote, template=embedded))).pages[0]

    assert "fine" in refused.extract_text()
    assert len(refused.images) == 0
    assert len(shown.images) == 1


def test_the_company_logo_is_printed_in_the_header(rep):
    company = CompanyDetails.load()
    company.logo.save("logo.png", ContentFile(png_bytes()))
    quote = QuoteFactory(owner=rep)

    page = PdfReader(io.BytesIO(render_document_pdf(quote))).pages[0]

    assert len(page.images) == 1


def test_a_pdf_leaves_out_the_fields_the_role_hides(client, rep, manager):
    # Grants are cached on the user object: the rule comes before anything reads them.
    FieldPermission.objects.create(role=rep.role, module="quotes", field="terms",
                                   access="hidden")
    quote = QuoteFactory(owner=manager, terms="Secret discount terms")
    client.force_login(rep)

    page = pdf_text(client.get(reverse("sales:quote_pdf", args=[quote.pk])).content)
    api = pdf_text(api_client(rep).get(f"/api/v1/quotes/{quote.pk}/pdf/").content)
    unhidden = pdf_text(api_client(manager).get(f"/api/v1/quotes/{quote.pk}/pdf/").content)

    assert "Secret discount terms" not in page
    assert "Secret discount terms" not in api
    assert "Secret discount terms" in unhidden
