"""PDFs of sales documents (quotes, invoices) drawn from the administrators' templates.

A kind of document is declared once with `register_printed_document`; from then on it has a
PDF, a page and an API endpoint for it, and can be emailed. Templates are rendered with a
context of plain dicts, lists and strings built here, never model instances, so a template
cannot reach a model's methods or relations.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template import Context, Engine, Library, TemplateSyntaxError
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from clientela.company.selectors import company_snapshot
from clientela.core.exceptions import ApplicationError
from clientela.core.permissions import hidden_fields, restrict
from clientela.core.registry import module_for_model

from ..choices import DocumentErrorCode, DocumentKind
from ..models import DocumentTemplate
from ..money import format_money

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "templates" / "sales" / "pdf"

# A template may use the built-in tags and filters only, less those that reach beyond the
# context: {% debug %} prints the loaded modules, {% load %}, {% include %} and {% extends %}
# would read other libraries and files (and there is no loader for them anyway). Debug mode
# makes errors carry the line they come from.
UNSAFE_TAGS = frozenset({"debug", "load", "include", "extends", "url"})


def _document_engine() -> Engine:
    engine = Engine(debug=True, loaders=[], libraries={}, autoescape=True)
    allowed = Library()
    for library in engine.template_builtins:
        allowed.tags.update({name: tag for name, tag in library.tags.items()
                             if name not in UNSAFE_TAGS})
        allowed.filters.update(library.filters)
    engine.template_builtins = [allowed]
    return engine


ENGINE = _document_engine()


@dataclass(frozen=True)
class PrintedDocument:
    """How one kind of sales document prints and is emailed.

    Attributes:
        kind: a `DocumentKind`.
        model: the document's model (lines under `lines`, totals from `DocumentTotals`).
        number: returns the number the document is known by ("Q-12", "2026-0001").
        facts: returns the kind's own fields for the template (dates, terms, payments), as
            strings.
        email_subject, email_message: what an email of the document says by default; they
            may use %(number)s, %(subject)s, %(company)s, %(total)s, %(contact)s and
            %(sender)s (the user sending).
        on_emailed: called with (user, document) in the sending's transaction, e.g. to mark a
            draft quote sent.
    """

    kind: str
    model: type[models.Model]
    number: Callable[[Any], str]
    facts: Callable[[Any], dict[str, Any]]
    email_subject: str | Promise
    email_message: str | Promise
    on_emailed: Callable[[Any, Any], None] | None = None
    related: tuple[str, ...] = field(default=("account", "contact", "currency", "owner"))

    def filename(self, document) -> str:
        """Return the attachment's file name: `<kind>-<id>.pdf`."""
        return f"{self.kind}-{document.pk}.pdf"


_printed: dict[str, PrintedDocument] = {}


def register_printed_document(printed: PrintedDocument) -> PrintedDocument:
    """Declare how a kind of document prints; return the declaration."""
    _printed[printed.kind] = printed
    return printed


def printed_document(kind_or_document) -> PrintedDocument:
    """Return the declaration for a kind (a string) or a document (an instance)."""
    if isinstance(kind_or_document, str):
        return _printed[kind_or_document]
    for printed in _printed.values():
        if isinstance(kind_or_document, printed.model):
            return printed
    raise LookupError(f"{type(kind_or_document).__name__} has no printed form.")


def default_template_text(kind: str) -> tuple[str, str]:
    """Return the body and CSS the project ships for `kind`, which "Restore default" puts
    back."""
    body = (DEFAULTS_DIR / f"{kind}.html").read_text(encoding="utf-8")
    css = (DEFAULTS_DIR / "document.css").read_text(encoding="utf-8")
    return body, css


def template_for(kind: str) -> DocumentTemplate:
    """Return the kind's default template, or an unsaved one with the shipped text when the
    administrators left the kind without one."""
    template = DocumentTemplate.objects.filter(kind=kind, is_default=True,
                                               is_active=True).first()
    if template is None:
        body, css = default_template_text(kind)
        template = DocumentTemplate(kind=kind, name=str(DocumentKind(kind).label), body=body,
                                    css=css, is_default=True)
    return template


# The context: plain values only.

def print_date(value: datetime.date | None) -> str:
    """Return a date as documents print it, in the active language ('' for none)."""
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return formats.number_format(value.normalize() if value == value.to_integral() else value,
                                 use_l10n=True, force_grouping=True)


def _percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{formats.number_format(value.normalize(), use_l10n=True)} %"


