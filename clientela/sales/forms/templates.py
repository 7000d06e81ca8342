"""The administrators' form of document templates."""

from __future__ import annotations

from django import forms

from clientela.core.forms.records import style_fields

from ..models import DocumentTemplate


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "name", "is_active", "is_default", "body", "css"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
        for name, rows in (("body", 24), ("css", 12)):
            widget = self.fields[name].widget
            widget.attrs.update({"rows": rows, "spellcheck": "false",
                                 "class": "form-control font-monospace small"})
        if self.instance.pk:
            # A template stays of its kind; make another one for the other kind.
            del self.fields["kind"]

    def _get_validation_exclusions(self):
        # `document_template_save` checks the one-default rule once it has taken the default
        # from the previous template; checked here, a new default would be refused.
        return {*super()._get_validation_exclusions(), "is_default"}
