"""The company's details: one row, edited by the administrators."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SINGLETON_ID = 1


class CompanyDetails(models.Model):
    """Return the legal details of the company using Clientela, as its documents print them.

    There is one row (id 1); `CompanyDetails.load()` returns it, made empty on first use.
    """

    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    tax_id = models.CharField(_("tax ID"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    bank_details = models.TextField(_("bank details"), blank=True,
                                    help_text=_("IBAN, BIC and bank name, as invoices print them."))
    logo = models.ImageField(_("logo"), upload_to="company/", blank=True,
                             help_text=_("PNG or JPEG, at most 1 MB."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company details")
        verbose_name_plural = _("company details")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=SINGLETON_ID), name="company_singleton"),
        ]

    def __str__(self) -> str:
        return self.legal_name or str(_("Company details"))

    @classmethod
    def load(cls) -> CompanyDetails:
        """Return the one row of company details, created empty when missing."""
        details, _created = cls.objects.get_or_create(pk=SINGLETON_ID)
        return details

    @property
    def address_lines(self) -> list[str]:
        """Return the postal address as printed, one non-empty line each."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.street, town, self.region, self.country) if line]