def _address(prefix: str, record) -> list[str]:
    def part(name: str) -> str:
        return getattr(record, f"{prefix}{name}", "") or ""

    town = " ".join(item for item in (part("postal_code"), part("city")) if item)
    return [line for line in (part("street"), town, part("region"), part("country")) if line]


def _account(account) -> dict[str, Any]:
    if account is None:
        return {"name": "", "address_lines": [], "email": "", "phone": ""}
    return {"name": account.name, "address_lines": _address("billing_", account),
            "email": account.email, "phone": account.phone}


def _contact(contact) -> dict[str, Any] | None:
    if contact is None:
        return None
    return {"name": contact.full_name, "first_name": contact.first_name,
            "last_name": contact.last_name, "title": contact.title, "email": contact.email,
            "phone": contact.phone, "address_lines": _address("", contact)}


def _lines(document, currency: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(document.lines.select_related("product"), start=1):
        product = line.product
        discount = (_percent(line.discount_percent) if line.discount_percent is not None
                    else format_money(line.discount_amount, currency)
                    if line.discount_amount is not None else "")
        rows.append({
            "number": number,
            "description": line.description,
            "sku": product.sku if product is not None else "",
            "unit": product.get_unit_display() if product is not None else "",
            "quantity": _number(line.quantity),
            "unit_price": format_money(line.unit_price, currency),
            "discount_label": discount,
            "discount": format_money(line.line_discount, currency),
            "tax_rate": _percent(line.tax_rate),
            "subtotal": format_money(line.line_subtotal, currency),
            "tax": format_money(line.line_tax, currency),
            "total": format_money(line.line_total, currency),
        })
    return rows


# The printed values named otherwise than the fields they show.
PRINTED_FIELDS = {"discount": "discount_total", "has_discount": "discount_total",
                  "tax": "tax_total", "date": "created_at"}


def document_print_context(document, user=None) -> dict[str, Any]:
    """Return what a document's template is rendered with: `company`, `document`,
    `account`, `contact` (or None) and `lines`, all plain strings, lists and dicts.

    Fields the `user`'s role hides in the document's module are left empty, so a PDF shows
    no more than the document's page.
    """
    printed = printed_document(document)
    currency = document.currency_id
    owner = document.owner
    values = {
        "kind": printed.kind,
        "kind_label": str(DocumentKind(printed.kind).label),
        "id": document.pk,
        "number": printed.number(document),
        "subject": getattr(document, "subject", ""),
        "date": print_date(document.created_at.date() if document.created_at else None),
        "currency": currency,
        "owner": (owner.get_full_name() or owner.username) if owner else "",
        "subtotal": format_money(document.subtotal, currency),
        "discount": format_money(document.discount_total, currency),
        "has_discount": bool(document.discount_total),
        "tax": format_money(document.tax_total, currency),
        "total": format_money(document.total, currency),
    }
    values.update(printed.facts(document))
    module = module_for_model(type(document))
    hidden = hidden_fields(user, module.slug) if user is not None and module else frozenset()
    for key in values:
        if PRINTED_FIELDS.get(key, key) in hidden:
            values[key] = False if key == "has_discount" else ""
    return {
        "company": company_snapshot(),
        "document": values,
        "account": _account(None if "account" in hidden else document.account),
        "contact": _contact(None if "contact" in hidden else document.contact),
        "lines": [] if "lines" in hidden else _lines(document, currency),
    }


def sample_print_context(kind: str) -> dict[str, Any]:
    """Return a made-up context of `kind`, to check a template when no document exists."""
    line = {"number": 1, "description": "Consulting", "sku": "SRV-1", "unit": "hour",
            "quantity": "2", "unit_price": "50.00 EUR", "discount_label": "",
            "discount": "0.00 EUR", "tax_rate": "21 %", "subtotal": "100.00 EUR",
            "tax": "21.00 EUR", "total": "121.00 EUR"}
    return {
        "company": company_snapshot(),
        "document": {"kind": kind, "kind_label": str(DocumentKind(kind).label), "id": 1,
                     "number": "0001", "subject": "Sample",
                     "date": print_date(datetime.date.today()),
                     "currency": "EUR", "owner": "", "subtotal": "100.00 EUR",
                     "discount": "0.00 EUR", "has_discount": False, "tax": "21.00 EUR",
                     "total": "121.00 EUR", "terms": "", "valid_until": "", "due_date": "",
                     "paid": "", "amount_due": "121.00 EUR", "is_due": True,
                     "credited_invoice": "", "order": "", "status": ""},
        "account": {"name": "Sample customer", "address_lines": ["1 Sample street"],
                    "email": "", "phone": ""},
        "contact": None,
        "lines": [line],
    }


# Rendering.

def _error_text(error: Exception) -> str:
    """Return an error of a template with the line it is on, when Django tells it."""
    debug = getattr(error, "template_debug", None)
    message = str(error) or type(error).__name__
    if debug and debug.get("line"):
        return _("Line %(line)d: %(message)s") % {"line": debug["line"], "message": message}
    return message


def render_template_html(body: str, css: str, context: dict[str, Any]) -> str:
    """Return the HTML page of a template's body rendered with `context`.

    Raises ValidationError on `body` naming the line when the template does not compile or
    fails to render.
    """
    try:
        compiled = ENGINE.from_string(body)
    except TemplateSyntaxError as error:
        raise ValidationError({"body": _error_text(error)}, code="template_syntax") from None
    try:
        content = compiled.render(Context(context, autoescape=True))
    except Exception as error:
        # Whatever a template does wrong is the editor's to fix, never a server error.
        raise ValidationError({"body": _error_text(error)}, code="template_render") from None
    style = css.replace("</", "<\\/")
    language = translation.get_language() or "en"
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<style>{style}</style></head><body>{content}</body></html>")


def html_to_pdf(html: str) -> bytes:
    """Return the PDF of an HTML page that may embed `data:` images and nothing else."""
    # Imported here: loading WeasyPrint loads Pango, which only the PDF paths need.
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_document_pdf(document, template: DocumentTemplate | None = None,
                        user=None) -> bytes:
    """Return the PDF of a quote or invoice, drawn with its kind's default template (or
    `template`), without the fields `user`'s role hides."""
    printed = printed_document(document)
    template = template or template_for(printed.kind)
    context = document_print_context(document, user=user)
    return html_to_pdf(render_template_html(template.body, template.css, context))


def latest_document(kind: str, user):
    """Return the newest document of `kind` the user may see, or None."""
    printed = printed_document(kind)
    queryset = printed.model.objects.select_related(*printed.related).order_by(
        "-created_at", "-pk")
    return restrict(queryset, user, "view").first()


def document_template_preview(*, template: DocumentTemplate, user) -> tuple[bytes, str]:
    """Return the PDF of an (unsaved) template drawn for the newest document of its kind,
    with the attachment name. Raises ValidationError on `body` for a broken template and
    ApplicationError when there is no document of the kind yet."""
    if template.kind not in _printed:
        raise ApplicationError(DocumentErrorCode.NO_DOCUMENT.label,
                               code=DocumentErrorCode.NO_DOCUMENT, field="kind")
    document = latest_document(template.kind, user)
    if document is None:
        raise ApplicationError(DocumentErrorCode.NO_DOCUMENT.label,
                               code=DocumentErrorCode.NO_DOCUMENT, field="kind")
    return (render_document_pdf(document, template=template, user=user),
            printed_document(document).filename(document))


# Templates' writes.

def document_template_check(template: DocumentTemplate) -> None:
    """Refuse a template that does not compile or render (ValidationError on `body` with the
    line), tried on the newest document of its kind, else on a made-up one."""
    printed = _printed.get(template.kind)
    document = None
    if printed is not None:
        document = printed.model.objects.select_related(*printed.related).order_by(
            "-created_at", "-pk").first()
    context = (document_print_context(document) if document is not None
               else sample_print_context(template.kind))
    render_template_html(template.body, template.css, context)


def document_template_save(*, template: DocumentTemplate) -> DocumentTemplate:
    """Save a template once it compiles and renders; making it the default of its kind takes
    that from the previous one. Raises ValidationError naming the field."""
    if template.is_default and not template.is_active:
        raise ValidationError({"is_active": DocumentErrorCode.DEFAULT_INACTIVE.label},
                              code=DocumentErrorCode.DEFAULT_INACTIVE)
    document_template_check(template)
    with transaction.atomic():
        if template.is_default:
            # Taken from the previous default first, so the one-default constraint holds.
            DocumentTemplate.objects.filter(kind=template.kind, is_default=True).exclude(
                pk=template.pk).update(is_default=False)
        template.full_clean()
        template.save()
    return template


def document_template_restore(*, template: DocumentTemplate) -> DocumentTemplate:
    """Put the shipped body and CSS of the template's kind back into it; return it."""
    template.body, template.css = default_template_text(template.kind)
    template.save(update_fields=["body", "css", "updated_at"])
    return template


def document_template_delete(*, template: DocumentTemplate) -> None:
    """Delete a template that is not the default of its kind."""
    if template.is_default:
        raise ApplicationError(DocumentErrorCode.DEFAULT_DELETE.label,
                               code=DocumentErrorCode.DEFAULT_DELETE)
    template.delete()
