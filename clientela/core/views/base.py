"""What every generic record view shares: the module, the restricted queryset, URL names."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from clientela.core import registry
from clientela.core.permissions import can, field_rules, restrict

__all__ = ["RecordViewMixin", "record_url", "safe_return_url"]


def record_url(model: type[Model] | Model, action: str = "", pk: int | None = None) -> str:
    """Return the URL of a module page: `<app>:<model>_<action>`, the detail page when no action.

    Args:
        model: the model class or a record (whose pk is then used).
        action: list, add, edit, delete, history, bulk_edit, bulk_delete, export; "" for detail.
        pk: the record's id, for the per-record pages.
    """
    if isinstance(model, Model):
        pk = model.pk if pk is None else pk
    meta = model._meta
    name = f"{meta.app_label}:{meta.model_name}" + (f"_{action}" if action else "")
    return reverse(name, args=[pk] if pk is not None else [])


def safe_return_url(request, fallback: str) -> str:
    """Return the `return_url` the request carries when it points to this site, else fallback."""
    candidate = request.POST.get("return_url") or request.GET.get("return_url") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


class RecordViewMixin(LoginRequiredMixin):
    """Base of the generic views: `queryset` declares the model, `permission_action` the need.

    Attributes:
        queryset: the module's records, with the `select_related` its pages need.
        permission_action: view, edit or delete; the queryset is restricted to it.
    """

    queryset: QuerySet
    permission_action = "view"

    @property
    def model(self) -> type[Model]:
        return self.queryset.model

    @property
    def module(self) -> registry.Module:
        module = registry.module_for_model(self.model)
        if module is None:
            raise LookupError(f"{self.model.__name__} is not a registered module.")
        return module

    def get_queryset(self, action: str | None = None) -> QuerySet:
        """Return the declared queryset narrowed to what the user may `action` (default: ours)."""
        return restrict(self.queryset.all(), self.request.user, action or self.permission_action)

    def get_object(self, pk) -> Model:
        """Return the record for this view's action.

        A record the user may not see is a 404; one they may see but not act on is a 403.
        """
        try:
            obj = self.get_queryset("view").get(pk=pk)
        except (self.model.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
        if self.permission_action != "view" and not self.may(obj, self.permission_action):
            raise PermissionDenied
        return obj

    def may(self, obj: Model, action: str) -> bool:
        """Return whether the user may `action` this record."""
        return restrict(self.queryset.model.objects.filter(pk=obj.pk), self.request.user,
                        action).exists()

    def require(self, action: str) -> None:
        """Refuse with 403 unless the user holds the module-wide grant `action`."""
        if not can(self.request.user, self.module.slug, action):
            raise PermissionDenied

    @property
    def hidden_fields(self) -> frozenset[str]:
        return field_rules(self.request.user, self.module.slug)[0]

    def base_context(self) -> dict:
        """Return what every generic template reads about the module."""
        return {
            "module": self.module,
            "model_meta": self.model._meta,
            "list_url": record_url(self.model, "list"),
            "add_url": (
                record_url(self.model, "add")
                if can(self.request.user, self.module.slug, "create") else None
            ),
        }


def optional_url(name: str, *args) -> str | None:
    """Return the URL named `name`, or None while another part of the site does not define it."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
