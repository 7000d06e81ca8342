"""The home page: what the user owns and recently changed, and how many records they may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from clientela.core import registry
from clientela.core.permissions import can, restrict

from .base import record_url

__all__ = ["home"]


@login_required
def home(request):
    """Render the dashboard: per visible module, its count, its other pages and the user's
    latest records."""
    user = request.user
    pages = registry.nav_links()
    sections = []
    for module in registry.modules():
        if not can(user, module.slug, "view"):
            continue
        visible = restrict(module.model.objects.all(), user, "view")
        recent = list(visible.filter(owner_id=user.pk).order_by("-updated_at", "-pk")[:5])
        sections.append({
            "module": module,
            "count": visible.count(),
            "mine": visible.filter(owner_id=user.pk).count(),
            "recent": recent,
            "list_url": record_url(module.model, "list"),
            # The module's other pages (a board, a forecast, a dashboard), beside its list.
            "pages": [page for page in pages if page.module == module.slug],
            "add_url": record_url(module.model, "add") if can(user, module.slug, "create")
            else None,
        })
    return render(request, "core/home.html", {"sections": sections})
