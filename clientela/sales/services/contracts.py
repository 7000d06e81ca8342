"""Writes of contracts: attaching and removing documents, and the daily renewal run.

The contract itself is plain CRUD saved by the generic layer; these are the verbs beyond it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import restrict
from clientela.users.models import User

from ..choices import ContractErrorCode, ContractStatus
from ..models import Contract, ContractDocument
from ..money import format_money


def _require_edit(contract: Contract, user: User) -> None:
    if not restrict(Contract.objects.filter(pk=contract.pk), user, "edit").exists():
        raise PermissionDeniedError(_("Your role does not allow changing this contract."))


def contract_attach_document(*, contract: Contract, user: User, file: UploadedFile,
                             name: str = "") -> ContractDocument:
    """Attach `file` to the contract under `name` (the file's name when blank).

    Refuse a user who may not edit the contract (403) and an empty file or one larger than
    CONTRACT_DOCUMENT_MAX_SIZE (400 on `file`); a refusal stores nothing.
    """
    _require_edit(contract, user)
    limit = settings.CONTRACT_DOCUMENT_MAX_SIZE
    if not file.size:
        raise ApplicationError(str(ContractErrorCode.DOCUMENT_EMPTY.label),
                               code=ContractErrorCode.DOCUMENT_EMPTY, field="file")
    if file.size > limit:
        raise ApplicationError(
            str(ContractErrorCode.DOCUMENT_TOO_LARGE.label) % {"limit": filesizeformat(limit)},
            code=ContractErrorCode.DOCUMENT_TOO_LARGE, field="file")
    with transaction.atomic():
        document = ContractDocument(contract=contract, name=(name or file.name)[:200],
                                    size=file.size, uploaded_by=user)
        document.file.save(file.name, file, save=False)
        stored_name = document.file.name
        # A row that fails to save must not leave its file behind in media storage.
        try:
            document.save()
        except Exception:
            document.file.storage.delete(stored_name)
            raise
    return document


def contract_remove_document(*, document: ContractDocument, user: User) -> None:
    """Delete the document and, once the deletion is committed, its file."""
    _require_edit(document.contract, user)
    storage, stored_name = document.file.storage, document.file.name
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: storage.delete(stored_name))


@dataclass(frozen=True)
class RenewalRun:
    """What one daily run did: the contracts reminded and those marked expired."""

    reminded: list[int]
    expired: list[int]


def _send_reminder(contract: Contract) -> None:
    owner = contract.owner
    with translation.override(getattr(owner, "language", None) or settings.LANGUAGE_CODE):
        subject = _("Contract %(name)s renews on %(date)s") % {
            "name": contract.name, "date": contract.renewal_date.isoformat()}
        body = _(
            "The contract %(name)s with %(account)s (%(value)s) is due for renewal on "
            "%(date)s.\n\nIts page in Clientela: %(url)s\n"
        ) % {
            "name": contract.name, "account": contract.account,
            "value": format_money(contract.value, contract.currency),
            "date": contract.renewal_date.isoformat(),
            "url": contract.get_absolute_url(),
        }
    send_mail(subject, body, None, [owner.email])


def contract_renewal_reminders(*, today: datetime.date | None = None) -> RenewalRun:
    """Remind each owner of their active contracts whose reminder day has come, once per
    renewal date, and mark the active contracts whose end date has passed as expired.

    A contract is reminded from `renewal_date - reminder_days` up to the renewal date itself;
    the renewal date it was reminded for is recorded, so a later run never sends it again
    (a new renewal date gets its own reminder). Mails leave after the commit.
    """
    today = today or timezone.localdate()
    reminded: list[int] = []
    expired: list[int] = []
    with transaction.atomic():
        due = (Contract.objects.select_for_update(of=("self",))
               .select_related("owner", "account")
               .filter(status=ContractStatus.ACTIVE, renewal_date__gte=today,
                       owner__isnull=False)
               .exclude(owner__email="")
               .order_by("id"))
        for contract in due:
            if contract.reminder_sent_for == contract.renewal_date:
                continue
            if today < contract.renewal_date - datetime.timedelta(days=contract.reminder_days):
                continue
            contract.reminder_sent_for = contract.renewal_date
            # Bookkeeping of the run, not an edit: it must not bump the version under someone
            # editing the contract, nor fill its history with a line a day.
            Contract.objects.filter(pk=contract.pk).update(
                reminder_sent_for=contract.renewal_date)
            transaction.on_commit(lambda contract=contract: _send_reminder(contract))
            reminded.append(contract.pk)
        ended = Contract.objects.filter(status=ContractStatus.ACTIVE, end_date__lt=today)
        for contract in ended.order_by("id"):
            contract.status = ContractStatus.EXPIRED
            # Saved through the Record write path so the change log shows who (nobody: the
            # daily run) expired it and when.
            contract.stamp(None)
            contract.save()
            expired.append(contract.pk)
    return RenewalRun(reminded=reminded, expired=expired)
