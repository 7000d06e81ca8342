"""Reads of the company details."""

from __future__ import annotations

import base64
import mimetypes

from .models import CompanyDetails


def company_logo_data_uri(details: CompanyDetails) -> str:
    """Return the logo as a `data:` URI ('' without one or when its file is gone), so a
    document can show it without fetching anything."""
    if not details.logo:
        return ""
    try:
        with details.logo.open("rb") as stream:
            content = stream.read()
    except (FileNotFoundError, OSError):
        return ""
    kind = mimetypes.guess_type(details.logo.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def company_snapshot() -> dict[str, object]:
    """Return the company details as plain strings and lists, for documents to print."""
    details = CompanyDetails.load()
    return {
        "legal_name": details.legal_name,
        "street": details.street,
        "city": details.city,
        "region": details.region,
        "postal_code": details.postal_code,
        "country": details.country,
        "address_lines": details.address_lines,
        "tax_id": details.tax_id,
        "email": details.email,
        "phone": details.phone,
        "website": details.website,
        "bank_details": details.bank_details,
        "logo": company_logo_data_uri(details),
    }
