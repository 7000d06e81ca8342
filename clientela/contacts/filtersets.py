"""Filters of the contact lists (pages and API)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from clientela.core.filtersets import RecordFilterSet

from .models import Contact, ContactAccount


class ContactFilterSet(RecordFilterSet):
    """Filter contacts by their own fields, account, owner, tags, dates and custom fields."""

    account = django_filters.NumberFilter(method="filter_account", label=_("Account"))

    class Meta(RecordFilterSet.Meta):
        model = Contact
        fields = [
            "salutation", "first_name", "last_name", "title", "department", "account", "email",
            "phone", "birth_date", "preferred_channel", "level", "risk", "do_not_contact",
            "city", "region", "postal_code", "country",
        ]

    def filter_account(self, queryset: QuerySet, _name: str, value) -> QuerySet:
        """Return the contacts linked to the account, as their primary one or not."""
        if value is None:
            return queryset
        # Two index lookups, then a plain id list: an OR of the column and a subquery makes
        # PostgreSQL scan every contact.
        ids = set(
            ContactAccount.objects.filter(account_id=value).values_list("contact_id", flat=True)
        )
        ids.update(
            queryset.model.all_objects.filter(account_id=value).values_list("pk", flat=True)
        )
        return queryset.filter(pk__in=sorted(ids))
