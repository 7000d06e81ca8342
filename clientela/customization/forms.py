"""Forms of the customization admin pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core import registry
from clientela.users.forms import BootstrapMixin

from .models import CustomField


def default_as_text(value) -> str:
    """Return a stored default as the text an admin types for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


class CustomFieldForm(BootstrapMixin, forms.ModelForm):
    """A custom field; module, name and type are fixed once created, so stored values stay
    valid. Choices are one per line; the default is typed as text and stored as its type."""

    choices = forms.CharField(
        label=_("Choices"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice fields: one option per line."),
    )
    default = forms.CharField(
        label=_("Default"), required=False,
        help_text=_("Used when a record is created without a value. For multiple choice, "
                    "separate options with commas."),
    )

    class Meta:
        model = CustomField
        fields = ["module", "name", "label", "type", "required", "default", "choices",
                  "help_text", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"] = forms.ChoiceField(
            label=_("Module"),
            choices=[(module.slug, module.label) for module in registry.modules()],
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["name"].help_text = _(
            "The key in the API and imports: lower-case letters, digits and underscores."
        )
        if self.instance.pk:
            for name in ("module", "name", "type"):
                self.fields[name].disabled = True
        self.initial["choices"] = "\n".join(self.instance.choices or [])
        self.initial["default"] = default_as_text(self.instance.default)

    def _post_clean(self):
        # The field's own rules read the module's definitions; without a valid module they
        # would only repeat the module error.
        if "module" in self._errors:
            return
        super()._post_clean()

    def clean_choices(self) -> list[str]:
        lines = (line.strip() for line in self.cleaned_data["choices"].splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def clean_default(self):
        return self.cleaned_data["default"].strip() or None
