"""Writes of opportunities: saving with contacts and competitors, moving, closing.

Every change of stage, and the creation of an opportunity, writes a `StageChange`, so the time
spent in each stage and the length of the sales cycle can be measured.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.exceptions import ApplicationError, PermissionDeniedError, StaleVersionError
from clientela.core.models import ObjectChange
from clientela.core.permissions import restrict
from clientela.users.models import User

from ..choices import LostReason, OpportunityContactRole, OpportunityErrorCode, StageKind
from ..documents import round_money
from ..models import Opportunity, OpportunityContact, OpportunityLine, Stage, StageChange
from ..money import decimal_places
from .documents import build_lines, line_summary, lines_as_items

# The decimals of an opportunity's amount column.
AMOUNT_PLACES = 2


def _record_stage(opportunity: Opportunity, from_stage_id: int | None, user: User | None
                  ) -> StageChange:
    actor = user if getattr(user, "is_authenticated", False) else None
    return StageChange.objects.create(
        opportunity=opportunity, from_stage_id=from_stage_id, to_stage_id=opportunity.stage_id,
        changed_at=timezone.now(), changed_by=actor,
    )


def clean_contact_roles(items: Sequence[Mapping[str, Any]], user: User | None
                        ) -> list[dict[str, Any]]:
    """Return the {contact, role} rows with their contacts loaded (visible to `user`).

    Raise ValidationError naming the bad row (`contacts[1].contact`) otherwise.
    """
    errors: dict[str, list[str]] = {}
    ids = []
    for item in items:
        contact = item.get("contact")
        ids.append(contact.pk if isinstance(contact, Contact) else contact)
    valid_ids = [pk for pk in ids if isinstance(pk, int) and not isinstance(pk, bool)]
    visible = {contact.pk: contact for contact in restrict(
        Contact.objects.filter(pk__in=valid_ids), user, "view")}
    cleaned: list[dict[str, Any]] = []
    seen: set[int] = set()
    for index, (item, pk) in enumerate(zip(items, ids, strict=True)):
        key = f"contacts[{index}]"
        contact = visible.get(pk) if pk in valid_ids else None
        if contact is None:
            errors.setdefault(f"{key}.contact", []).append(_("This contact does not exist."))
        elif pk in seen:
            errors.setdefault(f"{key}.contact", []).append(_("This contact is listed twice."))
        seen.add(pk)
        role = item.get("role") or OpportunityContactRole.OTHER
        if role not in OpportunityContactRole.values:
            errors.setdefault(f"{key}.role", []).append(
                _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(OpportunityContactRole.values)}
            )
        cleaned.append({"contact": contact, "role": role})
    if errors:
        raise ValidationError(errors)
    return cleaned


def opportunity_set_contacts(*, opportunity: Opportunity, contacts: Sequence[Mapping[str, Any]],
                             user: User | None, since: int | None = None) -> Opportunity:
    """Replace the opportunity's contacts and their roles; contacts the user may not see stay.

    The change goes into the opportunity's history, into the entry written after entry
    `since` when there is one (the save's that came with it).
    """
    cleaned = clean_contact_roles(contacts, user)
    visible = restrict(Contact.objects.all(), user, "view")
    with transaction.atomic():
        since = ObjectChange.last_pk() if since is None else since
        before = involvement(opportunity)
        opportunity.contact_roles.filter(contact__in=visible).delete()
        kept = set(opportunity.contact_roles.values_list("contact_id", flat=True))
        OpportunityContact.objects.bulk_create(
            OpportunityContact(opportunity=opportunity, **item) for item in cleaned
            if item["contact"].pk not in kept
        )
        ObjectChange.record_related(opportunity, user, "contact_roles", before or None,
                                    involvement(opportunity) or None, since=since)
    return opportunity


def involvement(opportunity: Opportunity) -> dict[str, str]:
    """Return the opportunity's contacts as its history shows them: {contact id: role}."""
    return {str(contact): role for contact, role in
            opportunity.contact_roles.order_by("contact_id").values_list("contact_id", "role")}


def opportunity_contacts_merge(*, contact_ids: Sequence[int]) -> None:
    """Keep one involvement per opportunity among contacts about to be merged into the first.

    Merging re-points the others' involvements at the first contact, and an opportunity may
    involve a contact once: where several are involved, the first one's role is kept.
    """
    rank = {pk: index for index, pk in enumerate(contact_ids)}
    rows = sorted(OpportunityContact.objects.filter(contact_id__in=contact_ids),
                  key=lambda row: (row.opportunity_id, rank[row.contact_id]))
    kept: set[int] = set()
    dropped = []
    for row in rows:
        if row.opportunity_id in kept:
            dropped.append(row.pk)
        kept.add(row.opportunity_id)
    OpportunityContact.objects.filter(pk__in=dropped).delete()


def opportunity_save(
    *,
    opportunity: Opportunity,
    user: User | None,
    expected_version: int | None = None,
    contacts: Sequence[Mapping[str, Any]] | None = None,
    competitors: Iterable[Account] | None = None,
    lines: Sequence[Mapping[str, Any]] | None = None,
) -> Opportunity:
    """Save a new or edited opportunity with its contacts' roles, competitors and lines.

    Lines (products or free-text items, priced like a quote's: `build_lines`) are replaced as
    a whole; left as None they stay, and when the currency changes their products are priced
    again in it. An opportunity
    with lines is worth their total, net of discounts and before tax, whatever amount was
    sent; without lines its amount is the one given.

    When the stage changes and the probability was left as it was, the probability becomes
    the new stage's. A new opportunity, or a changed stage, writes a StageChange. Invalid
    input raises ValidationError naming the field; a stale `expected_version` raises
    StaleVersionError; nothing is written then. `contacts` and `competitors` left as None
    stay as they are.
    """
    with transaction.atomic():
        previous = None
        if opportunity.pk is not None:
            previous = Opportunity.all_objects.filter(pk=opportunity.pk).values(
                "stage_id", "probability", "currency").first()
        if (previous and previous["stage_id"] != opportunity.stage_id
                and opportunity.probability == previous["probability"]):
            opportunity.probability = None
        repricing = bool(previous) and previous["currency"] != opportunity.currency
        stored_lines = ([line_summary(line) for line in opportunity.lines.all()]
                        if previous and (lines is not None or repricing) else [])
        priced = _price_lines(opportunity, user, lines, repricing=repricing)
        opportunity.stamp(user, expected_version=expected_version)
        opportunity.full_clean()
        since = ObjectChange.last_pk()
        opportunity.save()
        if priced is not None:
            opportunity.lines.all().delete()
            for line in priced:
                line.opportunity = opportunity
            OpportunityLine.objects.bulk_create(priced)
            ObjectChange.record_related(
                opportunity, user, "lines", stored_lines or None,
                [line_summary(line) for line in priced] or None, since=since)
        if competitors is not None:
            chosen = list(competitors)
            stored_competitors = (sorted(opportunity.competitors.values_list("pk", flat=True))
                                  if previous else [])
            opportunity.competitors.set(chosen)
            ObjectChange.record_related(
                opportunity, user, "competitors", stored_competitors or None,
                sorted(competitor.pk for competitor in chosen) or None, since=since)
        if contacts is not None:
            opportunity_set_contacts(opportunity=opportunity, contacts=contacts, user=user,
                                     since=since)
        if previous is None or previous["stage_id"] != opportunity.stage_id:
            _record_stage(opportunity, previous["stage_id"] if previous else None, user)
    return opportunity


def _price_lines(opportunity: Opportunity, user: User | None,
                 lines: Sequence[Mapping[str, Any]] | None, *, repricing: bool
                 ) -> list[OpportunityLine] | None:
    """Return the opportunity's new lines, priced in its currency, and set its amount from
    them; None when the stored lines stay as they are (the amount then follows them too)."""
    stored = list(opportunity.lines.select_related("product")) if opportunity.pk else []
    if lines is None and stored and repricing:
        # A product's price is looked up again in the new currency; a typed one stays.
        lines = [{**item, "unit_price": None} if item["product"] is not None else item
                 for item in lines_as_items(stored)]
    priced = None
    if lines is not None:
        priced = build_lines(
            OpportunityLine, lines, user=user, account=opportunity.account,
            currency=opportunity.currency, places=decimal_places(opportunity.currency))
    current = priced if priced is not None else stored
    if current:
        opportunity.amount = round_money(
            sum((line.net for line in current), Decimal(0)),
            AMOUNT_PLACES)
    return priced


def _lock(opportunity: Opportunity, user: User, version: int | None) -> Opportunity:
    """Return the stored opportunity locked for update, once the user may edit it."""
    if not restrict(Opportunity.objects.filter(pk=opportunity.pk), user, "edit").exists():
        raise PermissionDeniedError(_("Your role does not allow changing this opportunity."))
    stored = Opportunity.objects.select_for_update().select_related("stage").get(
        pk=opportunity.pk)
    if version is not None and int(version) != stored.version:
        raise StaleVersionError(current=stored)
    return stored


def _save_closing(stored: Opportunity, user: User, from_stage_id: int, field: str
                  ) -> Opportunity:
    """Validate and save after a change of stage; a refused rule names `field`."""
    stored.stamp(user)
    try:
        stored.full_clean()
    except ValidationError as error:
        messages = [message for values in error.message_dict.values() for message in values]
        codes = {"amount": OpportunityErrorCode.AMOUNT_REQUIRED,
                 "lost_reason": OpportunityErrorCode.REASON_REQUIRED}
        code = next((codes[name] for name in error.message_dict if name in codes), "invalid")
        raise ApplicationError(" ".join(messages), code=code, field=field) from error
    stored.save()
    if stored.stage_id != from_stage_id:
        _record_stage(stored, from_stage_id, user)
    return stored


def opportunity_move(*, user: User, opportunity: Opportunity, stage: Stage,
                     version: int | None = None) -> Opportunity:
    """Move the opportunity to another stage of its pipeline and return it.

    The probability becomes the stage's. Moving into a won stage needs an amount above zero,
    into a lost stage a lost reason (close it as lost to give one); moving back to an open
    stage reopens it, clearing the closed date and lost reason. Raises PermissionDeniedError,
    StaleVersionError (stale `version`) or ApplicationError naming `stage`; nothing is
    written then.
    """
    with transaction.atomic():
        stored = _lock(opportunity, user, version)
        if stage.pipeline_id != stored.pipeline_id:
            raise ApplicationError(OpportunityErrorCode.OTHER_PIPELINE.label,
                                   code=OpportunityErrorCode.OTHER_PIPELINE, field="stage")
        if stage.pk == stored.stage_id:
            return stored
        from_stage_id = stored.stage_id
        stored.stage = stage
        stored.probability = stage.probability
        if stage.kind == StageKind.LOST and not stored.lost_reason:
            raise ApplicationError(
                _("A lost opportunity needs a lost reason: close it as lost and give one."),
                code=OpportunityErrorCode.REASON_REQUIRED, field="stage",
            )
        if stage.kind != StageKind.OPEN:
            stored.closed_on = None
        return _save_closing(stored, user, from_stage_id, "stage")


def opportunity_close(
    *,
    user: User,
    opportunity: Opportunity,
    won: bool,
    reason: str | None = None,
    detail: str = "",
    closed_on: datetime.date | None = None,
    version: int | None = None,
) -> Opportunity:
    """Close the opportunity as won or lost and return it.

    It moves to the pipeline's won (or lost) stage with probability 100 (or 0) and the closed
    date (today unless given). Won needs an amount above zero; lost needs a `reason` among
    the lost reasons, with an optional free-text `detail`. Raises PermissionDeniedError,
    StaleVersionError or ApplicationError naming the field; nothing is written then.
    """
    kind = StageKind.WON if won else StageKind.LOST
    with transaction.atomic():
        stored = _lock(opportunity, user, version)
        target = Stage.objects.filter(pipeline_id=stored.pipeline_id, kind=kind).order_by(
            "position", "id").first()
        if target is None:
            raise ApplicationError(OpportunityErrorCode.NO_CLOSING_STAGE.label,
                                   code=OpportunityErrorCode.NO_CLOSING_STAGE, field="won")
        if won and (stored.amount is None or stored.amount <= 0):
            raise ApplicationError(OpportunityErrorCode.AMOUNT_REQUIRED.label,
                                   code=OpportunityErrorCode.AMOUNT_REQUIRED, field="amount")
        if not won and reason not in LostReason.values:
            raise ApplicationError(
                _("Choose the lost reason: %(choices)s.")
                % {"choices": ", ".join(str(label) for label in LostReason.labels)},
                code=OpportunityErrorCode.REASON_REQUIRED, field="reason",
            )
        from_stage_id = stored.stage_id
        stored.stage = target
        stored.probability = 100 if won else 0
        stored.closed_on = closed_on or timezone.localdate()
        stored.lost_reason = "" if won else str(reason)
        stored.lost_detail = "" if won else (detail or "").strip()
        return _save_closing(stored, user, from_stage_id, "won")
