from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """How far a scoped grant (view, edit, delete) reaches."""

    NONE = "none", _("None")
    OWN = "own", _("Own")
    TEAM = "team", _("Team")
    ALL = "all", _("All")


class FieldAccess(models.TextChoices):
    HIDDEN = "hidden", _("Hidden")
    READ_ONLY = "read_only", _("Read-only")


class ShareAccess(models.TextChoices):
    VIEW = "view", _("View")
    EDIT = "edit", _("Edit")


SCOPED_ACTIONS = ("view", "edit", "delete")
FLAG_ACTIONS = ("access", "create", "import", "export")
ACTIONS = ("access", "view", "create", "edit", "delete", "import", "export")
