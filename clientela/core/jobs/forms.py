from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .columns import import_fields


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8; comma, semicolon or tab) or Excel .xlsx; "
                                     "the first row names the columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


class ImportMappingForm(forms.Form):
    """One select per column of the file: which field it fills, or none."""

    def __init__(self, *args, header: list[str], model, user, custom_fields, initial_mapping,
                 **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— skip this column —"))]
        choices += [(name, capfirst(str(field.verbose_name)))
                    for name, field in import_fields(model, user).items()]
        choices += [(f"custom.{field.name}", field.label) for field in custom_fields]
        choices.append(("tags", _("Tags (comma-separated)")))
        self.header = header
        for index, column in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column or _("(no name)"), choices=choices, required=False,
                initial=initial_mapping.get(column, ""),
            )

    def mapping(self) -> dict[str, str]:
        """Return {column: field} for the mapped columns."""
        return {
            column: self.cleaned_data[f"column_{index}"]
            for index, column in enumerate(self.header)
            if self.cleaned_data.get(f"column_{index}")
        }

    def clean(self):
        cleaned = super().clean()
        targets = [value for value in cleaned.values() if value]
        repeated = {target for target in targets if targets.count(target) > 1}
        if repeated:
            raise forms.ValidationError(
                _("Each field can take only one column: %(fields)s.")
                % {"fields": ", ".join(sorted(repeated))}
            )
        if not targets:
            raise forms.ValidationError(_("Map at least one column to a field."))
        return cleaned
