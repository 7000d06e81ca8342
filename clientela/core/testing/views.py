"""The generic page tests every record type inherits.

A module's `tests/test_views.py` declares a subclass with its model, URL base, form data and
a `make(user, **fields)` that creates a record through the normal write path; each test here
then checks one rule of the generic pages for that module: who sees which records, who may
change them, what a refused request leaves behind (nothing), the change log, field rules,
optimistic locking, bulk actions, exports, and a query-count baseline of the list page.

The fixtures come from the root conftest: `rep` (sales rep in East), `teammate` (East),
`outsider` (West), `reader` (read-only), `manager`.
"""

from __future__ import annotations

import csv
import io
from typing import Any, ClassVar

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientela.core.models import ObjectChange
from clientela.customization.models import CustomField
from clientela.users.models import FieldPermission

__all__ = ["RecordViewTests"]


class RecordViewTests:
    """Permission, write and listing rules of one module's generic pages.

    Attributes:
        model: the module's model.
        app: the URL namespace, e.g. "accounts"; URL names are `<app>:<model>_<action>`.
        module_slug: the registered module.
        form_data: valid data of the create form.
        edit_data: valid changes for the edit form (merged over `form_data`).
        invalid_data: data that makes one field invalid, and `invalid_field` its name.
        bulk_edit_data: one field and value for bulk edit (a choice field is best).
        hidden_field: a field hidden by a field rule in the visibility tests; its value in
            `make()` records must be `hidden_value`.
        extra_form_data: sent with every create/edit form (e.g. empty formsets).
    """

    model: ClassVar[type]
    app: ClassVar[str]
    module_slug: ClassVar[str]
    form_data: ClassVar[dict[str, Any]]
    edit_data: ClassVar[dict[str, Any]]
    invalid_data: ClassVar[dict[str, Any]]
    invalid_field: ClassVar[str]
    bulk_edit_data: ClassVar[dict[str, Any]]
    hidden_field: ClassVar[str]
    hidden_value: ClassVar[str]
    extra_form_data: ClassVar[dict[str, Any]] = {}

    def make(self, user, **fields):
        """Return a new record owned by `user`, saved through stamp/full_clean/save."""
        raise NotImplementedError

    # helpers

    @pytest.fixture(autouse=True)
    def form_owner(self, rep):
        """Let the edit forms name `rep` as the owner, as the page preselects it."""
        self.owner_pk = rep.pk

    def data(self, *parts: dict[str, Any]) -> dict[str, Any]:
        """Return the edit form data: `form_data`, the owner, the extra data, then `parts`."""
        merged = {**self.form_data, "owner": self.owner_pk, **self.extra_form_data}
        for part in parts:
            merged.update(part)
        return merged

    def url(self, action: str = "", pk: int | None = None) -> str:
        name = f"{self.app}:{self.model._meta.model_name}" + (f"_{action}" if action else "")
        return reverse(name, args=[pk] if pk is not None else [])

    def snapshot(self) -> list[tuple]:
        """Return every row of the model (recycle bin included), to compare before and after."""
        return list(self.model.all_objects.order_by("pk").values_list())

    def changes_of(self, record) -> list[str]:
        return list(
            ObjectChange.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=record.pk
            ).order_by("pk").values_list("action", flat=True)
        )

    def hide(self, user, field: str) -> None:
        FieldPermission.objects.create(role=user.role, module=self.module_slug, field=field,
                                       access="hidden")

    @pytest.fixture
    def records(self, rep, teammate, outsider):
        return {
            "own": self.make(rep),
            "team": self.make(teammate),
            "other": self.make(outsider),
        }

    # listing

    def test_list_shows_exactly_the_records_the_user_may_see(self, client, records, rep,
                                                              outsider, reader):
        expected = {
            rep: {records["own"].pk, records["team"].pk},
            outsider: {records["other"].pk},
            reader: {record.pk for record in records.values()},
        }
        for user, visible in expected.items():
            client.force_login(user)
            response = client.get(self.url("list"))
            assert response.status_code == 200
            assert {record.pk for record, _cells in response.context["rows"]} == visible

    def test_list_htmx_request_renders_only_the_table(self, client, records, rep):
        client.force_login(rep)
        response = client.get(self.url("list"), {"page_size": "25"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        content = response.content.decode()
        assert content.lstrip().startswith('<div id="record-table">')
        assert "<html" not in content

    def test_list_query_count_does_not_grow_with_the_page(self, client, rep):
        client.force_login(rep)
        for _ in range(5):
            self.make(rep)
        # Both requests start with cold caches (custom field definitions, counts), so only the
        # number of rows differs between them.
        cache.clear()
        with CaptureQueriesContext(connection) as five:
            assert client.get(self.url("list"), {"page_size": "100"}).status_code == 200
        for _ in range(45):
            self.make(rep)
        cache.clear()
        with CaptureQueriesContext(connection) as fifty:
            response = client.get(self.url("list"), {"page_size": "100"})
        assert len(response.context["rows"]) == 50
        assert len(fifty) == len(five)

    def test_sorting_by_a_column_header_orders_the_rows(self, client, records, reader):
        client.force_login(reader)
        table = client.get(self.url("list")).context["table"]
        key = next(column.name for column in table.available() if column.sortable)
        ascending = client.get(self.url("list"), {"sort": key}).context["rows"]
        descending = client.get(self.url("list"), {"sort": f"-{key}"}).context["rows"]
        assert [record.pk for record, _ in ascending] == [
            record.pk for record in self.model.objects.order_by(key, "pk")
        ]
        assert [record.pk for record, _ in descending] == [
            record.pk for record in self.model.objects.order_by(f"-{key}", "pk")
        ]

    def test_chosen_columns_and_saved_views_are_kept_per_user(self, client, records, rep):
        client.force_login(rep)
        table = client.get(self.url("list")).context["table"]
        picked = [column.name for column in table.available()][-2:]
        client.post(self.url("list"), {"action": "columns", "columns": picked})
        response = client.get(self.url("list"))
        assert [column.name for column in response.context["columns"]] == picked
        client.post(self.url("list"), {"action": "save_view", "name": "Mine",
                                       "query": "sort=-created_at"})
        saved = rep.saved_views.get(module=self.module_slug)
        assert (saved.name, saved.query, saved.columns) == ("Mine", "sort=-created_at", picked)
        response = client.get(self.url("list"), {"_view": saved.pk})
        assert response.status_code == 302
        assert response["Location"].endswith("?sort=-created_at")

    # detail

    def test_detail_of_a_record_the_user_may_not_see_is_404(self, client, records, rep):
        client.force_login(rep)
        assert client.get(self.url("", records["own"].pk)).status_code == 200
        assert client.get(self.url("", records["team"].pk)).status_code == 200
        assert client.get(self.url("", records["other"].pk)).status_code == 404
        assert client.get(self.url("history", records["other"].pk)).status_code == 404

    def test_detail_and_history_leave_out_hidden_fields(self, client, records, rep, manager):
        record = records["own"]
        self.hide(rep, self.hidden_field)
        client.force_login(rep)
        for action in ("", "history"):
            response = client.get(self.url(action, record.pk))
            assert response.status_code == 200
            assert self.hidden_value not in response.content.decode()
        history = client.get(self.url("history", record.pk)).context["history"]
        assert [entry["change"].action for entry in history] == ["create"]
        assert history[0]["rows"]
        client.force_login(manager)
        assert self.hidden_value in client.get(self.url("", record.pk)).content.decode()

    # create and edit

    def test_create_without_the_grant_is_refused(self, client, records, reader):
        client.force_login(reader)
        before = self.snapshot()
        assert client.get(self.url("add")).status_code == 403
        assert client.post(self.url("add"), self.data()).status_code == 403
        assert self.snapshot() == before

    def test_valid_create_writes_the_record_and_its_change_log(self, client, rep):
        client.force_login(rep)
        response = client.post(self.url("add"), self.data())
        assert response.status_code == 302, response.context and response.context["form"].errors
        record = self.model.objects.get()
        assert response["Location"] == record.get_absolute_url()
        assert (record.owner, record.created_by, record.version) == (rep, rep, 1)
        for name, value in self.form_data.items():
            if name not in {"owner", "tags"}:
                assert str(getattr(record, name)) == str(value)
        assert self.changes_of(record) == ["create"]

    def test_valid_edit_writes_the_record_and_its_change_log(self, client, records, rep):
        record = records["own"]
        client.force_login(rep)
        data = self.data(self.edit_data, {"version": record.version})
        response = client.post(self.url("edit", record.pk), data)
        assert response.status_code == 302, response.context and response.context["form"].errors
        record.refresh_from_db()
        assert record.version == 2
        for name, value in self.edit_data.items():
            assert str(getattr(record, name)) == str(value)
        assert self.changes_of(record) == ["create", "update"]

    def test_edit_is_404_when_unseen_and_403_when_not_editable(self, client, records, rep):
        client.force_login(rep)
        before = self.snapshot()
        data = self.data(self.edit_data)
        assert client.get(self.url("edit", records["other"].pk)).status_code == 404
        assert client.post(self.url("edit", records["other"].pk), data).status_code == 404
        assert client.get(self.url("edit", records["team"].pk)).status_code == 403
        assert client.post(self.url("edit", records["team"].pk), data).status_code == 403
        assert self.snapshot() == before

    def test_invalid_input_shows_the_error_on_its_field_and_writes_nothing(self, client,
                                                                           records, rep):
        client.force_login(rep)
        before = self.snapshot()
        for url in (self.url("add"), self.url("edit", records["own"].pk)):
            response = client.post(url, self.data(self.invalid_data, {"version": 1}))
            assert response.status_code == 200
            assert list(response.context["form"].errors) == [self.invalid_field]
            assert f'id="id_{self.invalid_field}_error"' in response.content.decode()
        assert self.snapshot() == before

    def test_stale_version_is_refused_and_changes_nothing(self, client, records, rep):
        record = records["own"]
        record.stamp(rep).save(update_fields=[])
        before = self.snapshot()
        client.force_login(rep)
        data = self.data(self.edit_data, {"version": 1})
        response = client.post(self.url("edit", record.pk), data)
        assert response.status_code == 409
        assert "Someone else changed this record" in response.content.decode()
        assert response.context["form"]["version"].value() == "2"
        assert self.snapshot() == before

    def test_custom_fields_are_edited_typed_and_validated(self, client, records, rep):
        CustomField.objects.create(module=self.module_slug, name="tier", label="Tier",
                                   type="integer")
        record = records["own"]
        client.force_login(rep)
        data = self.data({"version": record.version, "cf_tier": "x"})
        response = client.post(self.url("edit", record.pk), data)
        assert list(response.context["form"].errors) == ["cf_tier"]
        data["cf_tier"] = "3"
        assert client.post(self.url("edit", record.pk), data).status_code == 302
        record.refresh_from_db()
        assert record.custom == {"tier": 3}

    # delete

    def test_delete_moves_the_record_to_the_recycle_bin(self, client, records, rep):
        client.force_login(rep)
        record = records["own"]
        assert client.get(self.url("delete", record.pk)).status_code == 200
        response = client.post(self.url("delete", record.pk))
        assert response.status_code == 302
        stored = self.model.all_objects.get(pk=record.pk)
        assert (stored.deleted_by, self.model.objects.filter(pk=record.pk).exists()) == (
            rep, False,
        )
        assert self.changes_of(record) == ["create", "delete"]

    def test_delete_is_refused_for_records_not_deletable(self, client, records, rep):
        client.force_login(rep)
        before = self.snapshot()
        assert client.post(self.url("delete", records["team"].pk)).status_code == 403
        assert client.post(self.url("delete", records["other"].pk)).status_code == 404
        assert self.snapshot() == before

    # bulk

    def test_bulk_edit_changes_only_the_selected_records_the_user_may_edit(
        self, client, records, rep
    ):
        client.force_login(rep)
        extra = self.make(rep)
        pks = [records["own"].pk, records["team"].pk, records["other"].pk]
        response = client.post(self.url("bulk_edit"), {"pk": pks})
        assert response.status_code == 200
        assert [record.pk for record in response.context["records"]] == [records["own"].pk]
        assert response.context["skipped"] == 2
        before = {key: self.model.objects.values().get(pk=record.pk)
                  for key, record in {**records, "extra": extra}.items()}
        response = client.post(self.url("bulk_edit"),
                               {"pk": pks, "_apply": "1", **self.bulk_edit_data})
        assert response.status_code == 302
        after = {key: self.model.objects.values().get(pk=record.pk)
                 for key, record in {**records, "extra": extra}.items()}
        for name, value in self.bulk_edit_data.items():
            assert str(after["own"][name]) == str(value)
        assert after["own"]["version"] == 2
        assert (after["team"], after["other"], after["extra"]) == (
            before["team"], before["other"], before["extra"],
        )
        assert self.changes_of(records["own"]) == ["create", "update"]

    def test_bulk_delete_removes_only_records_the_user_may_delete(self, client, records, rep):
        client.force_login(rep)
        pks = [records["own"].pk, records["team"].pk, records["other"].pk]
        response = client.post(self.url("bulk_delete"), {"pk": pks})
        assert response.status_code == 200
        assert self.model.objects.count() == 3
        response = client.post(self.url("bulk_delete"), {"pk": pks, "_confirm": "1"})
        assert response.status_code == 302
        assert set(self.model.objects.values_list("pk", flat=True)) == {
            records["team"].pk, records["other"].pk,
        }

    # export

    def test_export_holds_only_visible_records_and_no_hidden_field(self, client, records,
                                                                   rep):
        self.hide(rep, self.hidden_field)
        client.force_login(rep)
        response = client.get(self.url("export"), {"format": "csv"})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        label = str(self.model._meta.get_field(self.hidden_field).verbose_name)
        assert label.lower() not in [header.lower() for header in rows[0]]
        assert len(rows) == 1 + 2
        assert self.hidden_value not in response.content.decode()

    def test_export_as_xlsx_has_a_header_and_one_row_per_record(self, client, records, rep):
        from openpyxl import load_workbook

        client.force_login(rep)
        response = client.get(self.url("export"), {"format": "xlsx"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == 3

    def test_export_needs_the_export_grant(self, client, records, reader):
        client.force_login(reader)
        assert client.get(self.url("export"), {"format": "csv"}).status_code == 403

    def test_bulk_edit_form_preselects_nothing(self, client, records, rep):
        client.force_login(rep)
        response = client.post(self.url("bulk_edit"), {"pk": [records["own"].pk]})
        form = response.context["form"]
        assert [name for name, field in form.fields.items() if form[name].value()] == []

    def test_inline_validation_returns_only_the_fields_with_errors_on_filled_fields(
        self, client, rep
    ):
        client.force_login(rep)
        data = dict.fromkeys(self.form_data, "")
        data.update({**self.invalid_data, "_validate": "1"})
        response = client.post(self.url("add"), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert list(response.context["form"].errors) == [self.invalid_field]
        assert response.content.decode().lstrip().startswith('<div id="form-fields"')
        assert self.model.all_objects.count() == 0

    def test_hidden_fields_are_neither_columns_nor_filters(self, client, records, rep):
        self.hide(rep, self.hidden_field)
        client.force_login(rep)
        response = client.get(self.url("list"), {self.hidden_field: "no such value"})
        assert self.hidden_field not in [column.name for column in
                                         response.context["table"].available()]
        assert {record.pk for record, _cells in response.context["rows"]} == {
            records["own"].pk, records["team"].pk,
        }

    def test_malformed_list_parameters_are_ignored_not_failed(self, client, records, rep):
        client.force_login(rep)
        for params in ({"page": "x"}, {"page": "999"}, {"page_size": "100000"},
                       {"sort": "password"}, {"owner": "abc"}, {"_view": "abc"},
                       {"created_at__gte": "yesterday"}):
            response = client.get(self.url("list"), params)
            assert response.status_code in (200, 404), params
        assert client.get(self.url("export"), {"format": "pdf"}).status_code == 200
        response = client.post(self.url("bulk_edit"), {"pk": ["x", "", "-1"]})
        assert response.status_code == 302
        assert client.get(self.url("", 10**12)).status_code == 404

    def test_read_only_fields_are_disabled_and_hidden_ones_absent_and_both_kept(
        self, client, records, rep
    ):
        record = records["own"]
        client.force_login(rep)
        for access in ("read_only", "hidden"):
            FieldPermission.objects.update_or_create(
                role=rep.role, module=self.module_slug, field=self.hidden_field,
                defaults={"access": access},
            )
            response = client.get(self.url("edit", record.pk))
            assert response.status_code == 200, (access, response.status_code)
            form = response.context["form"]
            if access == "read_only":
                assert form.fields[self.hidden_field].disabled is True
            else:
                assert self.hidden_field not in form.fields
            record.refresh_from_db()
            data = self.data({"version": record.version, self.hidden_field: "changed"})
            assert client.post(self.url("edit", record.pk), data).status_code == 302
            record.refresh_from_db()
            assert getattr(record, self.hidden_field) == self.hidden_value
