"""Forms of the sign-in, preferences and admin pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from clientela.core import registry
from clientela.core.models import UNTRACKED_FIELDS
from clientela.customization.models import CustomField

from .choices import FieldAccess, Scope, ShareAccess
from .models import Role, Team, User
from .services import GRANT_FLAGS, GRANT_SCOPES


class BootstrapMixin:
    """Give every widget the Bootstrap 5 class of its kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class SignInForm(BootstrapMixin, forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PreferencesForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "time_zone"]


class UserForm(BootstrapMixin, forms.ModelForm):
    """An admin's form for a user; a blank password keeps it (or, for a new user, makes one)."""

    password = forms.CharField(
        label=_("New password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave blank to keep the current password. A new user without one gets a "
                    "generated password, shown once."),
    )
    password_confirm = forms.CharField(
        label=_("New password again"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = [
            "username", "first_name", "last_name", "email", "role", "team", "manager",
            "is_active", "language", "time_zone",
        ]

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        managers = User.objects.filter(is_active=True)
        if self.instance.pk:
            managers = managers.exclude(pk=self.instance.pk)
        self.fields["manager"].queryset = managers
        self.fields["role"].required = True

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password or cleaned.get("password_confirm"):
            if password != cleaned.get("password_confirm"):
                self.add_error("password_confirm", _("The two passwords differ."))
            else:
                try:
                    validate_password(password, self.instance)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        if self.instance.pk and self.instance.pk == self.acting_user.pk:
            if cleaned.get("is_active") is False:
                self.add_error("is_active", _("You cannot deactivate your own account."))
            role = cleaned.get("role")
            if not self.instance.is_superuser and role is not None and not role.is_admin:
                self.add_error("role", _("You cannot take away your own administrator role."))
        return cleaned


class TeamForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RoleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Role
        fields = ["name", "slug", "description", "is_admin"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class GrantsForm(forms.Form):
    """The grants matrix: one row per module, a column per action."""

    COLUMNS = (
        ("can_access", _("Access")), ("view", _("View")), ("can_create", _("Create")),
        ("edit", _("Edit")), ("delete", _("Delete")), ("can_import", _("Import")),
        ("can_export", _("Export")),
    )

    def __init__(self, *args, role: Role | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {grant.module: grant for grant in role.permissions.all()} if role and role.pk \
            else {}
        self.modules = registry.permission_modules()
        for slug, label in self.modules:
            grant = current.get(slug)
            for column, column_label in self.COLUMNS:
                name = f"{slug}__{column}"
                field_label = f"{label}: {column_label}"
                if column in GRANT_FLAGS:
                    self.fields[name] = forms.BooleanField(
                        label=field_label, required=False,
                        initial=bool(grant and getattr(grant, column)),
                        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                    )
                else:
                    self.fields[name] = forms.ChoiceField(
                        label=field_label, choices=Scope.choices,
                        initial=getattr(grant, column) if grant else Scope.NONE,
                        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                    )

    def rows(self) -> list[tuple[str, str, list]]:
        """Return (slug, label, bound fields in column order) per module, for the table."""
        return [
            (slug, label, [self[f"{slug}__{column}"] for column, _label in self.COLUMNS])
            for slug, label in self.modules
        ]

    def grants(self) -> dict[str, dict[str, object]]:
        """Return the cleaned matrix as {module: {column: value}}."""
        return {
            slug: {
                column: self.cleaned_data[f"{slug}__{column}"]
                for column in (*GRANT_FLAGS, *GRANT_SCOPES)
            }
            for slug, _label in self.modules
        }


def field_rule_choices() -> list:
    """Return the fields a rule can name, grouped by module, as `module:field` values."""
    groups = []
    custom = {}
    for definition in CustomField.objects.all():
        custom.setdefault(definition.module, []).append(definition)
    for module in registry.modules():
        options = [
            (f"{module.slug}:{field.name}", str(field.verbose_name).capitalize())
            for field in module.model._meta.concrete_fields
            if field.name not in UNTRACKED_FIELDS and field.name != "custom"
        ]
        options += [
            (f"{module.slug}:{definition.name}", f"{definition.label} ({_('custom')})")
            for definition in custom.get(module.slug, [])
        ]
        groups.append((str(module.label), options))
    return groups


class FieldRuleForm(forms.Form):
    """One field rule of a role; a row with no field chosen is ignored."""

    field = forms.ChoiceField(label=_("Field"), required=False)
    access = forms.ChoiceField(label=_("Access"), choices=FieldAccess.choices)

    def __init__(self, *args, field_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("(none)"))] + (field_choices or [])
        self.fields["field"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["access"].widget.attrs["class"] = "form-select form-select-sm"

    def rule(self) -> tuple[str, str, str] | None:
        """Return (module, field, access), or None for an empty row."""
        value = self.cleaned_data.get("field")
        if not value:
            return None
        module, field = value.split(":", 1)
        return module, field, self.cleaned_data["access"]


FieldRuleFormSet = forms.formset_factory(FieldRuleForm, extra=3)


def field_rule_formset(data=None, *, role: Role | None) -> forms.BaseFormSet:
    """Return the formset of a role's field rules, with three empty rows to add more."""
    initial = [
        {"field": f"{rule.module}:{rule.field}", "access": rule.access}
        for rule in (role.field_permissions.all() if role and role.pk else [])
    ]
    return FieldRuleFormSet(
        data, initial=initial, prefix="rules",
        form_kwargs={"field_choices": field_rule_choices()},
    )


class ShareForm(BootstrapMixin, forms.Form):
    """Share a record with one user or one team."""

    user = forms.ModelChoiceField(
        label=_("User"), required=False, queryset=User.objects.filter(is_active=True)
    )
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.all())
    access = forms.ChoiceField(label=_("Access"), choices=ShareAccess.choices)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("user")) == bool(cleaned.get("team")):
            raise forms.ValidationError(_("Choose either a user or a team."))
        return cleaned
