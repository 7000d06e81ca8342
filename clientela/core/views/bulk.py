"""Bulk edit and bulk delete of the records picked on a list page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from clientela.core.exceptions import ApplicationError

from .base import RecordViewMixin, record_url, safe_return_url

__all__ = ["BulkDeleteView", "BulkEditView"]


class BulkActionMixin(RecordViewMixin):
    """Read the selected ids; only those the user may act on are touched."""

    def selected_ids(self) -> list[int]:
        return [int(pk) for pk in self.request.POST.getlist("pk") if pk.isdigit()]

    def selected(self):
        """Return (records the user may act on, how many selected ones were left out)."""
        ids = self.selected_ids()
        records = list(self.get_queryset().filter(pk__in=ids))
        return records, len(set(ids)) - len(records)

    def list_url(self) -> str:
        return safe_return_url(self.request, record_url(self.model, "list"))

    def get(self, request):
        return HttpResponseRedirect(record_url(self.model, "list"))


class BulkEditView(BulkActionMixin, View):
    """Set the chosen fields on every selected record the user may edit, all or nothing.

    Attributes:
        form: the module's `BulkEditForm` subclass.
    """

    form: type
    permission_action = "edit"
    template_name = "generic/bulk_edit.html"

    def post(self, request):
        records, skipped = self.selected()
        applying = "_apply" in request.POST
        form = self.form(request.POST if applying else None, user=request.user,
                         module_slug=self.module.slug)
        if not records:
            messages.warning(request, _("None of the selected records can be edited by you."))
            return HttpResponseRedirect(self.list_url())
        if applying and form.is_valid():
            changes = form.changes()
            if not changes:
                form.add_error(None, _("Choose at least one field to set."))
            else:
                try:
                    with transaction.atomic():
                        for record in records:
                            self.update_object(record, changes)
                except ValidationError as error:
                    form.add_error(None, self.describe(record, error))
                except ApplicationError as error:
                    form.add_error(None, f"{record}: {error.message}")
                else:
                    messages.success(request, ngettext(
                        "Updated %(count)d record.", "Updated %(count)d records.", len(records)
                    ) % {"count": len(records)})
                    return HttpResponseRedirect(self.list_url())
        return render(request, self.template_name, {
            **self.base_context(), "form": form, "records": records, "skipped": skipped,
            "return_url": self.list_url(),
        })

    def update_object(self, record, changes: dict) -> None:
        """Apply `changes` to one record through the normal write path."""
        for name, value in changes.items():
            setattr(record, name, value)
        record.stamp(self.request.user)
        record.full_clean()
        record.save()

    @staticmethod
    def describe(record, error: ValidationError) -> str:
        messages_ = (
            [f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()]
            if hasattr(error, "error_dict") else error.messages
        )
        return _("%(record)s was not changed: %(errors)s") % {
            "record": record, "errors": "; ".join(messages_)
        }


class BulkDeleteView(BulkActionMixin, View):
    """Ask, then move every selected record the user may delete to the recycle bin."""

    permission_action = "delete"
    template_name = "generic/bulk_delete.html"

    def post(self, request):
        records, skipped = self.selected()
        if not records:
            messages.warning(request, _("None of the selected records can be deleted by you."))
            return HttpResponseRedirect(self.list_url())
        if "_confirm" in request.POST:
            with transaction.atomic():
                for record in records:
                    record.soft_delete(request.user)
            messages.success(request, ngettext(
                "Moved %(count)d record to the recycle bin.",
                "Moved %(count)d records to the recycle bin.", len(records),
            ) % {"count": len(records)})
            return HttpResponseRedirect(self.list_url())
        return render(request, self.template_name, {
            **self.base_context(), "records": records, "skipped": skipped,
            "return_url": self.list_url(),
        })
