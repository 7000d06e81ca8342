"""The viewset every record type's API inherits: CRUD, locking, bulk and history."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from clientela.core import registry
from clientela.core.exceptions import ApplicationError, StaleVersionError
from clientela.core.models import ObjectChange
from clientela.core.permissions import can, field_rules, restrict

from .exceptions import flatten_errors
from .parsers import JSONParser

BULK_LIMIT = 1000

# The grant each action needs on the record it works on; actions not listed need `view`.
OBJECT_ACTIONS = {"update": "edit", "partial_update": "edit", "destroy": "delete"}


class RecordPermission(permissions.BasePermission):
    """Allow the module to users whose role grants access, creation to those who may create,
    and a write on a record to those whose edit (or delete) scope reaches it.

    Records outside the view scope never reach this check: the queryset hides them (404).
    """

    message = _("Your role does not allow this.")

    def has_permission(self, request, view) -> bool:
        slug = view.module.slug
        if not can(request.user, slug, "access"):
            return False
        if view.action == "create" or (view.action == "bulk" and request.method == "POST"):
            return can(request.user, slug, "create")
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        needed = view.object_actions.get(view.action, "view")
        if needed == "view":
            return True
        return restrict(type(obj).objects.filter(pk=obj.pk), request.user, needed).exists()


class RecordOrderingFilter(OrderingFilter):
    """`?ordering=a,-b` over the view's allow-list; anything else is a 400 naming `ordering`."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            return self.get_default_ordering(view)
        fields = [term.strip() for term in raw.split(",") if term.strip()]
        allowed = set(view.allowed_ordering())
        unknown = [term for term in fields if term.lstrip("-") not in allowed]
        if unknown:
            raise exceptions.ValidationError({"ordering": [
                _("Cannot sort by %(fields)s. Sort by one of: %(allowed)s.")
                % {"fields": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
            ]})
        if not any(term.lstrip("-") in ("id", "pk") for term in fields):
            fields.append("id")
        return fields


class RecordFilterBackend(DjangoFilterBackend):
    """Filter lists with the module's filterset; unknown parameters are a 400 naming them."""

    def get_filterset_kwargs(self, request, queryset, view):
        data = request.query_params.copy()
        if data.get("search") and "q" not in data:
            data["q"] = data["search"]
        return {"data": data, "queryset": queryset, "request": request, "only_given": True}

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        hidden = view.hidden_fields()
        unknown = filterset.unknown_parameters(request.query_params.keys())
        unknown += [
            name for name in request.query_params
            if name not in unknown and _filtered_field(name) in hidden
        ]
        if unknown:
            raise exceptions.ValidationError(
                {name: [_("Unknown filter.")] for name in sorted(unknown)}
            )
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return filterset.qs


def _filtered_field(name: str) -> str:
    if name.startswith("custom__"):
        return name.split("__")[1]
    return name.split("__")[0]


def parse_version(raw: Any) -> int | None:
    """Return the version a client says it saw (`If-Match: "3"`, `W/"3"` or `3`), or None."""
    if raw in (None, "", "*"):
        return None
    if isinstance(raw, str):
        raw = raw.strip().removeprefix("W/").strip('"')
    if isinstance(raw, bool):
        raw = None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise exceptions.ValidationError(
            {"version": [_("Send the version you loaded as a whole number.")]}
        ) from None


class ObjectChangeSerializer(serializers.ModelSerializer):
    """One entry of a record's history, without the fields the viewer may not see."""

    changes = serializers.SerializerMethodField()

    class Meta:
        model = ObjectChange
        fields = ["id", "action", "user", "user_name", "at", "changes"]

    def get_changes(self, change: ObjectChange) -> dict[str, list]:
        return change.visible_changes(self.context.get("hidden", frozenset()))


BULK_ITEM_ERRORS = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"type": "string"}}},
    },
}


