"""Emailing a quote's PDF through a real SMTP server on loopback: pages, API, consent, and a
mail server that fails."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clientela.contacts.choices import ConsentChannel, ConsentStatus
from clientela.contacts.models import Consent, ContactEmail
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.models import ObjectChange
from clientela.core.testing.api import api_client
from clientela.sales.choices import QuoteStatus
from clientela.sales.models import DocumentEmail
from clientela.sales.services.document_emails import document_email_defaults
from clientela.sales.tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote(rep):
    contact = ContactFactory(owner=rep, first_name="Zofia", last_name="Wójcik",
                             email="zofia@example.com")
    ContactEmail.objects.create(contact=contact, email="zofia@example.com", is_primary=True)
    return QuoteFactory(owner=rep, contact=contact, subject="Świąteczna oferta")


def pdf_attachment(message):
    """Return the (file name, PDF bytes) of the message's one PDF attachment."""
    parts = [part for part in message.iter_attachments()
             if part.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    return parts[0].get_filename(), parts[0].get_content()


def test_email_form_starts_with_the_contacts_address_and_the_kinds_subject(client, rep, quote):
    client.force_login(rep)

    response = client.get(reverse("sales:quote_email", args=[quote.pk]))

    form = response.context["form"]
    assert form["to"].value() == "zofia@example.com"
    assert form["subject"].value() == f"Quote Q-{quote.pk}: Świąteczna oferta"
    assert "Dear Zofia Wójcik" in form["message"].value()
    assert "121.00" in form["message"].value()
    assert form["message"].value().endswith(
        f"Kind regards,\n{rep.get_full_name() or rep.username}")


def test_sending_from_the_page_mails_the_pdf_marks_the_quote_sent_and_logs_it(
        client, rep, quote, smtp):
    client.force_login(rep)

    response = client.post(reverse("sales:quote_email", args=[quote.pk]), {
        "to": "zofia@example.com, buyer@example.com", "cc": "boss@example.com",
        "subject": "Our offer", "message": "Please find it attached."})

    assert response.status_code == 302
    [mail] = smtp.received
    assert sorted(mail.recipients) == ["boss@example.com", "buyer@example.com",
                                       "zofia@example.com"]
    assert mail.message["Subject"] == "Our offer"
    assert mail.message["From"] == "sales@clientela.example"
    assert mail.message["Cc"] == "boss@example.com"
    assert mail.message["Reply-To"] == rep.email != ""
    filename, content = pdf_attachment(mail.message)
    assert filename == f"quote-{quote.pk}.pdf"
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Świąteczna oferta" in text
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT
    entry = DocumentEmail.objects.get()
    assert (entry.kind, entry.document_id, entry.to, entry.cc, entry.subject,
            entry.attachment_name, entry.sent_by) == (
        "quote", quote.pk, ["zofia@example.com", "buyer@example.com"], ["boss@example.com"],
        "Our offer", f"quote-{quote.pk}.pdf", rep)
    change = ObjectChange.objects.filter(object_id=quote.pk, changes__has_key="emailed").get()
    assert "Our offer" in change.changes["emailed"][1]
    page = client.get(reverse("sales:quote", args=[quote.pk])).content.decode()
    assert "Our offer" in page and "buyer@example.com" in page
    history = client.get(reverse("sales:quote_history", args=[quote.pk])).content.decode()
    assert "Our offer, to zofia@example.com, buyer@example.com, boss@example.com" in history


def test_emailing_a_sent_quote_again_keeps_its_status(rep, quote, smtp):
    api_client(rep).post(f"/api/v1/quotes/{quote.pk}/send/", {}, format="json")
    quote.refresh_from_db()
    sent_on = quote.sent_on

    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/",
                                    {"to": ["zofia@example.com"]}, format="json")

    assert response.status_code == 201, response.json()
    quote.refresh_from_db()
    assert (quote.status, quote.sent_on) == (QuoteStatus.SENT, sent_on)
    assert len(smtp.received) == 1


def test_api_sends_with_the_defaults_and_answers_the_log_entry(rep, quote, smtp):
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/", {}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["to"] == ["zofia@example.com"]
    assert body["subject"] == f"Quote Q-{quote.pk}: Świąteczna oferta"
    assert body["attachment_name"] == f"quote-{quote.pk}.pdf"
    assert body["document"] == quote.pk and body["sent_by"] == rep.pk
    [mail] = smtp.received
    assert mail.recipients == ["zofia@example.com"]
    assert mail.message["Subject"] == f"Quote Q-{quote.pk}: Świąteczna oferta"
    filename, content = pdf_attachment(mail.message)
    assert content.startswith(b"%PDF-")


