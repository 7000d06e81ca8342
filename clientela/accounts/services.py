"""Writes of accounts beyond plain CRUD: merging duplicates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from clientela.contacts.choices import ContactRole
from clientela.contacts.models import ContactAccount
from clientela.core.merge import record_merge

from .models import Account


def merge_links(links: list[ContactAccount], order: list[int], key: str) -> None:
    """Collapse links that would clash after a merge into one per `key` value.

    `order` ranks the merged records (survivor first) by the id in `key`'s counterpart; the
    link of the highest-ranked record is kept, with the primary flag when any of the collapsed
    links had it and the more specific role (any role beats "other"; the kept one's wins
    otherwise). The others are deleted.
    """
    groups: dict[int, list[ContactAccount]] = defaultdict(list)
    for link in links:
        groups[getattr(link, key)].append(link)
    for group in groups.values():
        if len(group) < 2:
            continue
        owner = "contact_id" if key == "account_id" else "account_id"
        group.sort(key=lambda link: (order.index(getattr(link, owner)), link.pk))
        keep, extra = group[0], group[1:]
        role = keep.role
        if role == ContactRole.OTHER:
            role = next((link.role for link in extra if link.role != ContactRole.OTHER), role)
        is_primary = any(link.is_primary for link in group)
        ContactAccount.objects.filter(pk__in=[link.pk for link in extra]).delete()
        ContactAccount.objects.filter(pk=keep.pk).update(role=role, is_primary=is_primary)


def _resolve_contact_links(survivor: Account, duplicates: list[Account]) -> None:
    """Make a contact linked to several of the merged accounts keep a single link."""
    order = [survivor.pk, *(account.pk for account in duplicates)]
    links = list(ContactAccount.objects.select_for_update().filter(account_id__in=order))
    merge_links(links, order, key="contact_id")


def account_merge(
    *,
    survivor: Account,
    duplicates: Sequence[Account | int],
    fields: dict[str, int] | None = None,
    user,
    expected_version: int | None = None,
) -> Account:
    """Merge duplicate accounts into `survivor` and return it (see `core.merge`).

    Child accounts, contacts whose primary account was a duplicate, contact links and leads
    converted into a duplicate all move to the survivor; a contact linked to more than one of
    the merged accounts keeps one link, primary when any was, with the more specific role.
    """
    with transaction.atomic():
        return record_merge(
            survivor=survivor, duplicates=duplicates, fields=fields, user=user,
            expected_version=expected_version, prepare=_resolve_contact_links,
        )
