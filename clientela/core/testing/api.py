"""The generic API suite every record type's `test_api.py` inherits.

A module's test class declares what differs and inherits every check:

    class TestAccountAPI(RecordAPITests):
        url = "/api/v1/accounts/"
        factory = AccountFactory
        valid_payload = {"name": "Acme"}
        update_payload = {"name": "Acme Iberia"}
        wrong_types = ({"employees": "many"}, "employees")
        hidden_field = "phone"

The checks use the shared fixtures: `rep` (sales rep in East: sees the team, edits own),
`teammate` (East), `outsider` (West), `reader` (read-only).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clientela.core import registry
from clientela.core.models import ObjectChange
from clientela.users.models import FieldPermission


def api_client(user=None) -> APIClient:
    """Return an API client signed in as `user` (anonymous when None)."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
class RecordAPITests:
    """Checks of one module's collection: visibility, grants, writes, locking, errors, cost."""

    url: ClassVar[str]
    factory: ClassVar[Any]
    valid_payload: ClassVar[dict[str, Any]]
    update_payload: ClassVar[dict[str, Any]]
    # A payload with a value of the wrong type, and the field the 400 must name.
    wrong_types: ClassVar[tuple[dict[str, Any], str]]
    # A scalar field that field-level security hides or makes read-only in the tests.
    hidden_field: ClassVar[str]
    hidden_value: ClassVar[Any] = "secret"

    # Helpers ---------------------------------------------------------------------------------

    @property
    def model(self):
        return self.factory._meta.model

    @property
    def module(self) -> str:
        return registry.module_for_model(self.model).slug

    def make(self, owner, **fields):
        return self.factory(owner=owner, **fields)

    def new_payload(self, index: int) -> dict[str, Any]:
        """Return the `index`-th of several valid payloads created together (bulk create).

        Modules with a unique field override this to vary it.
        """
        return self.valid_payload

    def detail(self, record) -> str:
        return f"{self.url}{record.pk}/"

    def snapshot(self, record) -> tuple:
        """Return what a refused request must leave untouched."""
        stored = self.model.all_objects.get(pk=record.pk)
        changes = ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=record.pk
        ).count()
        values = tuple(getattr(stored, name) for name in self.update_payload)
        return stored.version, stored.deleted_at, values, changes

    # Lists and visibility --------------------------------------------------------------------

    def test_anonymous_requests_are_401(self, rep):
        record = self.make(rep)
        assert api_client().get(self.url).status_code == 401
        assert api_client().get(self.detail(record)).status_code == 401

    def test_list_shows_own_and_team_records_only(self, rep, teammate, outsider):
        own, team = self.make(rep), self.make(teammate)
        self.make(outsider)
        response = api_client(rep).get(self.url)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        assert {item["id"] for item in body["results"]} == {own.pk, team.pk}
        assert set(body) == {"count", "next", "previous", "results"}

    def test_record_outside_the_view_scope_is_404_and_unchanged(self, rep, outsider):
        record = self.make(outsider)
        before = self.snapshot(record)
        client = api_client(rep)
        assert client.get(self.detail(record)).status_code == 404
        response = client.patch(self.detail(record), self.update_payload, format="json")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}
        assert client.delete(self.detail(record)).status_code == 404
        assert self.snapshot(record) == before

    def test_visible_but_not_editable_record_is_403_and_unchanged(self, rep, teammate):
        record = self.make(teammate)
        before = self.snapshot(record)
        client = api_client(rep)
        assert client.get(self.detail(record)).status_code == 200
        assert client.patch(self.detail(record), self.update_payload,
                            format="json").status_code == 403
        assert client.delete(self.detail(record)).status_code == 403
        assert self.snapshot(record) == before

    # Writes ----------------------------------------------------------------------------------

    def test_create_with_the_grant_saves_owned_record_and_logs_it(self, rep, team_east):
        response = api_client(rep).post(self.url, self.valid_payload, format="json")
        assert response.status_code == 201, response.json()
        record = self.model.objects.get(pk=response.json()["id"])
        assert (record.owner, record.team, record.version) == (rep, team_east, 1)
        assert response["ETag"] == '"1"'
        change = ObjectChange.objects.get(object_id=record.pk, action="create",
                                          content_type__model=self.model._meta.model_name)
        assert change.user == rep

    def test_create_without_the_grant_is_403_and_writes_nothing(self, reader):
        response = api_client(reader).post(self.url, self.valid_payload, format="json")
        assert response.status_code == 403
        assert self.model.all_objects.count() == 0

    def test_update_writes_bumps_version_and_logs_the_actor(self, rep):
        record = self.make(rep)
        response = api_client(rep).patch(
            self.detail(record), self.update_payload, format="json", HTTP_IF_MATCH='"1"'
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["version"] == 2
        for name, value in self.update_payload.items():
            assert body[name] == value
        stored = self.model.objects.get(pk=record.pk)
        change = ObjectChange.objects.get(object_id=record.pk, action="update",
                                          content_type__model=self.model._meta.model_name)
        assert change.user == rep
        assert set(self.update_payload) <= set(change.changes)
        assert stored.version == 2

    def test_delete_moves_the_record_to_the_recycle_bin(self, rep):
        record = self.make(rep)
        response = api_client(rep).delete(self.detail(record))
        assert response.status_code == 204
        assert not self.model.objects.filter(pk=record.pk).exists()
        assert self.model.all_objects.get(pk=record.pk).deleted_by == rep
        assert api_client(rep).get(self.detail(record)).status_code == 404

    def test_stale_if_match_is_409_with_the_current_record_and_changes_nothing(self, rep):
        record = self.make(rep)
        before = self.snapshot(record)
        response = api_client(rep).patch(
            self.detail(record), self.update_payload, format="json", HTTP_IF_MATCH='"7"'
        )
        assert response.status_code == 409
        assert response.json()["current"]["id"] == record.pk
        assert response.json()["current"]["version"] == 1
        assert self.snapshot(record) == before

    def test_stale_version_in_the_body_is_409(self, rep):
        record = self.make(rep)
        before = self.snapshot(record)
        payload = {**self.update_payload, "version": 3}
        response = api_client(rep).patch(self.detail(record), payload, format="json")
        assert response.status_code == 409
        assert self.snapshot(record) == before

    # Bad input -------------------------------------------------------------------------------

    def test_unknown_filter_and_ordering_are_400_naming_them(self, rep):
        client = api_client(rep)
        response = client.get(self.url, {"no_such_filter": "1"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["no_such_filter"]
        response = client.get(self.url, {"ordering": "-no_such_field"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["ordering"]
        response = client.get(self.url, {"expand": "no_such_field"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["expand"]

    def test_malformed_json_is_400_and_writes_nothing(self, rep):
        response = api_client(rep).generic(
            "POST", self.url, '{"name": ', content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["detail"].startswith("JSON parse error")
        assert self.model.all_objects.count() == 0

    def test_wrong_types_are_400_naming_the_field(self, rep):
        payload, field = self.wrong_types
        response = api_client(rep).post(self.url, {**self.valid_payload, **payload},
                                        format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert self.model.all_objects.count() == 0

    def test_a_list_body_for_one_record_is_400(self, rep):
        response = api_client(rep).post(self.url, [self.valid_payload], format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["non_field_errors"]

    def test_unsupported_media_type_is_415(self, rep):
        response = api_client(rep).generic("POST", self.url, "name=x",
                                           content_type="text/plain")
        assert response.status_code == 415
        assert self.model.all_objects.count() == 0

    def test_oversized_body_is_413_and_writes_nothing(self, rep, settings):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
        payload = {**self.valid_payload, "description": "x" * 5000}
        response = api_client(rep).post(self.url, payload, format="json")
        assert response.status_code == 413
        assert response.json() == {"detail": "The request body is too large.", "errors": {}}
        assert self.model.all_objects.count() == 0

    # Field-level security --------------------------------------------------------------------

    def test_hidden_field_is_absent_and_writing_it_is_refused(self, rep):
        FieldPermission.objects.create(role=rep.role, module=self.module,
                                       field=self.hidden_field, access="hidden")
        record = self.make(rep, **{self.hidden_field: self.hidden_value})
        before = self.snapshot(record)
        client = api_client(rep)
        assert self.hidden_field not in client.get(self.detail(record)).json()
        response = client.patch(self.detail(record), {self.hidden_field: "changed"},
                                format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [self.hidden_field]
        assert self.snapshot(record) == before
        response = client.get(self.url, {f"{self.hidden_field}__icontains": "sec"})
        assert response.status_code == 400

    def test_read_only_field_is_shown_and_changing_it_is_refused(self, rep):
        FieldPermission.objects.create(role=rep.role, module=self.module,
                                       field=self.hidden_field, access="read_only")
        record = self.make(rep, **{self.hidden_field: self.hidden_value})
        client = api_client(rep)
        assert client.get(self.detail(record)).json()[self.hidden_field] == self.hidden_value
        response = client.patch(self.detail(record), {self.hidden_field: "changed"},
                                format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [self.hidden_field]
        response = client.patch(self.detail(record), {self.hidden_field: self.hidden_value},
                                format="json")
        assert response.status_code == 200

    # Bulk and history ------------------------------------------------------------------------

    def test_bulk_create_is_all_or_nothing(self, rep):
        payload, field = self.wrong_types
        client = api_client(rep)
        response = client.post(f"{self.url}bulk/",
                               [self.new_payload(0), {**self.new_payload(1), **payload}],
                               format="json")
        assert response.status_code == 400
        assert f"[1].{field}" in response.json()["errors"]
        assert self.model.all_objects.count() == 0
        response = client.post(f"{self.url}bulk/", [self.new_payload(0), self.new_payload(1)],
                               format="json")
        assert response.status_code == 200
        assert len(response.json()["results"]) == 2
        assert self.model.objects.filter(owner=rep).count() == 2

    def test_bulk_update_and_delete_refuse_records_out_of_reach(self, rep, teammate):
        own, theirs = self.make(rep), self.make(teammate)
        before = self.snapshot(theirs)
        client = api_client(rep)
        response = client.patch(f"{self.url}bulk/", [
            {"id": own.pk, **self.update_payload}, {"id": theirs.pk, **self.update_payload},
        ], format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["[1].id"]
        assert self.model.objects.get(pk=own.pk).version == 1
        response = client.delete(f"{self.url}bulk/", {"ids": [own.pk, theirs.pk]},
                                 format="json")
        assert response.status_code == 400
        assert self.model.objects.filter(pk=own.pk).exists()
        assert self.snapshot(theirs) == before
        response = client.delete(f"{self.url}bulk/", {"ids": [own.pk]}, format="json")
        assert response.json() == {"results": [{"id": own.pk, "deleted": True}]}
        assert not self.model.objects.filter(pk=own.pk).exists()

    def test_bulk_refuses_more_than_a_thousand_records(self, rep):
        response = api_client(rep).post(
            f"{self.url}bulk/", [self.new_payload(index) for index in range(1001)], format="json"
        )
        assert response.status_code == 400
        assert self.model.all_objects.count() == 0

    def test_history_lists_the_changes_newest_first(self, rep):
        record = self.make(rep)
        client = api_client(rep)
        client.patch(self.detail(record), self.update_payload, format="json")
        response = client.get(f"{self.detail(record)}history/")
        assert response.status_code == 200
        results = response.json()["results"]
        assert [entry["action"] for entry in results] == ["update", "create"]
        assert results[0]["user"] == rep.pk
        assert set(self.update_payload) <= set(results[0]["changes"])

    # Cost ------------------------------------------------------------------------------------

    def test_list_query_count_does_not_grow_with_page_size(self, rep):
        for _index in range(60):
            self.make(rep)
        client = api_client(rep)
        client.get(self.url, {"page_size": 1})
        counts = []
        for size in (5, 50):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(self.url, {"page_size": size})
            assert len(response.json()["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], counts

