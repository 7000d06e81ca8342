"""Filters of the lead lists (pages and API)."""

from clientela.core.filtersets import RecordFilterSet

from .models import Lead


class LeadFilterSet(RecordFilterSet):
    """Filter leads by their own fields, conversion, owner, tags, dates and custom fields."""

    class Meta(RecordFilterSet.Meta):
        model = Lead
        fields = [
            "first_name", "last_name", "title", "email", "phone", "mobile", "company",
            "website", "industry", "status", "source", "rating", "city", "region",
            "postal_code", "country", "converted_at", "converted_account", "converted_contact",
        ]
