"""The accounts API: the generic suite plus the account's own rules."""

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.customization.models import CustomField
from clientela.users.models import FieldPermission

pytestmark = pytest.mark.django_db


class TestAccountAPI(RecordAPITests):
    url = "/api/v1/accounts/"
    factory = AccountFactory
    valid_payload = {"name": "Acme", "industry": "retail", "tags": ["vip"]}
    update_payload = {"name": "Acme Iberia", "employees": 40}
    wrong_types = ({"employees": "many"}, "employees")
    hidden_field = "phone"
    hidden_value = "555-0100"


def test_parent_cycle_is_400_naming_parent(rep):
    parent = AccountFactory(owner=rep, name="Parent")
    child = AccountFactory(owner=rep, name="Child", parent=parent)
    response = api_client(rep).patch(f"/api/v1/accounts/{parent.pk}/", {"parent": child.pk},
                                     format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["parent"]
    parent.refresh_from_db()
    assert (parent.parent_id, parent.version) == (None, 1)


def test_parent_the_user_cannot_see_does_not_exist(rep, outsider):
    hidden = AccountFactory(owner=outsider)
    response = api_client(rep).post("/api/v1/accounts/", {"name": "A", "parent": hidden.pk},
                                     format="json")
    assert response.status_code == 400
    assert "does not exist" in response.json()["errors"]["parent"][0]


def test_tags_are_names_and_unknown_ones_are_created(rep):
    response = api_client(rep).post("/api/v1/accounts/", {"name": "A", "tags": ["b", "a"]},
                                    format="json")
    assert sorted(response.json()["tags"]) == ["a", "b"]
    response = api_client(rep).get("/api/v1/accounts/", {"tags": "a"})
    assert response.json()["count"] == 1


def test_custom_fields_are_validated_and_merged_on_patch(rep):
    CustomField.objects.create(module="accounts", name="seats", label="Seats", type="integer")
    CustomField.objects.create(module="accounts", name="tier", label="Tier", type="choice",
                               choices=["a", "b"])
    client = api_client(rep)
    response = client.post("/api/v1/accounts/", {"name": "A", "custom": {"seats": "x"}},
                           format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"custom": ["seats: Enter a whole number."]}
    created = client.post("/api/v1/accounts/",
                          {"name": "A", "custom": {"seats": 5, "tier": "a"}}, format="json")
    url = f"/api/v1/accounts/{created.json()['id']}/"
    response = client.patch(url, {"custom": {"tier": "b"}}, format="json")
    assert response.json()["custom"] == {"seats": 5, "tier": "b"}
    assert client.get("/api/v1/accounts/", {"custom__seats__gte": 5}).json()["count"] == 1


def test_expand_inlines_visible_related_records_only(rep, outsider):
    visible = AccountFactory(owner=rep, name="Visible")
    invisible = AccountFactory(owner=outsider, name="Invisible")
    child = AccountFactory(owner=rep, name="Child", parent=visible)
    orphan = AccountFactory(owner=rep, name="Orphan", parent=invisible)
    client = api_client(rep)
    body = client.get(f"/api/v1/accounts/{child.pk}/", {"expand": "parent"}).json()
    assert body["parent"] == {"id": visible.pk, "label": "Visible",
                              "url": f"http://testserver/api/v1/accounts/{visible.pk}/"}
    body = client.get(f"/api/v1/accounts/{orphan.pk}/", {"expand": "parent"}).json()
    assert body["parent"] == {"id": invisible.pk, "label": None, "url": None}
    listed = client.get("/api/v1/accounts/", {"expand": "parent,owner", "ordering": "name"})
    assert [item["parent"] and item["parent"]["label"] for item in listed.json()["results"]] == [
        "Visible", None, None,
    ]


def test_search_ordering_and_pagination(rep):
    for name in ("Beta", "Alpha", "Gamma Alpha"):
        AccountFactory(owner=rep, name=name)
    client = api_client(rep)
    response = client.get("/api/v1/accounts/", {"search": "alpha", "ordering": "-name"})
    assert [item["name"] for item in response.json()["results"]] == ["Gamma Alpha", "Alpha"]
    response = client.get("/api/v1/accounts/", {"page_size": 2, "ordering": "name"})
    body = response.json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert body["next"] == "http://testserver/api/v1/accounts/?ordering=name&page=2&page_size=2"


def test_search_skips_fields_the_user_may_not_see(rep):
    AccountFactory(owner=rep, name="Acme", phone="555-0100")
    client = api_client(rep)
    assert client.get("/api/v1/accounts/", {"search": "555"}).json()["count"] == 1
    FieldPermission.objects.create(role=rep.role, module="accounts", field="phone",
                                   access="hidden")
    rep._clientela_grants = None
    assert client.get("/api/v1/accounts/", {"search": "555"}).json()["count"] == 0


def test_tag_changes_are_in_the_history(rep):
    client = api_client(rep)
    created = client.post("/api/v1/accounts/", {"name": "A", "tags": ["vip"]},
                          format="json").json()
    url = f"/api/v1/accounts/{created['id']}/"
    client.patch(url, {"tags": ["eu", "vip"]}, format="json")
    history = client.get(f"{url}history/").json()["results"]
    assert [entry["changes"]["tags"] for entry in history] == [
        [["vip"], ["eu", "vip"]], [None, ["vip"]]]


def test_nul_characters_in_custom_values_are_400(rep):
    CustomField.objects.create(module="accounts", name="note", label="Note", type="text")
    response = api_client(rep).post("/api/v1/accounts/",
                                    {"name": "A", "custom": {"note": "a\u0000b"}},
                                    format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["custom"]
