"""What quotes, orders and invoices share: the shape of a line and of a document's totals."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..documents import LineAmounts
from .products import NOT_NEGATIVE

PERCENT = [MinValueValidator(Decimal("0"), message=_("Enter a percentage from 0 to 100.")),
           MaxValueValidator(Decimal("100"), message=_("Enter a percentage from 0 to 100."))]


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """Return a column for an amount in a document's currency (up to four decimals)."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=4, **kwargs)


class DocumentTotals(models.Model):
    """A document's totals in its currency, kept equal to the sums of its lines' amounts."""

    subtotal = money_field(_("subtotal"), default=Decimal("0"), editable=False)
    discount_total = money_field(_("discount"), default=Decimal("0"), editable=False)
    tax_total = money_field(_("tax"), default=Decimal("0"), editable=False)
    total = money_field(_("total"), default=Decimal("0"), editable=False)

    class Meta:
        abstract = True

    def set_totals(self, totals: LineAmounts) -> None:
        """Store the document's totals."""
        self.subtotal, self.discount_total, self.tax_total, self.total = totals


class DocumentLine(models.Model):
    """One line of a document: a product (or a free-text item), how many, at what price.

    The discount is a percentage of the line or an amount off it, never both. The computed
    amounts are stored so lists, exports and the API read them as they were printed; the unit
    cost is the product's cost when the line was written, for margins.
    """

    position = models.PositiveIntegerField(_("position"), default=0)
    product = models.ForeignKey("sales.Product", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", verbose_name=_("product"))
    description = models.CharField(_("description"), max_length=500, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=4)
    unit_price = money_field(_("unit price"), validators=[NOT_NEGATIVE])
    discount_percent = models.DecimalField(_("discount (%)"), max_digits=5, decimal_places=2,
                                           null=True, blank=True, validators=PERCENT)
    discount_amount = money_field(_("discount amount"), null=True, blank=True,
                                  validators=[NOT_NEGATIVE])
    tax_rate = models.DecimalField(_("tax rate (%)"), max_digits=5, decimal_places=2,
                                   default=Decimal("0"), validators=PERCENT)
    unit_cost = money_field(_("unit cost"), null=True, blank=True)
    line_subtotal = money_field(_("line subtotal"), default=Decimal("0"))
    line_discount = money_field(_("line discount"), default=Decimal("0"))
    line_tax = money_field(_("line tax"), default=Decimal("0"))
    line_total = money_field(_("line total"), default=Decimal("0"))

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description or str(self.product or "")

    def set_amounts(self, amounts: LineAmounts) -> None:
        """Store the line's computed amounts."""
        self.line_subtotal, self.line_discount, self.line_tax, self.line_total = amounts

    @property
    def net(self):
        """Return the line's subtotal less its discount, before tax."""
        return self.line_subtotal - self.line_discount

    @property
    def amounts(self) -> LineAmounts:
        return LineAmounts(self.line_subtotal, self.line_discount, self.line_tax,
                           self.line_total)
