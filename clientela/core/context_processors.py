"""Template context every page shares: the navigation, built from the registry and the role."""

from itertools import groupby

from . import registry
from .permissions import can


def navigation(request) -> dict:
    """Return the modules and pages the user may open, grouped for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": []}
    visible = [module for module in registry.modules() if can(user, module.slug, "access")]
    visible += [link for link in registry.nav_links() if can(user, link.module, "access")]
    visible.sort(key=lambda item: (item.order, str(item.label)))
    groups = [
        (str(group), list(items))
        for group, items in groupby(visible, key=lambda module: str(module.group))
    ]
    return {"nav_groups": groups}
