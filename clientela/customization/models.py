"""Custom fields, tags and saved list views: what admins and users shape without code."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CustomFieldType

field_name_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,49}$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class Tag(models.Model):
    """A label any record can carry."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    color = models.CharField(_("color"), max_length=7, default="#6c757d")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CustomField(models.Model):
    """An extra field an admin adds to one module; values live in each record's `custom`."""

    module = models.CharField(_("module"), max_length=50)
    name = models.CharField(_("name"), max_length=50, validators=[field_name_validator])
    label = models.CharField(_("label"), max_length=100)
    type = models.CharField(_("type"), max_length=20, choices=CustomFieldType.choices)
    required = models.BooleanField(_("required"), default=False)
    default = models.JSONField(_("default"), null=True, blank=True)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For choice fields: the options.")
    )
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["module", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["module", "name"], name="unique_custom_field_name")
        ]

    def __str__(self) -> str:
        return f"{self.module}.{self.name}"

    def clean(self) -> None:
        from .registry_check import validate_module_slug
        from .validation import validate_value

        validate_module_slug(self.module)
        is_choice = self.type in (CustomFieldType.CHOICE, CustomFieldType.MULTI_CHOICE)
        if is_choice and not self.choices:
            raise ValidationError({"choices": _("A choice field needs at least one option.")})
        if not isinstance(self.choices, list) or not all(
            isinstance(choice, str) and choice for choice in self.choices
        ):
            raise ValidationError({"choices": _("Choices must be a list of non-empty texts.")})
        if self.default not in (None, ""):
            try:
                self.default = validate_value(self, self.default)
            except ValidationError as error:
                raise ValidationError({"default": error.messages}) from error


class SavedView(models.Model):
    """A user's named list view of a module: its filters, columns and sort."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    module = models.CharField(_("module"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("query"), max_length=2000, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)

    class Meta:
        ordering = ["module", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "name"], name="unique_saved_view")
        ]

    def __str__(self) -> str:
        return self.name
