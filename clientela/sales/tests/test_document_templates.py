"""The administrators' document templates: seeded defaults, refusing broken templates with
their line, the preview and restoring the shipped default."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from clientela.company.models import CompanyDetails
from clientela.sales.models import DocumentTemplate
from clientela.sales.services.pdf import (
    default_template_text,
    document_template_save,
    html_to_pdf,
    render_template_html,
    sample_print_context,
    template_for,
)
from clientela.sales.tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db

BROKEN = "<h1>{{ document.number }}</h1>\n<p>ok</p>\n{% if document.total %}\n<p>open</p>\n"


def test_the_migration_seeds_one_active_default_per_kind():
    defaults = DocumentTemplate.objects.filter(is_default=True, is_active=True)

    assert sorted(defaults.values_list("kind", "name")) == [
        ("invoice", "Standard invoice"), ("quote", "Standard quote")]
    invoice = defaults.get(kind="invoice")
    assert "company.bank_details" in invoice.body
    assert "counter(pages)" in invoice.css


def test_a_template_that_does_not_compile_is_refused_with_its_line():
    template = DocumentTemplate(kind="quote", name="Broken", body=BROKEN, css="")

    with pytest.raises(ValidationError) as refused:
        document_template_save(template=template)

    [message] = refused.value.message_dict["body"]
    assert message.startswith("Line 3: ")
    assert "endif" in message
    assert not DocumentTemplate.objects.filter(name="Broken").exists()


def test_a_template_that_fails_to_render_is_refused_with_its_line(rep):
    QuoteFactory(owner=rep)
    template = DocumentTemplate(kind="quote", name="Divides by zero", css="",
                                body="<p>one</p>\n{{ 5|divisibleby:0 }}")

    with pytest.raises(ValidationError) as refused:
        document_template_save(template=template)

    assert refused.value.message_dict["body"][0].startswith("Line 2: ")


def test_a_template_may_not_load_tag_libraries():
    template = DocumentTemplate(kind="quote", name="Loader", css="",
                                body="{% load static %}<p>{% static 'x' %}</p>")

    with pytest.raises(ValidationError) as refused:
        document_template_save(template=template)

    assert refused.value.message_dict["body"][0].startswith("Line 1: ")


def test_making_a_template_the_default_takes_it_from_the_previous_one():
    template = DocumentTemplate(kind="quote", name="Compact", body="<p>{{ document.number }}</p>",
                                css="", is_default=True)

    document_template_save(template=template)

    assert list(DocumentTemplate.objects.filter(kind="quote", is_default=True)) == [template]
    assert template_for("quote") == template
    assert DocumentTemplate.objects.get(kind="invoice", is_default=True).name == (
        "Standard invoice")


def test_the_default_must_stay_active():
    template = DocumentTemplate.objects.get(kind="quote", is_default=True)
    template.is_active = False

    with pytest.raises(ValidationError) as refused:
        document_template_save(template=template)

    assert "is_active" in refused.value.message_dict


def test_edit_page_refuses_a_broken_template_with_its_line_and_keeps_the_old_one(
        client, admin_user):
    template = DocumentTemplate.objects.get(kind="quote", is_default=True)
    before = template.body
    client.force_login(admin_user)

    response = client.post(reverse("sales:document_template_edit", args=[template.pk]), {
        "name": template.name, "is_active": "on", "is_default": "on", "body": BROKEN,
        "css": template.css, "save": "1"})

    assert response.status_code == 400
    assert response.context["form"].errors["body"][0].startswith("Line 3: ")
    template.refresh_from_db()
    assert template.body == before


def test_edit_page_saves_a_new_name_and_body(client, admin_user):
    template = DocumentTemplate.objects.get(kind="quote", is_default=True)
    client.force_login(admin_user)

    response = client.post(reverse("sales:document_template_edit", args=[template.pk]), {
        "name": "House style", "is_active": "on", "is_default": "on",
        "body": "<p>{{ document.subject }}</p>", "css": "p { color: red; }", "save": "1"})

    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.name, template.body) == ("House style", "<p>{{ document.subject }}</p>")


def test_preview_draws_the_unsaved_template_for_the_newest_quote(client, admin_user, rep):
    QuoteFactory(owner=rep, subject="Older")
    QuoteFactory(owner=rep, subject="Newest offer")
    template = DocumentTemplate.objects.get(kind="quote", is_default=True)
    before = template.body
    client.force_login(admin_user)

    response = client.post(reverse("sales:document_template_edit", args=[template.pk]), {
        "name": template.name, "is_active": "on", "is_default": "on",
        "body": "<p>Preview of {{ document.subject }}</p>", "css": "", "preview": "1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Preview of Newest offer" in text
    template.refresh_from_db()
    assert template.body == before


def test_preview_without_any_document_of_the_kind_says_so(client, admin_user):
    template = DocumentTemplate.objects.get(kind="invoice", is_default=True)
    client.force_login(admin_user)

    response = client.post(reverse("sales:document_template_edit", args=[template.pk]), {
        "name": template.name, "is_active": "on", "is_default": "on", "body": template.body,
        "css": template.css, "preview": "1"})

    assert response.status_code == 400
    assert "There is no document of this kind to preview yet." in response.content.decode()


def test_restore_default_puts_the_shipped_text_back(client, admin_user):
    template = DocumentTemplate.objects.get(kind="quote", is_default=True)
    template.body, template.css = "<p>mine</p>", ""
    template.save()
    client.force_login(admin_user)

    response = client.post(reverse("sales:document_template_restore", args=[template.pk]))

    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.body, template.css) == default_template_text("quote")


def test_new_template_page_starts_from_the_shipped_text_of_its_kind(client, admin_user):
    client.force_login(admin_user)

    response = client.get(reverse("sales:document_template_create") + "?kind=invoice")

    assert response.status_code == 200
    assert response.context["form"]["body"].value() == default_template_text("invoice")[0]


def test_the_default_template_cannot_be_deleted_but_another_can(client, admin_user):
    default = DocumentTemplate.objects.get(kind="quote", is_default=True)
    other = DocumentTemplate.objects.create(kind="quote", name="Spare", body="<p></p>")
    client.force_login(admin_user)

    refused = client.post(reverse("sales:document_template_delete", args=[default.pk]))
    deleted = client.post(reverse("sales:document_template_delete", args=[other.pk]))

    assert refused.status_code == 400
    assert DocumentTemplate.objects.filter(pk=default.pk).exists()
    assert deleted.status_code == 302
    assert not DocumentTemplate.objects.filter(pk=other.pk).exists()


def test_template_pages_are_for_administrators_only(client, manager):
    client.force_login(manager)

    assert client.get(reverse("sales:document_template_list")).status_code == 403
    assert client.get(reverse("sales:document_template_create")).status_code == 403


def test_list_page_shows_the_templates_in_the_admin_tabs(client, admin_user):
    client.force_login(admin_user)

    page = client.get(reverse("sales:document_template_list")).content.decode()

    assert "Standard quote" in page and "Standard invoice" in page
    assert reverse("company:company_edit") in page


@pytest.mark.parametrize("tag", ["{% debug %}", "{% include 'base.html' %}",
                                 "{% url 'core:home' %}", "{% load static %}"])
def test_tags_that_reach_beyond_the_context_are_refused(tag):
    template = DocumentTemplate(kind="quote", name="Probe", css="", body=f"<p>x</p>\n{tag}")

    with pytest.raises(ValidationError) as refused:
        document_template_save(template=template)

    assert refused.value.message_dict["body"][0].startswith("Line 2: Invalid block tag")


def test_the_shipped_invoice_template_prints_the_amount_due_and_bank_details():
    company = CompanyDetails.load()
    company.legal_name = "Nordic Parts AB"
    company.bank_details = "IBAN SE45 5000 0000 0583 9825 7466"
    company.save()
    body, css = default_template_text("invoice")
    context = sample_print_context("invoice")
    context["document"].update({"number": "2026-0001", "due_date": "Jan. 31, 2026",
                                "paid": "21.00 EUR", "amount_due": "100.00 EUR"})

    pdf = html_to_pdf(render_template_html(body, css, context))

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Invoice 2026-0001" in text
    assert "Amount due" in text and "100.00 EUR" in text
    assert "IBAN SE45 5000 0000 0583 9825 7466" in text
    assert "Page 1 of 1" in text
