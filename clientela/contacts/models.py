"""Contacts: people, their roles at accounts, their addresses, channels and consent."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.core.addresses import PostalAddress
from clientela.core.models import Record
from clientela.core.surveys import SatisfactionAnswers

from .choices import (
    Channel,
    ConsentChannel,
    ConsentStatus,
    ContactLabel,
    ContactRole,
    CustomerLevel,
    RiskLevel,
    Salutation,
)


class Contact(PostalAddress, SatisfactionAnswers, Record):
    """A person: a consumer, or someone at one or more accounts.

    `email`, `phone` and `account` mirror the primary email, phone and account so that lists,
    search and filters read one row; `contact_set_channels` and `contact_set_accounts` keep them
    in step with the full lists.
    """

    salutation = models.CharField(_("salutation"), max_length=10, choices=Salutation.choices,
                                  blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="primary_contacts", verbose_name=_("primary account"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=Channel.choices, blank=True
    )
    level = models.CharField(_("customer level"), max_length=20, choices=CustomerLevel.choices,
                             blank=True)
    risk = models.CharField(_("risk"), max_length=10, choices=RiskLevel.choices, blank=True)
    interests = models.TextField(_("hobbies and interests"), blank=True)
    habits = models.TextField(_("habits"), blank=True)
    do_not_contact = models.BooleanField(_("do not contact"), default=False)
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["email"]),
            models.Index(fields=["city", "last_name", "first_name", "id"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.middle_name, self.last_name)
                        if part)

    def get_absolute_url(self) -> str:
        return reverse("contacts:contact", args=[self.pk])


class ContactAccount(models.Model):
    """A contact's place at an account, with their role there; one is primary."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="account_links")
    account = models.ForeignKey(
        "accounts.Account", on_delete=models.CASCADE, related_name="contact_links"
    )
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices,
                            default=ContactRole.OTHER)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "account"], name="unique_contact_account"),
            models.UniqueConstraint(
                fields=["contact"], condition=Q(is_primary=True), name="one_primary_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} @ {self.account} ({self.get_role_display()})"


class ContactEmail(models.Model):
    """One of a contact's email addresses; exactly one is primary."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    email = models.EmailField(_("email"))
    label = models.CharField(_("label"), max_length=10, choices=ContactLabel.choices,
                             default=ContactLabel.WORK)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "email"], name="unique_contact_email"),
            models.UniqueConstraint(
                fields=["contact"], condition=Q(is_primary=True), name="one_primary_email"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ContactPhone(models.Model):
    """One of a contact's phone numbers; exactly one is primary."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=50)
    label = models.CharField(_("label"), max_length=10, choices=ContactLabel.choices,
                             default=ContactLabel.WORK)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"], condition=Q(is_primary=True), name="one_primary_phone"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Consent(models.Model):
    """Whether a contact opted in or out of one channel, when, and from what source."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    channel = models.CharField(_("channel"), max_length=10, choices=ConsentChannel.choices)
    status = models.CharField(_("status"), max_length=10, choices=ConsentStatus.choices)
    at = models.DateTimeField(_("when"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "channel"], name="one_consent_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_status_display()}"