def test_api_refuses_bad_addresses_naming_the_field(rep, quote, smtp):
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/", {
        "to": ["not-an-address"], "cc": ["ok@example.com", "bad@"], "subject": "Offer"},
        format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["to"] == ["not-an-address is not an email address."]
    assert errors["cc"] == ["bad@ is not an email address."]
    assert smtp.received == [] and not DocumentEmail.objects.exists()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT


def test_api_refuses_a_subject_on_several_lines(rep, quote, smtp):
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/", {
        "to": ["a@example.com"], "subject": "Offer\nBcc: x@example.com"}, format="json")

    assert response.status_code == 400
    assert "subject" in response.json()["errors"]
    assert smtp.received == []


def test_a_contact_who_opted_out_of_email_is_refused_unless_another_address_is_typed(
        rep, quote, smtp):
    Consent.objects.create(contact=quote.contact, channel=ConsentChannel.EMAIL,
                           status=ConsentStatus.OPTED_OUT, at=timezone.now())
    client = api_client(rep)

    refused = client.post(f"/api/v1/quotes/{quote.pk}/email/",
                          {"to": ["Zofia@Example.com"]}, format="json")
    accepted = client.post(f"/api/v1/quotes/{quote.pk}/email/",
                           {"to": ["purchasing@example.com"]}, format="json")

    assert refused.status_code == 400
    assert refused.json()["errors"]["to"] == [
        "The contact does not want to be emailed; type another address."]
    assert accepted.status_code == 201
    assert [mail.recipients for mail in smtp.received] == [["purchasing@example.com"]]


def test_a_do_not_contact_contact_gets_no_default_address(client, rep, quote):
    quote.contact.do_not_contact = True
    quote.contact.save()
    client.force_login(rep)

    page = client.get(reverse("sales:quote_email", args=[quote.pk]))
    refused = client.post(reverse("sales:quote_email", args=[quote.pk]), {
        "to": "zofia@example.com", "subject": "Offer"})

    assert page.context["form"]["to"].value() == ""
    assert refused.status_code == 400
    assert refused.context["form"].errors["to"] == [
        "The contact does not want to be emailed; type another address."]
    assert not DocumentEmail.objects.exists()


def test_a_failing_mail_server_logs_nothing_and_leaves_the_quote_a_draft(
        client, rep, quote, closed_smtp):
    client.force_login(rep)

    page = client.post(reverse("sales:quote_email", args=[quote.pk]), {
        "to": "zofia@example.com", "subject": "Offer"})
    api = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/",
                               {"to": ["zofia@example.com"]}, format="json")

    assert page.status_code == 400
    assert "The email could not be sent" in page.content.decode()
    assert api.status_code == 502
    assert api.json()["code"] == "send_failed"
    assert not DocumentEmail.objects.exists()
    assert not ObjectChange.objects.filter(object_id=quote.pk,
                                           changes__has_key="emailed").exists()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT


def test_email_needs_the_edit_permission_and_hides_quotes_the_user_may_not_see(
        rep, reader, outsider, quote, smtp):
    hidden = api_client(outsider).post(f"/api/v1/quotes/{quote.pk}/email/",
                                       {"to": ["a@example.com"]}, format="json")
    read_only = api_client(reader).post(f"/api/v1/quotes/{quote.pk}/email/",
                                        {"to": ["a@example.com"]}, format="json")

    assert hidden.status_code == 404
    assert read_only.status_code == 403
    assert smtp.received == [] and not DocumentEmail.objects.exists()


def test_a_quote_without_lines_cannot_be_emailed_as_sent(rep, smtp):
    quote = QuoteFactory(owner=rep, lines=[])

    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/",
                                    {"to": ["a@example.com"]}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "no_lines"
    assert smtp.received == [] and not DocumentEmail.objects.exists()


def test_a_quote_without_contact_starts_with_no_address_and_a_general_greeting(rep):
    quote = QuoteFactory(owner=rep)

    defaults = document_email_defaults(quote, rep)

    assert defaults["to"] == []
    assert defaults["message"].startswith("Dear Sir or Madam,")
    response = api_client(rep).post(f"/api/v1/quotes/{quote.pk}/email/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["to"] == ["Give at least one address to send to."]
