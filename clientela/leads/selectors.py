"""Reads of leads with logic: the existing records a lead may convert into."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from clientela.accounts.models import Account
from clientela.contacts.models import Contact, ContactEmail
from clientela.users.models import User

from .models import Lead

MATCH_LIMIT = 10
# Addresses at these providers say nothing about the company a person works for.
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
    "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.de", "web.de", "mail.com", "proton.me",
    "protonmail.com", "yandex.com", "qq.com", "163.com",
})


@dataclass
class LeadMatches:
    """Existing accounts and contacts a lead may be converted into, best first."""

    accounts: list[Account] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


def lead_email_domain(lead: Lead) -> str | None:
    """Return the company domain of the lead's email, or None for none or a free-mail one."""
    if "@" not in (lead.email or ""):
        return None
    domain = lead.email.rsplit("@", 1)[1].strip().lower()
    return None if not domain or domain in FREE_MAIL_DOMAINS else domain


def lead_conversion_matches(*, lead: Lead, user: User) -> LeadMatches:
    """Return at most 10 accounts and 10 contacts the user may view that match the lead.

    Accounts: same name as the lead's company (case-insensitive) first, then those whose
    email or website is on the lead's email domain. Contacts: same email (primary or any
    other) first, then the same first and last name.
    """
    accounts: list[Account] = []
    visible_accounts = Account.objects.restrict(user, "view")
    if lead.company.strip():
        accounts += list(
            visible_accounts.filter(name__iexact=lead.company.strip()).order_by("name", "id")[
                :MATCH_LIMIT
            ]
        )
    domain = lead_email_domain(lead)
    if domain and len(accounts) < MATCH_LIMIT:
        by_domain = visible_accounts.filter(
            Q(email__iendswith=f"@{domain}") | Q(website__icontains=domain)
        ).exclude(pk__in=[account.pk for account in accounts]).order_by("name", "id")
        accounts += list(by_domain[: MATCH_LIMIT - len(accounts)])

    contacts: list[Contact] = []
    visible_contacts = Contact.objects.restrict(user, "view")
    if lead.email:
        other_addresses = ContactEmail.objects.filter(email__iexact=lead.email)
        contacts += list(
            visible_contacts.filter(
                Q(email__iexact=lead.email) | Q(pk__in=other_addresses.values("contact_id"))
            ).order_by("last_name", "first_name", "id")[:MATCH_LIMIT]
        )
    if lead.last_name and len(contacts) < MATCH_LIMIT:
        by_name = visible_contacts.filter(
            first_name__iexact=lead.first_name, last_name__iexact=lead.last_name
        ).exclude(pk__in=[contact.pk for contact in contacts]).order_by("id")
        contacts += list(by_name[: MATCH_LIMIT - len(contacts)])
    return LeadMatches(accounts=accounts, contacts=contacts)
