"""Writes of quotes: saving with lines, sending, accepting, rejecting, expiring, deleting."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clientela.core.exceptions import ApplicationError, PermissionDeniedError, StaleVersionError
from clientela.core.permissions import restrict
from clientela.users.models import User

from ..choices import DocumentKind, QuoteErrorCode, QuoteStatus
from ..models import Quote, QuoteLine
from .documents import document_save
from .pdf import PrintedDocument, print_date, register_printed_document


def _refuse_if_accepted(quote_id: int) -> None:
    status = Quote.all_objects.filter(pk=quote_id).values_list("status", flat=True).first()
    if status == QuoteStatus.ACCEPTED:
        raise ApplicationError(QuoteErrorCode.ACCEPTED_IS_FINAL.label,
                               code=QuoteErrorCode.ACCEPTED_IS_FINAL)


def quote_save(
    *,
    quote: Quote,
    user: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> Quote:
    """Save a new or edited quote with its lines (replaced as a whole) and return it.

    A new quote takes the account's price book, and its currency defaults from the book, else
    the account. Lines left as None stay, priced again in the quote's currency. The totals are
    the sums of the lines' rounded amounts. An accepted quote is refused (ApplicationError),
    bad input raises ValidationError naming the field (`lines[1].quantity`), a stale
    `expected_version` StaleVersionError; nothing is written then.
    """
    with transaction.atomic():
        if quote.pk is not None:
            _refuse_if_accepted(quote.pk)
        return document_save(document=quote, line_model=QuoteLine, parent_field="quote",
                             user=user, lines=lines, expected_version=expected_version)


def _lock(quote: Quote, user: User, version: int | None) -> Quote:
    """Return the stored quote locked for update, once the user may edit it."""
    if not restrict(Quote.objects.filter(pk=quote.pk), user, "edit").exists():
        raise PermissionDeniedError(_("Your role does not allow changing this quote."))
    stored = Quote.objects.select_for_update().get(pk=quote.pk)
    if version is not None and int(version) != stored.version:
        raise StaleVersionError(current=stored)
    return stored


def _answer(stored: Quote, user: User, status: QuoteStatus,
            today: datetime.date | None) -> Quote:
    today = today or timezone.localdate()
    if stored.status != QuoteStatus.SENT:
        raise ApplicationError(QuoteErrorCode.NOT_SENT.label, code=QuoteErrorCode.NOT_SENT,
                               field="status")
    if stored.is_past_validity(today):
        raise ApplicationError(QuoteErrorCode.EXPIRED.label, code=QuoteErrorCode.EXPIRED,
                               field="valid_until")
    stored.status = status
    stored.answered_on = today
    stored.stamp(user)
    stored.save(update_fields=["status", "answered_on"])
    return stored


def quote_send(*, user: User, quote: Quote, version: int | None = None) -> Quote:
    """Mark a draft quote with at least one line as sent to the customer and return it.

    Raises PermissionDeniedError, StaleVersionError or ApplicationError (not a draft, no
    lines); nothing is written then.
    """
    with transaction.atomic():
        stored = _lock(quote, user, version)
        if stored.status != QuoteStatus.DRAFT:
            raise ApplicationError(QuoteErrorCode.NOT_DRAFT.label,
                                   code=QuoteErrorCode.NOT_DRAFT, field="status")
        if not stored.lines.exists():
            raise ApplicationError(QuoteErrorCode.NO_LINES.label, code=QuoteErrorCode.NO_LINES,
                                   field="lines")
        stored.status = QuoteStatus.SENT
        stored.sent_on = timezone.localdate()
        stored.stamp(user)
        stored.save(update_fields=["status", "sent_on"])
    return stored


def quote_accept(*, user: User, quote: Quote, version: int | None = None,
                 today: datetime.date | None = None) -> Quote:
    """Record that the customer accepted a sent quote still valid `today`; return it.

    From then on the quote is final. Raises PermissionDeniedError, StaleVersionError or
    ApplicationError (not sent, or past its validity); nothing is written then.
    """
    with transaction.atomic():
        return _answer(_lock(quote, user, version), user, QuoteStatus.ACCEPTED, today)


def quote_reject(*, user: User, quote: Quote, version: int | None = None,
                 today: datetime.date | None = None) -> Quote:
    """Record that the customer rejected a sent quote; return it. Refused as `quote_accept`."""
    with transaction.atomic():
        return _answer(_lock(quote, user, version), user, QuoteStatus.REJECTED, today)


def quotes_expire(*, today: datetime.date | None = None) -> int:
    """Mark every sent quote whose valid-until date is before `today` expired; return how many.

    Each change is written to the quote's history (by nobody: the schedule did it).
    """
    today = today or timezone.localdate()
    count = 0
    due = Quote.objects.filter(status=QuoteStatus.SENT, valid_until__lt=today)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            stored = Quote.objects.select_for_update().filter(
                pk=pk, status=QuoteStatus.SENT).first()
            if stored is None:
                continue
            stored.status = QuoteStatus.EXPIRED
            stored.stamp(None)
            stored.save(update_fields=["status"])
            count += 1
    return count


def quote_delete(*, user: User, quote: Quote) -> None:
    """Move a quote to the recycle bin; an accepted quote is final and stays (the model
    refuses it on every path)."""
    with transaction.atomic():
        quote.soft_delete(user)


def _quote_facts(quote: Quote) -> dict[str, str]:
    return {
        "status": quote.get_status_display(),
        "valid_until": print_date(quote.valid_until),
        "sent_on": print_date(quote.sent_on),
        "terms": quote.terms,
        "opportunity": str(quote.opportunity) if quote.opportunity_id else "",
    }


def _quote_emailed(user: User, quote: Quote) -> None:
    # Emailing a draft is sending it; a quote already sent or answered keeps its status.
    if quote.status == QuoteStatus.DRAFT:
        quote_send(user=user, quote=quote)


register_printed_document(PrintedDocument(
    kind=DocumentKind.QUOTE,
    model=Quote,
    number=lambda quote: f"Q-{quote.pk}",
    facts=_quote_facts,
    email_subject=gettext_lazy("Quote %(number)s: %(subject)s"),
    email_message=gettext_lazy(
        "Dear %(contact)s,\n\nplease find attached our quote %(number)s (%(subject)s) for "
        "%(total)s.\n\nKind regards,\n%(sender)s\n%(company)s"),
    on_emailed=_quote_emailed,
    related=("account", "contact", "currency", "owner", "opportunity"),
))
