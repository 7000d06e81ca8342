"""Code-driven states of orders and the errors of orders."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShippingStatus(models.TextChoices):
    """How far an order's goods have gone."""

    PENDING = "pending", _("Pending")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")


class OrderErrorCode(models.TextChoices):
    QUOTE_NOT_ACCEPTED = "quote_not_accepted", _("Only an accepted quote becomes an order.")
    ALREADY_CONVERTED = "already_converted", _("This quote has already become an order.")
    SHIPPED_ON_PENDING = "shipped_on_pending", _(
        "A pending order has no shipped date; set the shipping status too.")
