"""Forms of products, price books with their entries, and product categories."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from clientela.core.forms import BulkEditForm, RecordForm
from clientela.core.forms.pickers import use_record_pickers
from clientela.core.forms.records import restrict_choices, style_fields

from ..models import PriceBook, Product, ProductCategory
from .currencies import active_currencies


class ProductForm(RecordForm):
    class Meta:
        model = Product
        fields = ["sku", "name", "category", "unit", "list_price", "cost", "currency",
                  "tax_rate", "is_active", "description", "owner", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_currencies(self)


class ProductBulkEditForm(BulkEditForm):
    model = Product
    fields_to_edit = ("category", "unit", "is_active", "owner")


class PriceBookForm(RecordForm):
    class Meta:
        model = PriceBook
        fields = ["name", "currency", "segment", "is_active", "description", "owner", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active_currencies(self)


class PriceBookBulkEditForm(BulkEditForm):
    model = PriceBook
    fields_to_edit = ("segment", "is_active", "owner")


class PriceBookEntryRowForm(forms.Form):
    """One product's price in the book; rows with nothing entered are skipped."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.all())
    unit_price = forms.DecimalField(label=_("Unit price"), max_digits=18, decimal_places=2,
                                    min_value=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        use_record_pickers(self, user)
        style_fields(self)


PriceBookEntryFormSet = formset_factory(PriceBookEntryRowForm, extra=1, can_delete=True)


class ProductCategoryForm(forms.ModelForm):
    class Meta:
        model = ProductCategory
        fields = ["name", "parent", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
