"""Writes of leads beyond plain CRUD: conversion into an account, a contact and an opportunity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clientela.accounts.models import Account
from clientela.contacts.choices import ContactLabel
from clientela.contacts.models import Contact
from clientela.contacts.services import contact_set_accounts, contact_set_channels
from clientela.core.exceptions import ApplicationError, PermissionDeniedError
from clientela.core.permissions import can, restrict
from clientela.sales.choices import OpportunityContactRole, StageKind
from clientela.sales.models import Opportunity, Pipeline, Stage
from clientela.sales.services.opportunities import opportunity_save
from clientela.users.models import User

from .choices import LeadErrorCode, LeadStatus
from .models import Lead


class LeadConversionError(ApplicationError):
    """The lead cannot be converted in its state (already converted, or dead)."""

    status_code = 409


@dataclass
class LeadConversion:
    """What a lead became."""

    lead: Lead
    account: Account | None
    contact: Contact
    opportunity: Opportunity | None = None


def _editable_fields(model: type[models.Model]) -> dict[str, models.Field]:
    return {
        field.name: field for field in model._meta.concrete_fields
        if field.editable and not field.primary_key
    }


def _overlay(instance: models.Model, data: Mapping[str, Any] | None, prefix: str) -> None:
    """Set `data` on `instance`; a name that is not an editable field raises naming it."""
    fields = _editable_fields(type(instance))
    for name, value in (data or {}).items():
        field = fields.get(name)
        if field is None:
            raise ApplicationError(
                _("%(name)s is not a field that can be set.") % {"name": name},
                code="unknown_field", field=f"{prefix}.{name}",
            )
        if isinstance(field, models.ForeignKey) and not isinstance(value, models.Model | None):
            setattr(instance, field.attname, value)
        else:
            setattr(instance, name, value)


def _save_new(instance, user, prefix: str):
    instance.stamp(user)
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError({
            f"{prefix}.{name}": messages for name, messages in error.message_dict.items()
        }) from error
    instance.save()
    return instance


def _account_from_lead(lead: Lead, user: User, account_data: Mapping[str, Any] | None
                       ) -> Account:
    if not can(user, "accounts", "create"):
        raise PermissionDeniedError(_("Your role does not allow creating accounts."),
                                    field="account")
    account = Account(
        name=lead.company.strip() or str(lead), website=lead.website, industry=lead.industry,
        phone=lead.phone, billing_street=lead.street, billing_city=lead.city,
        billing_region=lead.region, billing_postal_code=lead.postal_code,
        billing_country=lead.country, owner_id=lead.owner_id or user.pk,
        team_id=lead.team_id if lead.owner_id else None,
    )
    _overlay(account, account_data, "account")
    return _save_new(account, user, "account")


def _contact_from_lead(lead: Lead, user: User, contact_data: Mapping[str, Any] | None,
                       account: Account | None) -> tuple[Contact, str, list[dict[str, Any]]]:
    if not can(user, "contacts", "create"):
        raise PermissionDeniedError(_("Your role does not allow creating contacts."),
                                    field="contact")
    data = dict(contact_data or {})
    email = data.pop("email", lead.email) or ""
    phones = []
    if phone := data.pop("phone", lead.phone):
        phones.append({"number": phone, "label": ContactLabel.WORK, "is_primary": True})
    if lead.mobile and lead.mobile != phone:
        phones.append({"number": lead.mobile, "label": ContactLabel.MOBILE})
    data.pop("account", None)
    contact = Contact(
        salutation=lead.salutation, first_name=lead.first_name, last_name=lead.last_name,
        title=lead.title, street=lead.street, city=lead.city, region=lead.region,
        postal_code=lead.postal_code, country=lead.country, email=email,
        phone=phones[0]["number"] if phones else "", account=account,
        owner_id=lead.owner_id or user.pk, team_id=lead.team_id if lead.owner_id else None,
    )
    _overlay(contact, data, "contact")
    return _save_new(contact, user, "contact"), email, phones


def _opportunity_from_lead(lead: Lead, user: User, data: Mapping[str, Any],
                           account: Account | None, contact: Contact) -> Opportunity:
    """Create the opportunity of a conversion: named after the lead's company, in the first
    open stage of the chosen (else the first) pipeline, with the contact involved."""
    if not can(user, "opportunities", "create"):
        raise PermissionDeniedError(_("Your role does not allow creating opportunities."),
                                    field="opportunity")
    data = dict(data)
    stage = data.pop("stage", None)
    pipeline = data.pop("pipeline", None)
    if isinstance(stage, int):
        stage = Stage.objects.filter(pk=stage).first()
    if isinstance(pipeline, int):
        pipeline = Pipeline.objects.filter(pk=pipeline).first()
    pipeline = pipeline or (stage.pipeline if stage else Pipeline.objects.first())
    if pipeline is None:
        raise ApplicationError(_("There is no pipeline to put the opportunity in."),
                               code="no_pipeline", field="opportunity.pipeline")
    if stage is None:
        stage = pipeline.stages.filter(kind=StageKind.OPEN).order_by("position", "id").first()
    opportunity = Opportunity(
        name=lead.company.strip() or str(lead), account=account, pipeline=pipeline,
        stage=stage, lead_source=lead.source, description=lead.description,
        owner_id=lead.owner_id or user.pk, team_id=lead.team_id if lead.owner_id else None,
    )
    _overlay(opportunity, data, "opportunity")
    try:
        opportunity_save(opportunity=opportunity, user=user,
                         contacts=[{"contact": contact, "role": OpportunityContactRole.OTHER}])
    except ValidationError as error:
        raise ValidationError({
            name if name.startswith("contacts") else f"opportunity.{name}": messages
            for name, messages in error.message_dict.items()
        }) from error
    return opportunity


def lead_convert(
    *,
    lead: Lead,
    user: User,
    account: Account | None = None,
    account_data: dict | None = None,
    create_account: bool = True,
    contact: Contact | None = None,
    contact_data: dict | None = None,
    opportunity_data: dict | None = None,
) -> LeadConversion:
    """Convert a lead into an account (existing, new, or none), a contact (existing or new)
    and, when `opportunity_data` is given (even empty), a new opportunity.

    A new account is made from the lead's company and address overlaid with `account_data`
    when the lead has a company or `account_data` is given, and `create_account` is true. A new
    contact gets the lead's name, address, email and phones (overlaid with `contact_data`),
    with the account as its primary account; an existing contact is linked to the account.
    The opportunity is named after the lead's company, sits in the first open stage of the
    given (else the first) pipeline, carries the lead's source, and has the contact involved;
    `opportunity_data` overlays its fields. The lead becomes converted and points at the
    account and contact. All in one transaction, change-logged as `user`. Raises
    LeadConversionError for a converted or dead lead, PermissionDeniedError when the user may
    not edit the lead or create what is needed, ApplicationError (400) for an account or
    contact the user may not see or edit, ValidationError naming `opportunity.<field>` for bad
    opportunity input; nothing is written then.
    """
    with transaction.atomic():
        if not restrict(Lead.objects.filter(pk=lead.pk), user, "edit").exists():
            raise PermissionDeniedError(_("Your role does not allow converting this lead."))
        lead = Lead.objects.select_for_update().get(pk=lead.pk)
        if lead.status == LeadStatus.CONVERTED or lead.converted_at is not None:
            raise LeadConversionError(LeadErrorCode.ALREADY_CONVERTED.label,
                                      code=LeadErrorCode.ALREADY_CONVERTED)
        if lead.status == LeadStatus.DEAD:
            raise LeadConversionError(LeadErrorCode.DEAD.label, code=LeadErrorCode.DEAD)

        if account is not None:
            if not restrict(Account.objects.filter(pk=account.pk), user, "view").exists():
                raise ApplicationError(_("This account does not exist."), code="not_found",
                                       field="account")
        elif create_account and (lead.company.strip() or account_data):
            account = _account_from_lead(lead, user, account_data)

        if contact is not None:
            if not restrict(Contact.objects.filter(pk=contact.pk), user, "edit").exists():
                raise ApplicationError(_("This contact does not exist or you may not edit it."),
                                       code="not_found", field="contact")
            contact = Contact.objects.get(pk=contact.pk)
            if account is not None:
                links = [
                    {"account": link.account_id, "role": link.role,
                     "is_primary": link.is_primary}
                    for link in contact.account_links.all()
                ]
                if account.pk not in {link["account"] for link in links}:
                    links.append({"account": account.pk, "is_primary": not links})
                    contact_set_accounts(contact=contact, links=links, user=user)
        else:
            contact, email, phones = _contact_from_lead(lead, user, contact_data, account)
            contact_set_channels(
                contact=contact,
                emails=[{"email": email, "is_primary": True}] if email else [],
                phones=phones, user=user,
            )
            if account is not None:
                contact_set_accounts(
                    contact=contact, links=[{"account": account.pk, "is_primary": True}],
                    user=user,
                )

        opportunity = None
        if opportunity_data is not None:
            opportunity = _opportunity_from_lead(lead, user, opportunity_data, account, contact)

        lead.status = LeadStatus.CONVERTED
        lead.converted_at = timezone.now()
        lead.converted_account = account
        lead.converted_contact = contact
        lead.stamp(user)
        lead.full_clean()
        lead.save()
    return LeadConversion(lead=lead, account=account, contact=contact, opportunity=opportunity)
