"""Writes of contacts beyond plain CRUD: their channels, account links and consent.

Each list is replaced as a whole, keeps exactly one primary (the first item when none is
marked) and keeps the contact's mirrors (`email`, `phone`, `account`) in step. Invalid input
raises a ValidationError whose keys name the item, e.g. `emails[1].email`; nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from clientela.accounts.models import Account
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict

from .choices import ConsentChannel, ConsentStatus, ContactLabel, ContactRole
from .models import Consent, Contact, ContactAccount, ContactEmail, ContactPhone

PHONE_CHARS = set("0123456789+-() ./x")


def _primary_index(items: Sequence[Mapping[str, Any]], name: str,
                   errors: dict[str, list[str]]) -> int | None:
    """Return the index of the one primary item (the first when none is marked)."""
    if not items:
        return None
    marked = [index for index, item in enumerate(items) if item.get("is_primary")]
    if len(marked) > 1:
        for index in marked[1:]:
            errors.setdefault(f"{name}[{index}].is_primary", []).append(
                _("Only one can be primary.")
            )
    return marked[0] if marked else 0


def _label(item: Mapping[str, Any], key: str, errors: dict, default: str = ContactLabel.WORK
           ) -> str:
    label = item.get("label") or default
    if label not in ContactLabel.values:
        errors.setdefault(key, []).append(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(ContactLabel.values)}
        )
    return label


def clean_emails(emails: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the emails normalised with exactly one primary, or raise naming the bad item."""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(emails):
        key = f"emails[{index}]"
        address = str(item.get("email") or "").strip()
        try:
            validate_email(address)
        except ValidationError:
            errors.setdefault(f"{key}.email", []).append(_("Enter a valid email address."))
        if address.lower() in seen:
            errors.setdefault(f"{key}.email", []).append(_("This address is listed twice."))
        seen.add(address.lower())
        cleaned.append({"email": address, "label": _label(item, f"{key}.label", errors),
                        "is_primary": False})
    primary = _primary_index(emails, "emails", errors)
    if errors:
        raise ValidationError(errors)
    if primary is not None:
        cleaned[primary]["is_primary"] = True
    return cleaned


