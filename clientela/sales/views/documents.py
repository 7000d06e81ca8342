"""What the edit pages of quotes, orders and invoices share: their lines as rows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clientela.core import views as generic

from ..forms.documents import DocumentLineFormSet

LINE_FIELDS = ("product", "description", "quantity", "unit_price", "discount_percent",
               "discount_amount", "tax_rate")


class DocumentLinesMixin:
    """Edit a document's lines as rows beside its form; the service's `lines[i].field`
    errors land on their rows."""

    def get_formsets(self, obj, data=None):
        return {
            _("Lines"): DocumentLineFormSet(
                data, prefix="lines", form_kwargs={"user": self.request.user},
                initial=[{name: getattr(line, "product_id" if name == "product" else name)
                          for name in LINE_FIELDS} for line in obj.lines.all()]
                if obj.pk else None,
            ),
        }

    def lines_from_formset(self) -> list[dict]:
        """Return the kept rows as the items the document services take."""
        formset = next(iter(self.formsets.values()))
        kept = [index for index, row in enumerate(formset.forms)
                if row.cleaned_data and not row.cleaned_data.get("DELETE")]
        formset.kept_indexes = kept
        return [{name: formset.forms[index].cleaned_data.get(name) for name in LINE_FIELDS}
                for index in kept]

    def add_errors(self, form, error):
        formset = next(iter(self.formsets.values()))
        if not hasattr(error, "error_dict"):
            generic.add_validation_error(form, error)
            return
        kept = getattr(formset, "kept_indexes", [])
        for key, messages_ in error.message_dict.items():
            prefix, _sep, rest = key.partition("[")
            index, _sep, name = rest.partition("].")
            if prefix == "lines" and index.isdigit() and int(index) < len(kept):
                row = formset.forms[kept[int(index)]]
                row.add_error(name if name in row.fields else None, messages_)
            else:
                generic.add_validation_error(form, ValidationError({key: messages_}))
