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
from clientela.accounts.services import merge_links
from clientela.core.merge import record_merge
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict
from clientela.sales.services.opportunities import opportunity_contacts_merge

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
            ObjectChange.record(contact, ObjectChange.Action.UPDATE, user,
                                {"consents": before}, {"consents": after})
    return contact


# Merging -----------------------------------------------------------------------------------

MIRRORS = ("email", "phone", "account")


def _phone_key(number: str) -> str:
    """Return the number as compared in a merge: its digits and a leading plus."""
    number = number.strip()
    return ("+" if number.startswith("+") else "") + "".join(filter(str.isdigit, number))


def _dedupe_channels(model, value: str, normalise, order: list[int]) -> None:
    """Keep each address or number once over the merged contacts, and one primary.

    Items are ranked by their contact's place in `order` (survivor first), primary first; the
    first of each value is kept. The survivor's primary stays primary; when it has none, the
    first-ranked duplicate's primary does.
    """
    items = sorted(
        model.objects.select_for_update().filter(contact_id__in=order),
        key=lambda item: (order.index(item.contact_id), not item.is_primary, item.pk),
    )
    seen: set[str] = set()
    drop: list[int] = []
    primary_taken = False
    unset: list[int] = []
    for item in items:
        key = normalise(getattr(item, value))
        if key in seen:
            drop.append(item.pk)
            continue
        seen.add(key)
        if item.is_primary:
            if primary_taken:
                unset.append(item.pk)
            primary_taken = True
    model.objects.filter(pk__in=drop).delete()
    model.objects.filter(pk__in=unset).update(is_primary=False)


def _dedupe_links(order: list[int]) -> None:
    """Keep one link per account over the merged contacts, and one primary link."""
    merge_links(list(ContactAccount.objects.select_for_update().filter(contact_id__in=order)),
                order, key="account_id")
    links = sorted(
        ContactAccount.objects.filter(contact_id__in=order, is_primary=True),
        key=lambda link: order.index(link.contact_id),
    )
    ContactAccount.objects.filter(pk__in=[link.pk for link in links[1:]]).update(
        is_primary=False
    )


def _dedupe_consents(order: list[int]) -> None:
    """Keep, per channel, the most recent decision of any merged contact (the survivor's on a
    tie)."""
    latest: dict[str, Consent] = {}
    drop: list[int] = []
    for consent in Consent.objects.select_for_update().filter(contact_id__in=order):
        kept = latest.get(consent.channel)
        if kept is None:
            latest[consent.channel] = consent
            continue
        newer = (consent.at, -order.index(consent.contact_id)) > (
            kept.at, -order.index(kept.contact_id)
        )
        drop.append(kept.pk if newer else consent.pk)
        if newer:
            latest[consent.channel] = consent
    Consent.objects.filter(pk__in=drop).delete()


def _resolve_contact_lists(survivor: Contact, duplicates: list[Contact]) -> None:
    """Resolve what would clash once the duplicates' lists move to the survivor."""
    order = [survivor.pk, *(contact.pk for contact in duplicates)]
    _dedupe_channels(ContactEmail, "email", str.lower, order)
    _dedupe_channels(ContactPhone, "number", _phone_key, order)
    _dedupe_links(order)
    _dedupe_consents(order)
    opportunity_contacts_merge(contact_ids=order)


def _settle_mirrors(survivor: Contact, duplicates: list[Contact]) -> None:
    """Give the merged lists one primary each and set the mirrors to them."""
    for model, attribute, value in ((ContactEmail, "email", "email"),
                                    (ContactPhone, "phone", "number"),
                                    (ContactAccount, "account", "account_id")):
        items = list(model.objects.filter(contact=survivor).order_by("-is_primary", "pk"))
        if items and not items[0].is_primary:
            model.objects.filter(pk=items[0].pk).update(is_primary=True)
        first = getattr(items[0], value) if items else None
        if attribute == "account":
            survivor.account_id = first
        else:
            setattr(survivor, attribute, first or "")


def contact_merge(
    *,
    survivor: Contact,
    duplicates: Sequence[Contact | int],
    fields: dict[str, int] | None = None,
    user,
    expected_version: int | None = None,
) -> Contact:
    """Merge duplicate contacts into `survivor` and return it (see `core.merge`).

    Emails and phones are kept once per address or number, with the survivor's primary (or,
    when it has none, the first duplicate's); account links once per account, with the more
    specific role; consents keep the most recent decision per channel. `email`, `phone` and
    `account` then mirror the merged primaries and cannot be chosen in `fields`. Leads
    converted into a duplicate point at the survivor; an opportunity involving several of them
    keeps the survivor's role (else the first duplicate's).
    """
    with transaction.atomic():
        return record_merge(
            survivor=survivor, duplicates=duplicates, fields=fields, user=user,
            expected_version=expected_version, derived=MIRRORS,
            prepare=_resolve_contact_lists, finish=_settle_mirrors,
        )
