"""Reads shared by printed sales documents: the emails sent of one."""

from __future__ import annotations

from ..models import DocumentEmail


def document_emails(*, kind: str, document_id: int) -> list[DocumentEmail]:
    """Return the emails sent of a document, newest first, with who sent them."""
    return list(DocumentEmail.objects.filter(kind=kind, document_id=document_id)
                .select_related("sent_by"))
