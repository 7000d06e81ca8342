"""The product and price book pages, declared on the generic record views."""

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clientela.core import views as generic
from clientela.core.forms.formsets import formset_rows
from clientela.core.permissions import restrict
from clientela.core.tables import Cell

from .. import filtersets, services, tables
from ..forms import products as forms
from ..models import PriceBook, Product
from ..money import format_money
from ..tables.products import MONEY_COLUMNS

PRODUCT_FIELDSETS = (
    (_("Product"), ("sku", "name", "category", "unit", "is_active", "owner", "team")),
    (_("Pricing"), ("list_price", "cost", "currency", "tax_rate")),
    (_("Description"), ("description",)),
)
PRICE_BOOK_FIELDSETS = (
    (_("Price book"), ("name", "currency", "segment", "is_active", "owner", "team")),
    (_("Description"), ("description",)),
)


class ProductListView(generic.ObjectListView):
    queryset = Product.objects.select_related("owner", "team", "category", "currency")
    filterset = filtersets.ProductFilterSet
    filter_fields = ("q", "category", "unit", "currency", "is_active", "owner")
    table = tables.ProductTable


class ProductView(generic.ObjectView):
    """A product, its prices with their currency and, to those who may see the cost, its margin."""

    queryset = Product.objects.select_related("owner", "team", "category", "currency")
    fieldsets = PRODUCT_FIELDSETS

    def panels(self, obj):
        panels = super().panels(obj)
        money = {capfirst(str(Product._meta.get_field(name).verbose_name)): name
                 for name in MONEY_COLUMNS}
        shown = []
        for title, rows in panels:
            rows = [(label, Cell(format_money(getattr(obj, money[label]), obj.currency))
                     if label in money else cell) for label, cell in rows]
            if title == str(_("Pricing")) and "cost" not in self.hidden_fields:
                rows.append((str(_("Margin")), self.margin_cell(obj)))
            shown.append((title, rows))
        return shown

    @staticmethod
    def margin_cell(obj) -> Cell:
        """Return "list price − cost (percent of the list price)", or empty without a cost."""
        if obj.margin is None:
            return Cell("")
        text = format_money(obj.margin, obj.currency)
        if obj.margin_percent is not None:
            text += f" ({number_format(obj.margin_percent, decimal_pos=1, use_l10n=True)} %)"
        return Cell(text)

    def get_related(self, obj):
        books = restrict(PriceBook.objects.all(), self.request.user, "view")
        entries = obj.price_entries.filter(price_book__in=books).select_related(
            "price_book__currency").order_by("price_book__name", "price_book_id")
        return [generic.RelatedList(
            str(_("Price books")), [str(_("Price book")), str(_("Unit price"))],
            [[Cell(str(entry.price_book), entry.price_book.get_absolute_url()),
              Cell(format_money(entry.unit_price, entry.price_book.currency))]
             for entry in entries],
        )]


class ProductHistoryView(ProductView):
    tab = "history"


class ProductEditView(generic.ObjectEditView):
    queryset = Product.objects.all()
    form = forms.ProductForm


class ProductDeleteView(generic.ObjectDeleteView):
    queryset = Product.objects.all()


class ProductBulkEditView(generic.BulkEditView):
    queryset = Product.objects.all()
    form = forms.ProductBulkEditForm


class ProductBulkDeleteView(generic.BulkDeleteView):
    queryset = Product.objects.all()


class ProductExportView(generic.ObjectExportView, ProductListView):
    pass


class PriceBookListView(generic.ObjectListView):
    queryset = PriceBook.objects.select_related("owner", "team", "currency")
    filterset = filtersets.PriceBookFilterSet
    filter_fields = ("q", "currency", "segment", "is_active", "owner")
    table = tables.PriceBookTable


class PriceBookView(generic.ObjectView):
    """A price book with its prices (of the products the user may see)."""

    queryset = PriceBook.objects.select_related("owner", "team", "currency")
    fieldsets = PRICE_BOOK_FIELDSETS

    def get_related(self, obj):
        products = restrict(Product.objects.all(), self.request.user, "view")
        entries = obj.entries.filter(product__in=products).select_related(
            "product__currency").order_by("product__name", "id")
        return [generic.RelatedList(
            str(_("Prices")),
            [str(_("SKU")), str(_("Product")), str(_("Unit price")), str(_("List price"))],
            [[Cell(entry.product.sku), Cell(entry.product.name,
                                            entry.product.get_absolute_url()),
              Cell(format_money(entry.unit_price, obj.currency)),
              Cell(format_money(entry.product.list_price, entry.product.currency))]
             for entry in entries],
        )]


class PriceBookHistoryView(PriceBookView):
    tab = "history"


class PriceBookEditView(generic.ObjectEditView):
    """Edit a price book with its prices, one row per product."""

    queryset = PriceBook.objects.all()
    form = forms.PriceBookForm

    def get_formsets(self, obj, data=None):
        initial = None
        if obj.pk:
            products = restrict(Product.objects.all(), self.request.user, "view")
            initial = [{"product": entry.product_id, "unit_price": entry.unit_price}
                       for entry in obj.entries.filter(product__in=products)
                       .order_by("product__name", "id")]
        return {_("Prices"): forms.PriceBookEntryFormSet(
            data, prefix="entries", initial=initial, form_kwargs={"user": self.request.user},
        )}

    def save_object(self, form):
        price_book = super().save_object(form)
        rows = formset_rows(self.formsets[_("Prices")])
        services.price_book_set_entries(
            price_book=price_book, user=self.request.user,
            entries=[{"product": row["product"].pk, "unit_price": row["unit_price"]}
                     for row in rows],
        )
        return price_book


class PriceBookDeleteView(generic.ObjectDeleteView):
    queryset = PriceBook.objects.all()


class PriceBookBulkEditView(generic.BulkEditView):
    queryset = PriceBook.objects.all()
    form = forms.PriceBookBulkEditForm


class PriceBookBulkDeleteView(generic.BulkDeleteView):
    queryset = PriceBook.objects.all()


class PriceBookExportView(generic.ObjectExportView, PriceBookListView):
    pass
