"""Product categories, products and price books with their entries."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientela.accounts.choices import CustomerClass
from clientela.core.models import Record

from ..choices import ProductUnit

NOT_NEGATIVE = MinValueValidator(Decimal("0"), message=_("Enter an amount of 0 or more."))


class ProductCategory(models.Model):
    """A group of products, possibly inside a broader category."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent category"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_category_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def descendant_ids(self) -> set[int]:
        """Return the ids of every category below this one."""
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            frontier = set(
                ProductCategory.objects.filter(parent_id__in=frontier).values_list("pk",
                                                                                   flat=True)
            ) - found
            found |= frontier
        return found

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.pk and (
            self.parent_id == self.pk or self.parent_id in self.descendant_ids()
        ):
            raise ValidationError(
                {"parent": _("A category cannot be its own parent or sit under one of its "
                             "own subcategories.")}
            )
        clash = ProductCategory.objects.filter(parent_id=self.parent_id,
                                               name__iexact=self.name)
        if self.name and clash.exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("This category already has a subcategory with "
                                             "this name.") if self.parent_id else
                                   _("A top-level category with this name already exists.")})


class Product(Record):
    """Something the company sells: goods, licences, services by the hour, subscriptions."""

    sku = models.CharField(_("SKU"), max_length=50,
                           help_text=_("Stock keeping unit; unique, whatever the letter case."))
    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        ProductCategory, on_delete=models.PROTECT, null=True, blank=True,
        related_name="products", verbose_name=_("category"),
    )
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=ProductUnit.choices,
                            default=ProductUnit.PIECE)
    list_price = models.DecimalField(_("list price"), max_digits=18, decimal_places=2,
                                     validators=[NOT_NEGATIVE])
    cost = models.DecimalField(_("cost"), max_digits=18, decimal_places=2, null=True,
                               blank=True, validators=[NOT_NEGATIVE],
                               help_text=_("What one unit costs the company, for margins."))
    currency = models.ForeignKey(
        "sales.Currency", on_delete=models.PROTECT, related_name="products",
        verbose_name=_("currency"),
    )
    tax_rate = models.DecimalField(
        _("tax rate (%)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"), message=_("Enter a rate from 0 to 100.")),
                    MaxValueValidator(Decimal("100"), message=_("Enter a rate from 0 to 100."))],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["name", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
        ]
        constraints = [
            models.UniqueConstraint(Lower("sku"), name="unique_product_sku_any_case"),
        ]

    def __str__(self) -> str:
        return f"{self.sku} · {self.name}" if self.sku else self.name

    def get_absolute_url(self) -> str:
        return reverse("sales:product", args=[self.pk])

    @property
    def margin(self) -> Decimal | None:
        """Return list price minus cost, or None while the cost is unknown."""
        if self.cost is None or self.list_price is None:
            return None
        return self.list_price - self.cost

    @property
    def margin_percent(self) -> Decimal | None:
        """Return the margin as a percentage of the list price (one decimal), or None."""
        margin = self.margin
        if margin is None or not self.list_price:
            return None
        return (margin * 100 / self.list_price).quantize(Decimal("0.1"))

    def clean(self) -> None:
        super().clean()
        self.sku = (self.sku or "").strip()
        # Records in the recycle bin keep their SKU: restoring one must not clash.
        taken = Product.all_objects.filter(sku__iexact=self.sku).exclude(pk=self.pk)
        if self.sku and taken.exists():
            raise ValidationError({"sku": _("Another product already has this SKU.")})


class PriceBook(Record):
    """Prices of products in one currency, for everyone or for one customer segment."""

    name = models.CharField(_("name"), max_length=200)
    currency = models.ForeignKey(
        "sales.Currency", on_delete=models.PROTECT, related_name="price_books",
        verbose_name=_("currency"),
    )
    segment = models.CharField(
        _("customer segment"), max_length=20, choices=CustomerClass.choices, blank=True,
        help_text=_("Leave empty for a book that applies to every customer."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(Record.Meta):
        abstract = False
        ordering = ["name", "id"]
        verbose_name = _("price book")
        verbose_name_plural = _("price books")
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["owner", "deleted_at"]),
            models.Index(fields=["team", "deleted_at"]),
            models.Index(fields=["currency", "segment", "is_active"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sales:pricebook", args=[self.pk])


class PriceBookEntry(models.Model):
    """The price of one product in one price book, in the book's currency."""

    price_book = models.ForeignKey(PriceBook, on_delete=models.CASCADE, related_name="entries",
                                   verbose_name=_("price book"))
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="price_entries",
                                verbose_name=_("product"))
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=2,
                                     validators=[NOT_NEGATIVE])

    class Meta:
        ordering = ["price_book", "product__name", "id"]
        verbose_name = _("price book entry")
        verbose_name_plural = _("price book entries")
        constraints = [
            models.UniqueConstraint(fields=["price_book", "product"],
                                    name="one_price_per_book_and_product"),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0),
                                   name="unit_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.price_book}: {self.product}"
