"""Emailing a sales document's PDF, and the log of what was sent."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from clientela.company.models import CompanyDetails
from clientela.contacts.choices import ConsentChannel, ConsentStatus
from clientela.core.exceptions import PermissionDeniedError
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict

from ..choices import DocumentErrorCode
from ..exceptions import EmailSendError
from ..models import DocumentEmail
from ..money import format_money
from .pdf import printed_document, render_document_pdf

SUBJECT_MAX_LENGTH = 250
RECIPIENTS_MAX = 50


def _addresses(values: Iterable[str] | str | None, name: str,
               errors: dict[str, list[str]]) -> list[str]:
    """Return the distinct addresses of `values` (a list, or text split on commas and
    semicolons), noting each invalid one under `name`."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.replace(";", ",").split(",")
    found: list[str] = []
    for value in values:
        address = str(value).strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            errors.setdefault(name, []).append(
                _("%(address)s is not an email address.") % {"address": address})
            continue
        if address.lower() not in {item.lower() for item in found}:
            found.append(address)
    return found


def contact_refuses_email(contact) -> bool:
    """Return whether a contact asked not to be contacted or opted out of email."""
    if contact is None:
        return False
    if contact.do_not_contact:
        return True
    return contact.consents.filter(channel=ConsentChannel.EMAIL,
                                   status=ConsentStatus.OPTED_OUT).exists()


def _contact_addresses(contact) -> set[str]:
    addresses = {address.lower() for address in
                 contact.emails.values_list("email", flat=True)}
    if contact.email:
        addresses.add(contact.email.lower())
    return addresses


def document_email_defaults(document, user=None) -> dict[str, Any]:
    """Return what the email form starts with: the contact's primary address (unless they
    refuse email), and the kind's subject and message filled in, signed by `user`."""
    printed = printed_document(document)
    contact = document.contact
    company = CompanyDetails.load()
    values = {
        "number": printed.number(document),
        "subject": getattr(document, "subject", ""),
        "company": company.legal_name,
        "total": format_money(document.total, document.currency_id),
        "contact": contact.full_name if contact is not None else _("Sir or Madam"),
        "sender": (user.get_full_name() or user.username) if user is not None else "",
    }
    to = [contact.email] if contact is not None and contact.email and not (
        contact_refuses_email(contact)) else []
    return {"to": to, "cc": [], "subject": str(printed.email_subject) % values,
            "message": "\n".join(line.rstrip() for line in
                                  (str(printed.email_message) % values).strip().splitlines())}


def document_email(
    *,
    user,
    document,
    to: Iterable[str] | str,
    cc: Iterable[str] | str | None = None,
    subject: str,
    message: str = "",
) -> DocumentEmail:
    """Email a document's PDF and return the entry logged on the document.

    The kind's `on_emailed` runs in the same transaction (a draft quote becomes sent), and the
    sending is written to the document's history. Bad input raises ValidationError naming the
    field (`to`, `cc`, `subject`); a contact who does not want email is refused on `to`
    unless other addresses are typed; a user who may not edit the document gets
    PermissionDeniedError; a mail server that fails raises EmailSendError. Nothing is written
    or marked sent then.
    """
    printed = printed_document(document)
    if not restrict(type(document).objects.filter(pk=document.pk), user, "edit").exists():
        raise PermissionDeniedError(_("Your role does not allow sending this document."))
    errors: dict[str, list[str]] = {}
    recipients = _addresses(to, "to", errors)
    copies = _addresses(cc, "cc", errors)
    subject = (subject or "").strip()
    if not recipients and "to" not in errors:
        errors["to"] = [str(DocumentErrorCode.NO_RECIPIENT.label)]
    if len(recipients) + len(copies) > RECIPIENTS_MAX:
        errors.setdefault("to", []).append(
            _("Send to at most %(count)d addresses.") % {"count": RECIPIENTS_MAX})
    if not subject:
        errors["subject"] = [_("Enter a subject.")]
    elif len(subject) > SUBJECT_MAX_LENGTH or "\n" in subject or "\r" in subject:
        errors["subject"] = [_("Enter a subject of one line, at most %(count)d characters.")
                             % {"count": SUBJECT_MAX_LENGTH}]
    contact = document.contact
    if contact_refuses_email(contact):
        refused = _contact_addresses(contact)
        if any(address.lower() in refused for address in [*recipients, *copies]):
            errors.setdefault("to", []).append(str(DocumentErrorCode.DO_NOT_CONTACT.label))
    if errors:
        raise ValidationError(errors)

    pdf = render_document_pdf(document, user=user)
    filename = printed.filename(document)
    with transaction.atomic():
        if printed.on_emailed is not None:
            printed.on_emailed(user, document)
        entry = DocumentEmail.objects.create(
            kind=printed.kind, document_id=document.pk, to=recipients, cc=copies,
            subject=subject, message=message or "", attachment_name=filename, sent_by=user)
        ObjectChange.record(document, ObjectChange.Action.UPDATE, user, {}, {
            "emailed": _("%(subject)s, to %(to)s") % {
                "subject": subject, "to": ", ".join([*recipients, *copies])},
        })
        email = EmailMessage(subject=subject, body=message or "",
                             from_email=settings.DEFAULT_FROM_EMAIL, to=recipients, cc=copies,
                             reply_to=[user.email] if getattr(user, "email", "") else None)
        email.attach(filename, pdf, "application/pdf")
        try:
            # Sent inside the transaction on purpose: a refused mail rolls back the log entry
            # and the change of status, so nothing claims a sending that did not happen.
            email.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as error:
            raise EmailSendError(str(error) or type(error).__name__) from None
    return entry

