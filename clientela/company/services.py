"""Writes of the company details."""

from __future__ import annotations

from django.db import transaction

from .models import CompanyDetails


def company_details_save(*, details: CompanyDetails) -> CompanyDetails:
    """Save the company details; a replaced or cleared logo's file is deleted once committed."""
    with transaction.atomic():
        stored = CompanyDetails.objects.filter(pk=details.pk).values_list("logo", flat=True)
        old_logo = stored.first() or ""
        details.full_clean()
        details.save()
        if old_logo and old_logo != details.logo.name:
            storage = details.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    return details
