"""Routes of /api/v1/: the platform's endpoints and every registered module's viewset.

Domain apps are never imported by name: each installed app's `<app>.api.views` is imported by
its package path, and registers its viewsets there with `register_viewset`.
"""

from __future__ import annotations

import importlib

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views
from .registry import routes


def load_module_viewsets() -> None:
    """Import `<app>.api.views` of every installed Clientela app that has one."""
    from django.apps import apps

    for config in apps.get_app_configs():
        package = config.name
        if not package.startswith("clientela."):
            continue
        name = f"{package}.api.views"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name not in (name, f"{package}.api"):
                raise


load_module_viewsets()

app_name = "api"
router = SimpleRouter()
for route in routes():
    router.register(route.prefix, route.viewset, basename=route.basename)

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
