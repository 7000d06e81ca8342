"""The API platform: tokens, errors, schema and docs, pagination limits."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clientela.accounts.tests.factories import AccountFactory
from clientela.core.api.exceptions import exception_handler, flatten_errors
from clientela.core.testing.api import api_client

pytestmark = pytest.mark.django_db


def test_token_for_valid_credentials_authenticates_later_requests(rep):
    response = APIClient().post("/api/v1/auth/token/",
                                {"username": "rep", "password": "secret-pass-123"},
                                format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/accounts/").status_code == 200


def test_wrong_credentials_are_400_with_a_clear_message(rep):
    response = APIClient().post("/api/v1/auth/token/",
                                {"username": "rep", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The username or password is wrong (both are case-sensitive)."
    )
    response = APIClient().post("/api/v1/auth/token/", {"username": "rep"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["password"]


def test_repeated_failures_are_429_with_retry_after(rep, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client = APIClient()
    for _attempt in range(2):
        client.post("/api/v1/auth/token/", {"username": "rep", "password": "x"}, format="json")
    response = client.post("/api/v1/auth/token/",
                           {"username": "rep", "password": "secret-pass-123"}, format="json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_invalid_token_is_401():
    response = APIClient(HTTP_AUTHORIZATION="Token nope").get("/api/v1/accounts/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token.", "errors": {}}


def test_method_not_allowed_is_405(rep):
    response = api_client(rep).put("/api/v1/accounts/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["errors"] == {}


def test_page_size_is_capped_at_500(rep):
    AccountFactory(owner=rep)
    response = api_client(rep).get("/api/v1/accounts/", {"page_size": 10000})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_list_count_is_a_plain_count_without_joins(rep):
    AccountFactory(owner=rep)
    client = api_client(rep)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/accounts/", {"expand": "parent,owner"})
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1
    assert " JOIN " not in counts[0].upper()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/accounts/", {"expand": "parent"})
    assert response.json()["count"] == 1
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()], "cached"


def test_nested_errors_flatten_to_dotted_names():
    detail = {"emails": {1: {"email": ["Bad."]}}, "name": ["Required."],
              "phones": [{}, {"number": ["Bad."]}]}
    assert flatten_errors(detail) == {
        "emails[1].email": ["Bad."], "name": ["Required."], "phones[1].number": ["Bad."],
    }


def test_django_validation_errors_render_as_field_errors():
    response = exception_handler(DjangoValidationError({"parent": ["Cycle."]}), {})
    assert response.status_code == 400
    assert response.data == {"detail": "Invalid input: parent.", "errors": {"parent": ["Cycle."]}}


def test_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    for path in ("/api/v1/accounts/", "/api/v1/contacts/", "/api/v1/leads/{id}/convert/",
                 "/api/v1/accounts/bulk/", "/api/v1/accounts/{id}/history/", "/api/v1/roles/",
                 "/api/v1/auth/token/"):
        assert f"{path}:" in text, path


def test_schema_and_docs_are_served_without_outside_assets():
    client = APIClient()
    assert client.get("/api/v1/schema/").status_code == 200
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page and "unpkg" not in page
