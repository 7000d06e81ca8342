"""Postal address field groups that records mix in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostalAddress(models.Model):
    """A single postal address."""

    street = models.CharField(_("street"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)

    class Meta:
        abstract = True


class BillingAndShippingAddresses(models.Model):
    """The billing and the shipping address of an organisation."""

    billing_street = models.CharField(_("billing street"), max_length=255, blank=True)
    billing_city = models.CharField(_("billing city"), max_length=100, blank=True)
    billing_region = models.CharField(_("billing region"), max_length=100, blank=True)
    billing_postal_code = models.CharField(_("billing postal code"), max_length=20, blank=True)
    billing_country = models.CharField(_("billing country"), max_length=100, blank=True)
    shipping_street = models.CharField(_("shipping street"), max_length=255, blank=True)
    shipping_city = models.CharField(_("shipping city"), max_length=100, blank=True)
    shipping_region = models.CharField(_("shipping region"), max_length=100, blank=True)
    shipping_postal_code = models.CharField(_("shipping postal code"), max_length=20, blank=True)
    shipping_country = models.CharField(_("shipping country"), max_length=100, blank=True)

    class Meta:
        abstract = True
