"""The registry of record types (modules): how domain apps plug into the platform.

A domain app declares each record type once with `register_module`; the generic pages, the API
router, permissions, search, custom fields and exports all read the declaration from here, so
`core` never imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable
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
    def url(self) -> str:
        """Return the address of the module's list, where the navigation links to."""
        return f"/{self.slug}/"

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def package(self) -> str:
        """Return the Python package of the module's app, where its `api` and `filtersets` are.

        The app's package, not the model's module: an app may keep its models in a package.
        """
        from django.apps import apps

        return apps.get_app_config(self.app_label).name


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


@dataclass(frozen=True)
class NavLink:
    """A page of a domain app that is not a record list (a board, a forecast), shown in the
    navigation beside the modules of its group to those who may open `module`."""

    slug: str
    label: str
    url_name: str
    group: str
    module: str
    icon: str = "bi-circle"
    order: int = 100

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(self.url_name)


_nav_links: dict[str, NavLink] = {}


def register_nav_link(slug: str, label: str, url_name: str, *, group: str, module: str,
                      **options) -> NavLink:
    """Add a page to the navigation; it shows to users with access to `module`."""
    link = NavLink(slug=slug, label=label, url_name=url_name, group=group, module=module,
                   **options)
    _nav_links[slug] = link
    return link


def nav_links() -> list[NavLink]:
    """Return the pages domain apps added to the navigation, in order."""
    return sorted(_nav_links.values(), key=lambda link: (link.order, str(link.label)))


# Modules that are not records but still carry role permissions (pages and API of the platform).
PLATFORM_MODULES: dict[str, str] = {
    "users": "Users",
    "teams": "Teams",
    "roles": "Roles",
    "customization": "Customization",
}


_permission_modules: dict[str, str] = {}


def register_permission_module(slug: str, label: str) -> None:
    """Let roles grant access to an area of a domain app that is not a record type (analytics
    pages, say): its pages check `can(user, slug, action)` like a module's."""
    _permission_modules[slug] = label


def permission_modules() -> list[tuple[str, str]]:
    """Return (slug, label) of everything a role can grant permissions on."""
    return ([(module.slug, module.label) for module in modules()]
            + list(PLATFORM_MODULES.items()) + list(_permission_modules.items()))


@dataclass(frozen=True)
class AdminPage:
    """A page of the administrators' settings that a domain app adds (a tab beside Users)."""

    section: str
    label: str
    url_name: str
    order: int = 100


_admin_pages: dict[str, AdminPage] = {}


def register_admin_page(section: str, label: str, url_name: str, *, order: int = 100
                        ) -> AdminPage:
    """Add a tab to the administrators' pages; `section` names it for highlighting."""
    page = AdminPage(section=section, label=label, url_name=url_name, order=order)
    _admin_pages[section] = page
    return page


def admin_pages() -> list[AdminPage]:
    """Return the administrators' pages domain apps added, in tab order."""
    return sorted(_admin_pages.values(), key=lambda page: (page.order, page.section))


@dataclass(frozen=True)
class DetailPanel:
    """A section another app adds to a record type's detail page (an account's analytics, say).

    `context(request, obj)` returns the template's context, or None to leave the section out
    (the viewer may not see it); `template_name` renders it in the page's side column.
    """

    key: str
    model: type
    template_name: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


_detail_panels: dict[str, DetailPanel] = {}


def register_detail_panel(key: str, model: type, *, template_name: str,
                          context: Callable[[Any, Any], dict | None], order: int = 100
                          ) -> DetailPanel:
    """Add a section to the detail page of `model`'s records; `key` names it once."""
    panel = DetailPanel(key=key, model=model, template_name=template_name, context=context,
                        order=order)
    _detail_panels[key] = panel
    return panel


def detail_panels(model: type) -> list[DetailPanel]:
    """Return the sections other apps added to `model`'s detail page, in order."""
    return sorted((panel for panel in _detail_panels.values() if panel.model is model),
                  key=lambda panel: (panel.order, panel.key))


@dataclass(frozen=True)
class RecordExtra:
    """A read-only value another app adds to a record type's API representation (an
    account's current analytics classes, say).

    `load(user, records)` returns {record id: value} for a page of records in one go; records
    it leaves out read as null. It decides itself what `user` may see.
    """

    name: str
    model: type
    load: Callable[[Any, list], dict]


_record_extras: dict[tuple[type, str], RecordExtra] = {}


def register_record_extra(model: type, name: str, load: Callable[[Any, list], dict]
                          ) -> RecordExtra:
    """Add the read-only key `name` to the API's representation of `model`'s records."""
    extra = RecordExtra(name=name, model=model, load=load)
    _record_extras[(model, name)] = extra
    return extra


def record_extras(model: type) -> list[RecordExtra]:
    """Return the keys other apps added to `model`'s API representation, by name."""
    return sorted((extra for (owner, _name), extra in _record_extras.items() if owner is model),
                  key=lambda extra: extra.name)


@dataclass(frozen=True)
class ListFilters:
    """Filters another app adds to a record type's lists, pages, API and exports alike (an
    account's analytics classes, say).

    `build(user)` returns {query parameter: a new django-filter `Filter`} for the filters
    `user` may use; one it leaves out is an unknown parameter, as any other.
    """

    key: str
    model: type
    build: Callable[[Any], dict]


_list_filters: dict[str, ListFilters] = {}


def register_list_filters(key: str, model: type, build: Callable[[Any], dict]) -> ListFilters:
    """Add the filters `build(user)` returns to the lists of `model`'s records."""
    filters = ListFilters(key=key, model=model, build=build)
    _list_filters[key] = filters
    return filters


def list_filters(model: type) -> list[ListFilters]:
    """Return the filters other apps added to `model`'s lists, by key."""
    return sorted((filters for filters in _list_filters.values() if filters.model is model),
                  key=lambda filters: filters.key)


_demo_steps: dict[str, tuple[int, Callable[..., None]]] = {}


def register_demo_step(name: str, step: Callable[..., None], *, order: int = 100) -> None:
    """Add a step to the demo company's creation: `step(seed=...)` runs after the records of
    the domain apps exist (an app that reads them adds what it derives from them)."""
    _demo_steps[name] = (order, step)


def demo_steps() -> list[Callable[..., None]]:
    """Return the added demo steps in order."""
    return [step for _order, step in sorted(_demo_steps.values(), key=lambda item: item[0])]
