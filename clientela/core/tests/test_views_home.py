"""The home page and the shared layout."""

import pytest
from django.urls import reverse

from clientela.accounts.tests.factories import AccountFactory
from clientela.leads.tests.factories import LeadFactory
from clientela.users.models import RolePermission

pytestmark = pytest.mark.django_db


def test_home_counts_visible_records_and_lists_the_users_own(client, rep, teammate,
                                                              outsider):
    mine = AccountFactory(owner=rep, name="Mine")
    AccountFactory(owner=teammate, name="Team's")
    AccountFactory(owner=outsider, name="Other")
    LeadFactory(owner=outsider)
    client.force_login(rep)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    sections = {section["module"].slug: section for section in response.context["sections"]}
    assert list(sections) == [
        "accounts", "contacts", "leads", "opportunities", "quotas", "quotes", "orders",
        "invoices",
        "contracts", "products", "price-books", "portfolios",
    ]
    assert (sections["accounts"]["count"], sections["accounts"]["mine"]) == (2, 1)
    assert sections["accounts"]["recent"] == [mine]
    assert (sections["leads"]["count"], sections["leads"]["recent"]) == (0, [])
    assert sections["accounts"]["add_url"] == reverse("accounts:account_add")


def test_home_leaves_out_modules_the_role_does_not_open(client, reader):
    RolePermission.objects.filter(role=reader.role, module="leads").delete()
    client.force_login(reader)
    response = client.get(reverse("core:home"))
    sections = response.context["sections"]
    assert [section["module"].slug for section in sections] == [
        "accounts", "contacts", "opportunities", "quotes", "orders", "invoices", "contracts",
        "products", "price-books", "portfolios",
    ]
    assert [section["add_url"] for section in sections] == [None] * 10


def test_home_needs_sign_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("users:login"))


def test_layout_has_the_search_box_and_the_user_menu(client, rep):
    client.force_login(rep)
    content = client.get(reverse("core:home")).content.decode()
    assert 'id="global-search"' in content
    assert 'name="q"' in content
    assert 'action="/search/"' in content
    assert 'id="user-menu"' in content