def clean_phones(phones: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the phones normalised with exactly one primary, or raise naming the bad item."""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict[str, Any]] = []
    for index, item in enumerate(phones):
        key = f"phones[{index}]"
        number = str(item.get("number") or "").strip()
        if not number or set(number) - PHONE_CHARS or len(number) > 50:
            errors.setdefault(f"{key}.number", []).append(_("Enter a valid phone number."))
        cleaned.append({"number": number, "label": _label(item, f"{key}.label", errors),
                        "is_primary": False})
    primary = _primary_index(phones, "phones", errors)
    if errors:
        raise ValidationError(errors)
    if primary is not None:
        cleaned[primary]["is_primary"] = True
    return cleaned


def primary_of(items: Sequence[Mapping[str, Any]], key: str) -> Any:
    """Return `key` of the primary item (the first when none is marked), or None."""
    if not items:
        return None
    for item in items:
        if item.get("is_primary"):
            return item.get(key)
    return items[0].get(key)


def _save_mirrors(contact: Contact, user, **values: Any) -> None:
    """Save the contact when a mirrored value changed, change-logged with `user`."""
    changed = {name: value for name, value in values.items() if getattr(contact, name) != value}
    if not changed:
        return
    for name, value in changed.items():
        setattr(contact, name, value)
    contact.stamp(user)
    contact.full_clean()
    contact.save()


def contact_set_channels(
    *,
    contact: Contact,
    emails: Sequence[Mapping[str, Any]] | None = None,
    phones: Sequence[Mapping[str, Any]] | None = None,
    user=None,
) -> Contact:
    """Replace the contact's emails and/or phones (None leaves a list as it is).

    Return the contact with `email` and `phone` mirroring the primaries ('' when a list is
    emptied). Invalid items raise ValidationError naming them; nothing is written then.
    """
    cleaned_emails = clean_emails(emails) if emails is not None else None
    cleaned_phones = clean_phones(phones) if phones is not None else None
    mirrors: dict[str, Any] = {}
    with transaction.atomic():
        if cleaned_emails is not None:
            contact.emails.all().delete()
            ContactEmail.objects.bulk_create(
                ContactEmail(contact=contact, **item) for item in cleaned_emails
            )
            mirrors["email"] = primary_of(cleaned_emails, "email") or ""
        if cleaned_phones is not None:
            contact.phones.all().delete()
            ContactPhone.objects.bulk_create(
                ContactPhone(contact=contact, **item) for item in cleaned_phones
            )
            mirrors["phone"] = primary_of(cleaned_phones, "number") or ""
        _save_mirrors(contact, user, **mirrors)
    return contact


def clean_account_links(links: Sequence[Mapping[str, Any]], user) -> list[dict[str, Any]]:
    """Return the links with their accounts loaded (visible to `user`) and one primary."""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict[str, Any]] = []
    ids = []
    for item in links:
        account = item.get("account")
        ids.append(account.pk if isinstance(account, Account) else account)
    valid_ids = [pk for pk in ids if isinstance(pk, int) and not isinstance(pk, bool)]
    visible = {
        account.pk: account
        for account in restrict(Account.objects.filter(pk__in=valid_ids), user, "view")
    } if user is not None else {
        account.pk: account for account in Account.objects.filter(pk__in=valid_ids)
    }
    seen: set[int] = set()
    for index, (item, pk) in enumerate(zip(links, ids, strict=True)):
        key = f"accounts[{index}]"
        account = visible.get(pk) if pk in valid_ids else None
        if account is None:
            errors.setdefault(f"{key}.account", []).append(_("This account does not exist."))
        elif pk in seen:
            errors.setdefault(f"{key}.account", []).append(_("This account is listed twice."))
        seen.add(pk)
        role = item.get("role") or ContactRole.OTHER
        if role not in ContactRole.values:
            errors.setdefault(f"{key}.role", []).append(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(ContactRole.values)}
            )
        cleaned.append({"account": account, "role": role, "is_primary": False})
    primary = _primary_index(links, "accounts", errors)
    if errors:
        raise ValidationError(errors)
    if primary is not None:
        cleaned[primary]["is_primary"] = True
    return cleaned


def contact_set_accounts(*, contact: Contact, links: Sequence[Mapping[str, Any]], user
                         ) -> Contact:
    """Replace the contact's account links ({account, role, is_primary}).

    Every account must be visible to `user`. Return the contact with `account` mirroring the
    primary link (None when there is none).
    """
    cleaned = clean_account_links(links, user)
    with transaction.atomic():
        contact.account_links.all().delete()
        ContactAccount.objects.bulk_create(
            ContactAccount(contact=contact, **item) for item in cleaned
        )
        _save_mirrors(contact, user, account=primary_of(cleaned, "account"))
    return contact


def clean_consents(consents: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return the consents validated (one per channel, `at` defaulting to now)."""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(consents):
        key = f"consents[{index}]"
        channel, status = item.get("channel"), item.get("status")
        if channel not in ConsentChannel.values:
            errors.setdefault(f"{key}.channel", []).append(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(ConsentChannel.values)}
            )
        elif channel in seen:
            errors.setdefault(f"{key}.channel", []).append(_("One consent per channel."))
        seen.add(channel)
        if status not in ConsentStatus.values:
            errors.setdefault(f"{key}.status", []).append(
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(ConsentStatus.values)}
            )
        at = item.get("at") or timezone.now()
        if isinstance(at, str):
            at = parse_datetime(at)
            if at is None:
                errors.setdefault(f"{key}.at", []).append(
                    _("Enter a valid date and time (ISO 8601).")
                )
        source = str(item.get("source") or "")
        if len(source) > 200:
            errors.setdefault(f"{key}.source", []).append(_("Enter at most 200 characters."))
        cleaned.append({"channel": channel, "status": status, "at": at, "source": source})
    if errors:
        raise ValidationError(errors)
    return cleaned


def contact_set_consents(*, contact: Contact, consents: Sequence[Mapping[str, Any]], user=None
                         ) -> Contact:
    """Replace the contact's consents ({channel, status, at, source}), one per channel.

    The change is recorded in the contact's history as `consents`; return the contact.
    """
    cleaned = clean_consents(consents)
    with transaction.atomic():
        before = {consent.channel: consent.status for consent in contact.consents.all()}
        contact.consents.all().delete()
        Consent.objects.bulk_create(Consent(contact=contact, **item) for item in cleaned)
        after = {item["channel"]: item["status"] for item in cleaned}
        if before != after and contact.pk:
            actor = user if getattr(user, "is_authenticated", False) else None
            ObjectChange.record(contact, ObjectChange.Action.UPDATE, actor,
                                {"consents": before}, {"consents": after})
    return contact
