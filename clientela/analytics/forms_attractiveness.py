"""Forms of the attractiveness scoring and of the analytics settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clientela.core.forms.records import style_fields

from .models import AnalyticsSettings, AttractivenessCriterion, AttractivenessScore
from .services_attractiveness import SETTINGS_FIELDS, cutoff_errors

WEIGHTS = (
    (0, _("0 · left out")),
    (1, _("1 · minor")),
    (2, _("2 · moderate")),
    (3, _("3 · important")),
    (4, _("4 · decisive")),
)
SCORES = (
    ("", "—"),
    (1, _("1 · poor")),
    (2, _("2 · weak")),
    (3, _("3 · fair")),
    (4, _("4 · good")),
    (5, _("5 · excellent")),
)


class AnalyticsSettingsForm(forms.ModelForm):
    """The company's run parameters, as an administrator edits them."""

    class Meta:
        model = AnalyticsSettings
        fields = list(SETTINGS_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def clean(self):
        """Check the cut-offs together here too, so their error shows beside the others."""
        cleaned = super().clean()
        class_a, class_b = cleaned.get("class_a_cutoff"), cleaned.get("class_b_cutoff")
        if class_a is not None and class_b is not None:
            for field, messages in cutoff_errors(class_a=class_a, class_b=class_b).items():
                self.add_error(field, messages)
        return cleaned


class CriterionForm(forms.ModelForm):
    """One attractiveness criterion: name, description, weight, source, position, active."""

    weight = forms.TypedChoiceField(label=_("Weight"), choices=WEIGHTS, coerce=int,
                                    help_text=_("How much the criterion counts in the total."))

    class Meta:
        model = AttractivenessCriterion
        fields = ["name", "description", "weight", "source", "position", "is_active"]
        help_texts = {
            "source": _("Criteria the company's data answers are scored from the latest "
                        "analysis until a rep scores them by hand."),
            "position": _("Criteria are listed by this number."),
            "is_active": _("An inactive criterion keeps its scores but counts for nothing."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


def score_field_name(criterion: AttractivenessCriterion) -> str:
    return f"criterion_{criterion.pk}"


class AttractivenessScoresForm(forms.Form):
    """One 1–5 choice per criterion, "—" for none, starting from the rep's stored scores."""

    def __init__(self, data=None, *, criteria: list[AttractivenessCriterion],
                 scores: dict[int, AttractivenessScore], **kwargs):
        super().__init__(data, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            stored = scores.get(criterion.pk)
            self.fields[score_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name, choices=SCORES, coerce=int, empty_value=None,
                required=False, initial=stored.score if stored else "",
                help_text=criterion.description)
        style_fields(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-select-sm"

    def field_for(self, criterion: AttractivenessCriterion) -> forms.BoundField:
        return self[score_field_name(criterion)]

    def changed_scores(self) -> dict[int, int | None]:
        """Return the scores the user changed, by criterion id (None: cleared)."""
        return {criterion.pk: self.cleaned_data[score_field_name(criterion)]
                for criterion in self.criteria
                if score_field_name(criterion) in self.changed_data}

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Show the service's `scores.<criterion id>` errors on their fields."""
        names = {f"scores.{criterion.pk}": score_field_name(criterion)
                 for criterion in self.criteria}
        for key, messages in errors.items():
            for message in messages:
                self.add_error(names.get(key), message)

