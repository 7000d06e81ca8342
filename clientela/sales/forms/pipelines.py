"""The pipeline form and its stage rows."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.records import style_fields

from ..choices import StageKind
from ..models import Pipeline


class PipelineForm(forms.ModelForm):
    class Meta:
        model = Pipeline
        fields = ["name", "description", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class StageRowForm(forms.Form):
    """One stage: name, default probability and kind; `stage_id` ties it to a stored stage."""

    stage_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=100)
    probability = forms.IntegerField(label=_("Probability (%)"), min_value=0, max_value=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=StageKind.choices,
                             initial=StageKind.OPEN)
    position = forms.IntegerField(label=_("Order"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


StageFormSet = formset_factory(StageRowForm, extra=1, can_delete=True)


def stage_rows(formset) -> list[dict]:
    """Return the filled-in, kept stage rows in their chosen order, for `pipeline_save`.

    `formset.kept_indexes` maps each returned row to its form, for error messages.
    """
    kept = [index for index, row in enumerate(formset.forms)
            if row.cleaned_data and not row.cleaned_data.get("DELETE")]
    kept.sort(key=lambda index: (
        formset.forms[index].cleaned_data.get("position") is None,
        formset.forms[index].cleaned_data.get("position") or 0, index))
    formset.kept_indexes = kept
    return [
        {"id": formset.forms[index].cleaned_data.get("stage_id"),
         "name": formset.forms[index].cleaned_data["name"],
         "probability": formset.forms[index].cleaned_data["probability"],
         "kind": formset.forms[index].cleaned_data["kind"]}
        for index in kept
    ]
