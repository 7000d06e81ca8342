"""Accounts: the customer companies, households and units the company deals with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.core.addresses import BillingAndShippingAddresses
from clientela.core.models import Record
from clientela.core.surveys import SatisfactionAnswers

from .choices import AccountType, CustomerClass, Industry, Rating


class Account(BillingAndShippingAddresses, SatisfactionAnswers, Record):
    """A customer or prospect organisation (or household), possibly part of a hierarchy."""

    name = models.CharField(_("name"), max_length=200)
    account_type = models.CharField(
        _("type"), max_length=20, choices=AccountType.choices, default=AccountType.PROSPECT
    )
    customer_class = models.CharField(
        _("customer class"), max_length=20, choices=CustomerClass.choices,
        default=CustomerClass.BUSINESS,
    )
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices,
                                blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent account"),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_alt = models.CharField(_("other phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    email_alt = models.EmailField(_("other email"), blank=True)
    annual_revenue = models.DecimalField(
        _("annual revenue"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    price_book = models.ForeignKey(
        "sales.PriceBook", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="accounts", verbose_name=_("price book"),
        help_text=_("Prices quoted to this account come from this book first."),
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    category_spend = models.DecimalField(
        _("estimated spend in our category"), max_digits=18, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)],
        help_text=_("What the customer spends a year on what we sell, with us and with "
                    "others, in the base currency: our share of its business."),
    )
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["name", "id"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:account", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or self.parent_id in self.descendant_ids())
        ):
            raise ValidationError(
                {"parent": _("An account cannot be its own parent or sit under its own "
                             "child accounts.")}
            )

    def descendant_ids(self) -> set[int]:
        """Return the ids of every account below this one in the hierarchy."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            frontier = set(
                Account.all_objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            ) - found
            found |= frontier
        return found
