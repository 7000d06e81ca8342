"""The registry of record types (modules): how domain apps plug into the platform.

A domain app declares each record type once with `register_module`; the generic pages, the API
router, permissions, search, custom fields and exports all read the declaration from here, so
`core` never imports a domain app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model


@dataclass(frozen=True)
class Module:
    """One record type as the platform sees it."""

    model: type[Model]
    slug: str
    label: str
    group: str
    icon: str = "bi-circle"
    search_fields: tuple[str, ...] = ("name",)
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label


_modules: dict[str, Module] = {}
_by_model: dict[type, Module] = {}


def register_module(model: type[Model], *, slug: str, label: str, group: str, **options) -> Module:
    """Declare a record type; return its Module. A slug is registered once."""
    if slug in _modules and _modules[slug].model is not model:
        raise ValueError(f"Module slug {slug!r} is already registered.")
    module = Module(model=model, slug=slug, label=label, group=group, **options)
    _modules[slug] = module
    _by_model[model] = module
    return module


def modules() -> list[Module]:
    """Return every registered module in navigation order."""
    return sorted(_modules.values(), key=lambda module: (module.order, module.label))


def get_module(slug: str) -> Module:
    """Return the module with this slug; KeyError when there is none."""
    return _modules[slug]


def module_for_model(model: type) -> Module | None:
    """Return the module of a model class (or of its concrete parent), or None."""
    model = getattr(model, "_meta", None) and model._meta.concrete_model or model
    return _by_model.get(model)


# Modules that are not records but still carry role permissions (pages and API of the platform).
PLATFORM_MODULES: dict[str, str] = {
    "users": "Users",
    "teams": "Teams",
    "roles": "Roles",
    "customization": "Customization",
}


def permission_modules() -> list[tuple[str, str]]:
    """Return (slug, label) of everything a role can grant permissions on."""
    return [(module.slug, module.label) for module in modules()] + list(PLATFORM_MODULES.items())
