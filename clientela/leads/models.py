"""Leads: people and companies who showed interest and are not customers yet."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.accounts.choices import Industry, Rating
from clientela.contacts.choices import Salutation
from clientela.core.addresses import PostalAddress
from clientela.core.models import Record

from .choices import LeadSource, LeadStatus


class Lead(PostalAddress, Record):
    """A prospective customer; conversion turns it into an account and a contact."""

    salutation = models.CharField(_("salutation"), max_length=10, choices=Salutation.choices,
                                  blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices,
                                blank=True)
    status = models.CharField(_("status"), max_length=20, choices=LeadStatus.choices,
                              default=LeadStatus.NEW)
    source = models.CharField(_("source"), max_length=20, choices=LeadSource.choices,
                              default=LeadSource.OTHER)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    converted_at = models.DateTimeField(_("converted at"), null=True, blank=True,
                                        editable=False)
    converted_account = models.ForeignKey(
        "accounts.Account", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="converted_leads", editable=False, verbose_name=_("converted account"),
    )
    converted_contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="converted_leads", editable=False, verbose_name=_("converted contact"),
    )

    class Meta(Record.Meta):
        abstract = False
        ordering = ["-created_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["status"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return f"{name} ({self.company})" if self.company else name

    def get_absolute_url(self) -> str:
        return reverse("leads:lead", args=[self.pk])
