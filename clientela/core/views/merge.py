"""The merge page: compare duplicates side by side, pick the values that win, merge."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from clientela.core.exceptions import ApplicationError, PermissionDeniedError, StaleVersionError
from clientela.core.forms.merge import MAX_RECORDS, MergeForm
from clientela.core.merge import related_counts
from clientela.core.models import Record
from clientela.core.permissions import restrict

from .base import RecordViewMixin, record_url
from .objects import Action


class RecordMergeView(RecordViewMixin, View):
    """`/<module>/merge/?pk=1&pk=2`: compare the records, choose the values, merge.

    Attributes:
        merge: the domain service as a staticmethod, `(survivor=, duplicates=, fields=,
            user=, expected_version=) -> Record`.
        derived: fields the service recomputes, not offered for choice.
    """

    permission_action = "edit"
    template_name = "generic/merge.html"
    merge: Callable[..., Record]
    derived: tuple[str, ...] = ()

    def selected_ids(self, data) -> list[int]:
        """Return the distinct ids the request names (`pk`), in order, at most MAX_RECORDS."""
        ids: list[int] = []
        for raw in data.getlist("pk"):
            if raw.isdigit() and int(raw) not in ids:
                ids.append(int(raw))
        return ids[:MAX_RECORDS]

    def mergeable(self, ids: list[int]) -> list[Record]:
        """Return the records the user may see among `ids`, in order; others are dropped."""
        found = {record.pk: record for record in self.get_queryset("view").filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def candidates(self, query: str, exclude: list[int]) -> list[Record]:
        """Return up to 20 records matching `query` the user could merge away."""
        if not query:
            return []
        condition = Q()
        for name in self.module.search_fields:
            condition |= Q(**{f"{name}__icontains": query})
        rows = self.get_queryset("delete").filter(condition).exclude(pk__in=exclude)
        return list(restrict(rows, self.request.user, "edit")[:20])

    def get(self, request):
        self.require("edit")
        records = self.mergeable(self.selected_ids(request.GET))
        if len(records) < 2:
            return self.render_page(records, None)
        return self.render_page(records, self.make_form(records))

    def post(self, request):
        self.require("edit")
        if "survivor" not in request.POST:
            # A list's selection posted here ("Merge selected") opens the comparison.
            query = urlencode([("pk", pk) for pk in self.selected_ids(request.POST)])
            return HttpResponseRedirect(f"{record_url(self.model, 'merge')}?{query}")
        records = self.mergeable(self.selected_ids(request.POST))
        if len(records) < 2:
            messages.error(request, _("Choose at least two records to merge."))
            return self.render_page(records, None)
        form = self.make_form(records, request.POST)
        if not form.is_valid():
            return self.render_page(records, form)
        survivor = next(record for record in records if record.pk == form.cleaned_data["survivor"])
        duplicates = [record.pk for record in records if record.pk != survivor.pk]
        version = request.POST.get(f"version_{survivor.pk}", "")
        try:
            result = self.merge(
                survivor=survivor, duplicates=duplicates, fields=form.merge_fields(),
                user=request.user, expected_version=int(version) if version.isdigit() else None,
            )
        except StaleVersionError as error:
            messages.error(request, error.message)
            return self.render_page(self.mergeable([record.pk for record in records]),
                                    self.make_form(records))
        except PermissionDeniedError as error:
            raise PermissionDenied(error.message) from error
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.render_page(records, form)
        except ValidationError as error:
            form.add_merge_error(error)
            return self.render_page(records, form)
        messages.success(request, _("Merged %(count)d records into %(record)s.") % {
            "count": len(duplicates), "record": result,
        })
        return HttpResponseRedirect(result.get_absolute_url())

    def make_form(self, records: list[Record], data=None) -> MergeForm:
        return MergeForm(data, records=records, user=self.request.user, derived=self.derived)

    def render_page(self, records: list[Record], form: MergeForm | None):
        ids = [record.pk for record in records]
        query = self.request.GET.get("q", "").strip()
        counts = related_counts(self.model, ids) if len(records) > 1 else []
        merge_url = record_url(self.model, "merge")

        def page_url(pks: list[int]) -> str:
            return f"{merge_url}?{urlencode([('pk', pk) for pk in pks])}"

        return render(self.request, self.template_name, {
            **self.base_context(),
            "records": [
                {"record": record, "url": record.get_absolute_url(),
                 "remove_url": page_url([pk for pk in ids if pk != record.pk])}
                for record in records
            ],
            "ids": ids,
            "form": form,
            "related": [(count.label, [count.counts[pk] for pk in ids]) for count in counts],
            "query": query,
            "candidates": [
                (candidate, page_url([*ids, candidate.pk]))
                for candidate in self.candidates(query, ids)
            ],
            "merge_url": merge_url,
            "full": len(ids) >= MAX_RECORDS,
        })


def merge_action(view: RecordViewMixin, obj: Record) -> list:
    """Return the detail page's "Merge with…" button, when the user may edit the record."""
    if not view.may(obj, "edit"):
        return []
    url = f"{record_url(type(obj), 'merge')}?{urlencode({'pk': obj.pk})}"
    return [Action(_("Merge with…"), url, "bi-intersect")]