@extend_schema_view(
    list=extend_schema(parameters=[
        OpenApiParameter("search", str, description="Words to find in the name-like fields."),
        OpenApiParameter("expand", str, description="Comma-separated foreign keys to inline."),
    ]),
    retrieve=extend_schema(parameters=[
        OpenApiParameter("expand", str, description="Comma-separated foreign keys to inline."),
    ]),
    update=extend_schema(parameters=[
        OpenApiParameter("If-Match", str, OpenApiParameter.HEADER,
                         description='The version you loaded, e.g. "3"; stale → 409.'),
    ]),
    partial_update=extend_schema(parameters=[
        OpenApiParameter("If-Match", str, OpenApiParameter.HEADER,
                         description='The version you loaded, e.g. "3"; stale → 409.'),
    ]),
)
class RecordViewSet(viewsets.ModelViewSet):
    """CRUD of one record type, restricted to what the requesting user may see and do.

    A module's viewset declares `queryset`, `serializer_class`, `filterset_class` and
    `ordering_fields`; everything else (permissions, 403 vs 404, optimistic locking, soft
    delete, `?expand=`, bulk writes and history) comes from here.
    """

    permission_classes = [permissions.IsAuthenticated, RecordPermission]
    parser_classes = [JSONParser]
    filter_backends = [RecordFilterBackend, RecordOrderingFilter]
    ordering_fields: list[str] = ["id", "created_at", "updated_at"]
    object_actions: dict[str, str] = OBJECT_ACTIONS
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def module(self) -> registry.Module:
        module = registry.module_for_model(self.queryset.model)
        if module is None:
            raise LookupError(f"{self.queryset.model.__name__} is not a registered module.")
        return module

    def hidden_fields(self) -> frozenset[str]:
        return field_rules(self.request.user, self.module.slug)[0]

    def allowed_ordering(self) -> list[str]:
        """Return the fields this user may sort by: the allow-list without hidden fields."""
        hidden = self.hidden_fields()
        return [name for name in self.ordering_fields if name not in hidden]

    def expand(self) -> list[str]:
        """Return the foreign keys named in `?expand=`; unknown names are a 400."""
        raw = self.request.query_params.get("expand", "")
        names = [name.strip() for name in raw.split(",") if name.strip()]
        allowed = set(self.get_serializer_class().expandable_fields()) - self.hidden_fields()
        unknown = [name for name in names if name not in allowed]
        if unknown:
            raise exceptions.ValidationError({"expand": [
                _("Cannot expand %(fields)s. Expand one of: %(allowed)s.")
                % {"fields": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
            ]})
        return names

    def get_queryset(self):
        queryset = restrict(self.queryset.all(), self.request.user, "view")
        if self.action in ("list", "retrieve") and (names := self.expand()):
            queryset = queryset.select_related(*names)
        return queryset

    def filter_queryset(self, queryset):
        # Filters, search and ordering shape lists only; a record is addressed by its id alone.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "request", None) is not None and self.request.user is not None:
            if self.action in ("list", "retrieve"):
                context["expand"] = self.expand()
            if self.action in ("update", "partial_update"):
                context["expected_version"] = self.expected_version()
        return context

    def expected_version(self) -> int | None:
        """Return the version the client loaded, from If-Match or the body's `version`."""
        header = self.request.headers.get("If-Match")
        if header:
            return parse_version(header)
        data = self.request.data
        return parse_version(data.get("version")) if isinstance(data, dict) else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        single = getattr(self, "action", None) in (
            "retrieve", "create", "update", "partial_update"
        )
        if single and response.status_code < 300 and isinstance(data, dict) and "version" in data:
            response["ETag"] = f'"{data["version"]}"'
        return response

    def perform_destroy(self, instance) -> None:
        instance.soft_delete(self.request.user)

    # Bulk ----------------------------------------------------------------------------------

    @extend_schema(
        methods=["POST"],
        request={"application/json": {"type": "array", "items": {"type": "object"}}},
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT), 400: BULK_ITEM_ERRORS},
        description="Create up to 1,000 records in one transaction; any error writes nothing.",
    )
    @extend_schema(
        methods=["PATCH"],
        request={"application/json": {"type": "array", "items": {"type": "object"}}},
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT), 400: BULK_ITEM_ERRORS},
        description="Update up to 1,000 records ({id, version?, ...fields}) in one transaction.",
    )
    @extend_schema(
        methods=["DELETE"],
        request=inline_serializer("BulkDelete", {"ids": serializers.ListField(
            child=serializers.IntegerField())}),
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT), 400: BULK_ITEM_ERRORS},
        description="Move up to 1,000 records to the recycle bin in one transaction.",
    )
    @action(detail=False, methods=["post", "patch", "delete"], url_path="bulk")
    def bulk(self, request):
        """Create, update or delete many records at once: all written, or none (400)."""
        if request.method == "DELETE":
            items = request.data.get("ids") if isinstance(request.data, dict) else None
            if not isinstance(items, list):
                raise exceptions.ValidationError({"ids": [_("Send a list of record ids.")]})
        else:
            items = request.data
            if not isinstance(items, list):
                raise exceptions.ValidationError(
                    {"non_field_errors": [_("Send a list of records.")]}
                )
        if len(items) > BULK_LIMIT:
            raise exceptions.ValidationError({"non_field_errors": [
                _("Send at most %(limit)d records at once.") % {"limit": BULK_LIMIT}
            ]})
        handle = {"POST": self._bulk_create, "PATCH": self._bulk_update,
                  "DELETE": self._bulk_delete}[request.method]
        results: list[Any] = []
        errors: dict[str, list[str]] = {}
        with transaction.atomic():
            for index, item in enumerate(items):
                prefix = f"[{index}]"
                try:
                    with transaction.atomic():
                        results.append(handle(item))
                except exceptions.ValidationError as error:
                    errors.update(flatten_errors(error.detail, prefix))
                except StaleVersionError as error:
                    errors[f"{prefix}.version"] = [error.message]
                except ApplicationError as error:
                    errors[f"{prefix}.{error.field or 'id'}"] = [error.message]
                except (Http404, exceptions.NotFound):
                    errors[f"{prefix}.id"] = [_("No such record.")]
                except exceptions.PermissionDenied:
                    errors[f"{prefix}.id"] = [_("Your role does not allow this.")]
                except IntegrityError:
                    errors[prefix] = [_("This record conflicts with another one.")]
            if errors:
                transaction.set_rollback(True)
                return Response(
                    {"detail": _("Nothing was written: some records are invalid."),
                     "errors": errors},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        return Response({"results": results})

    def _bulk_create(self, item) -> dict:
        serializer = self.get_serializer(data=item)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return serializer.data

    def _bulk_instance(self, record_id: Any, needed: str) -> models.Model:
        if isinstance(record_id, bool) or not isinstance(record_id, int | str):
            raise exceptions.ValidationError({"id": [_("Send the record's id.")]})
        try:
            instance = self.get_queryset().get(pk=int(record_id))
        except (ValueError, self.queryset.model.DoesNotExist):
            raise exceptions.NotFound() from None
        if not restrict(type(instance).objects.filter(pk=instance.pk), self.request.user,
                        needed).exists():
            raise exceptions.PermissionDenied()
        return instance

    def _bulk_update(self, item) -> dict:
        if not isinstance(item, dict):
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Send an object with the record's id.")]}
            )
        instance = self._bulk_instance(item.get("id"), "edit")
        context = self.get_serializer_context()
        context["expected_version"] = parse_version(item.get("version"))
        serializer = self.get_serializer_class()(
            instance, data=item, partial=True, context=context
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return serializer.data

    def _bulk_delete(self, record_id) -> dict:
        instance = self._bulk_instance(record_id, "delete")
        instance.soft_delete(self.request.user)
        return {"id": instance.pk, "deleted": True}

    # History -------------------------------------------------------------------------------

    @extend_schema(responses=ObjectChangeSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Return the record's change log, newest first, without fields the user may not see."""
        record = self.get_object()
        changes = ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        ).order_by("-at", "-pk")
        page = self.paginate_queryset(changes)
        serializer = ObjectChangeSerializer(
            page, many=True, context={"hidden": self.hidden_fields(), "request": request}
        )
        return self.get_paginated_response(serializer.data)
