"""AccountFilterSet: typed lookups, owner/team/tags, search, custom fields, unknown params."""

import pytest
from django.http import QueryDict

from clientela.accounts.filtersets import AccountFilterSet
from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.customization.models import CustomField, Tag

pytestmark = pytest.mark.django_db


def names(query: str) -> list[str]:
    filterset = AccountFilterSet(QueryDict(query), queryset=Account.objects.order_by("name"))
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("name", flat=True))


def test_every_declared_field_has_its_typed_lookups():
    filters = AccountFilterSet.base_filters
    for name in ("name", "name__icontains", "name__in", "name__isnull", "employees__gte",
                 "employees__lte", "annual_revenue__gte", "parent", "parent__in",
                 "account_type__in", "owner", "owner__in", "team", "tags", "created_at__gte",
                 "updated_at__lte", "q"):
        assert name in filters, name
    for name in AccountFilterSet.Meta.fields:
        assert name in filters and f"{name}__isnull" in filters


def test_text_number_and_in_lookups(rep):
    AccountFactory(name="Acme", owner=rep, employees=10, account_type="customer")
    AccountFactory(name="Beta", owner=rep, employees=50, account_type="partner")
    AccountFactory(name="Gamma", owner=rep, employees=None, account_type="prospect")
    assert names("name__icontains=CM") == ["Acme"]
    assert names("employees__gte=20") == ["Beta"]
    assert names("employees__lte=50&employees__gte=10") == ["Acme", "Beta"]
    assert names("employees__isnull=true") == ["Gamma"]
    assert names("account_type__in=customer,prospect") == ["Acme", "Gamma"]


def test_owner_team_and_tags(rep, outsider, team_west):
    vip, eu = Tag.objects.create(name="vip"), Tag.objects.create(name="eu")
    AccountFactory(name="Mine", owner=rep, tags=[vip, eu])
    AccountFactory(name="Theirs", owner=outsider, tags=[vip])
    assert names(f"owner={rep.pk}") == ["Mine"]
    assert names(f"team={team_west.pk}") == ["Theirs"]
    assert names("tags=vip") == ["Mine", "Theirs"]
    assert names("tags=vip,eu") == ["Mine"]


def test_q_searches_the_module_search_fields_word_by_word(rep):
    AccountFactory(name="Acme Iberia", owner=rep)
    AccountFactory(name="Other", owner=rep, email="hello@acme.example")
    AccountFactory(name="Third", owner=rep)
    assert names("q=acme") == ["Acme Iberia", "Other"]
    assert names("q=acme+iberia") == ["Acme Iberia"]


def test_custom_fields_compare_by_their_type(rep):
    CustomField.objects.create(module="accounts", name="seats", label="Seats", type="integer")
    CustomField.objects.create(module="accounts", name="region", label="Region", type="text")
    CustomField.objects.create(module="accounts", name="active", label="Active", type="boolean")
    AccountFactory(name="Nine", owner=rep, custom={"seats": 9, "region": "North", "active": True})
    AccountFactory(name="Eighty", owner=rep, custom={"seats": 80, "active": False})
    assert names("custom__seats__gte=10") == ["Eighty"]
    assert names("custom__seats=9") == ["Nine"]
    assert names("custom__region__icontains=nor") == ["Nine"]
    assert names("custom__region__isnull=true") == ["Eighty"]
    assert names("custom__active=true") == ["Nine"]


def test_invalid_values_are_errors_naming_the_filter():
    filterset = AccountFilterSet(QueryDict("employees__gte=many&parent__in=1,x"),
                                 queryset=Account.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"employees__gte", "parent__in"}


def test_unknown_parameters_are_reported_and_list_options_are_known():
    filterset = AccountFilterSet(QueryDict(""), queryset=Account.objects.all())
    params = ["name", "page", "page_size", "ordering", "expand", "search", "format", "colour",
              "name__startswith"]
    assert filterset.unknown_parameters(params) == ["colour", "name__startswith"]
    assert filterset.unknown_parameters(["view"], extra_known=["view"]) == []
