"""A quote's PDF and email in a real Chromium, against a real SMTP server on loopback.

Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.browser import sign_in
from clientela.core.testing.smtp import smtp_server
from clientela.sales.models import DocumentTemplate, Quote
from clientela.sales.tests.factories import QuoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp(settings):
    with smtp_server() as (port, collector):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        yield collector


def test_a_quote_is_opened_as_pdf_and_sent_by_email(page, admin_user, smtp, screenshot):
    contact = ContactFactory(owner=admin_user, first_name="Li", last_name="Wei",
                             email="li.wei@example.cn")
    quote = QuoteFactory(owner=admin_user, contact=contact, subject="Warehouse scanners")
    sign_in(page, "admin")
    page.goto(quote.get_absolute_url())

    pdf = page.request.get(f"/quotes/{quote.pk}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    page.get_by_role("link", name="Send by email").click()
    expect(page.get_by_label("To", exact=True)).to_have_value("li.wei@example.cn")
    expect(page.get_by_label("Subject")).to_have_value(f"Quote Q-{quote.pk}: Warehouse scanners")
    page.get_by_label("Cc").fill("manager@example.com")
    screenshot("sales-quote-email-01-form")
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_url(quote.get_absolute_url())
    expect(page.locator("#document-emails")).to_contain_text("manager@example.com")
    screenshot("sales-quote-email-02-sent")
    assert Quote.objects.get(pk=quote.pk).status == "sent"
    [mail] = smtp.received
    assert sorted(mail.recipients) == ["li.wei@example.cn", "manager@example.com"]
    assert mail.message["From"] == settings.DEFAULT_FROM_EMAIL


def test_an_administrator_edits_a_template_and_sees_the_line_of_an_error(page, admin_user,
                                                                        screenshot):
    DocumentTemplate.objects.filter(kind="quote").update(is_default=False)
    DocumentTemplate.objects.create(kind="quote", name="House style", is_default=True,
                                    body="<p>{{ document.number }}</p>", css="")
    sign_in(page, "admin")
    page.goto("/document-templates/")
    page.get_by_role("link", name="House style").click()

    page.get_by_label("Body").fill("<p>ok</p>\n{% if document.total %}")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#id_body_error")).to_contain_text("Line 2:")
    screenshot("sales-document-template-01-error")
    assert DocumentTemplate.objects.get(name="House style").body == "<p>{{ document.number }}</p>"
