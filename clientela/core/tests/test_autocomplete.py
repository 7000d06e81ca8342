"""Record pickers: the /autocomplete/ endpoint, the widget in forms and filters, validation."""

import re

import pytest

from clientela.accounts.forms import AccountBulkEditForm
from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.core.forms import pickers
from clientela.core.testing.factories import UserFactory, role
from clientela.core.widgets import RecordAutocomplete
from clientela.users.models import FieldPermission

pytestmark = pytest.mark.django_db


def suggest(client, source, **params):
    response = client.get(f"/autocomplete/{source}/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def labels(results):
    return [result["label"] for result in results]


def test_outsider_finds_only_the_accounts_of_their_own_team(client, rep, outsider):
    AccountFactory(owner=rep, name="Acme East")
    theirs = AccountFactory(owner=outsider, name="Acme West")
    client.force_login(outsider)
    assert suggest(client, "accounts", q="acme") == [{"id": theirs.pk, "label": "Acme West"}]


def test_prefix_matches_come_first_then_matches_inside_names(client, rep):
    for name, city in [("The Acme Group", ""), ("Zeta acme", "Oslo"), ("Acmeville", ""),
                       ("Acme Corp", "Madrid"), ("Other", "")]:
        AccountFactory(owner=rep, name=name, billing_city=city)
    client.force_login(rep)
    assert labels(suggest(client, "accounts", q="acme")) == [
        "Acme Corp (Madrid)", "Acmeville", "The Acme Group", "Zeta acme (Oslo)",
    ]


def test_every_word_must_match_and_the_whole_query_as_prefix_ranks_first(client, rep):
    for name in ("Iberia Components", "Components Iberia", "Iberia Foods"):
        AccountFactory(owner=rep, name=name)
    client.force_login(rep)
    assert labels(suggest(client, "accounts", q="components iberia")) == [
        "Components Iberia", "Iberia Components",
    ]


def test_at_most_twenty_suggestions(client, rep):
    for number in range(25):
        AccountFactory(owner=rep, name=f"Bulk {number:02d}")
    client.force_login(rep)
    assert labels(suggest(client, "accounts", q="bulk")) == [f"Bulk {n:02d}" for n in range(20)]


def test_pk_resolves_a_visible_record_and_nothing_for_an_invisible_one(client, rep, outsider):
    mine = AccountFactory(owner=rep, name="Mine", billing_city="Lyon")
    theirs = AccountFactory(owner=outsider, name="Theirs")
    client.force_login(rep)
    assert suggest(client, "accounts", pk=mine.pk) == [{"id": mine.pk, "label": "Mine (Lyon)"}]
    assert suggest(client, "accounts", pk=theirs.pk) == []
    assert suggest(client, "accounts", pk="x1") == []


def test_fields_the_role_hides_are_not_matched(client, rep):
    AccountFactory(owner=rep, name="Plain", email="secret@hidden.example")
    FieldPermission.objects.create(role=rep.role, module="accounts", field="email",
                                   access="hidden")
    client.force_login(rep)
    assert suggest(client, "accounts", q="secret") == []
    assert labels(suggest(client, "accounts", q="plain")) == ["Plain"]


def test_users_source_offers_active_users_by_name(client, rep):
    UserFactory(username="mgarcia", first_name="María", last_name="García")
    UserFactory(username="mgone", first_name="María", last_name="Gone", is_active=False)
    client.force_login(rep)
    assert labels(suggest(client, "users", q="marí")) == ["María García (mgarcia)"]


def test_unknown_module_is_404_and_a_module_without_access_is_403(client, rep):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    assert client.get("/autocomplete/nothing/", {"q": "a"}).status_code == 404
    assert client.get("/autocomplete/leads/", {"q": "a"}).status_code == 403
    assert client.get("/autocomplete/accounts/", {"q": "a"}).status_code == 200


def test_signed_out_requests_get_401(client):
    response = client.get("/autocomplete/accounts/", {"q": "a"})
    assert response.status_code == 401
    assert "results" not in response.json()


@pytest.fixture
def many_accounts(rep):
    Account.objects.bulk_create(
        Account(name=f"Company {number:04d}", owner=rep, team=rep.team, created_by=rep,
                updated_by=rep)
        for number in range(2000)
    )


@pytest.mark.parametrize("path", ["/accounts/add/", "/contacts/add/", "/contacts/"])
def test_pages_with_two_thousand_accounts_list_none_of_them(client, rep, many_accounts, path):
    client.force_login(rep)
    html = client.get(path).content.decode()
    assert "Company 0" not in html
    # The choice fields' own options only (the analytics classes add about thirty to a list's
    # filter panel), nowhere near one per account.
    assert html.count("<option") < 100
    assert len(html) < 60_000


ACCOUNT = {"name": "Branch", "account_type": "customer", "customer_class": "business",
           "currency": "EUR"}


def test_saving_with_a_chosen_parent_id_stores_it(client, rep):
    parent = AccountFactory(owner=rep, name="Holding")
    client.force_login(rep)
    response = client.post("/accounts/add/", {**ACCOUNT, "owner": rep.pk, "parent": parent.pk})
    assert response.status_code == 302
    assert Account.objects.get(name="Branch").parent == parent


def test_an_invisible_parent_id_is_refused_on_the_field_and_nothing_is_saved(
    client, rep, outsider
):
    hidden_parent = AccountFactory(owner=outsider, name="Far away")
    client.force_login(rep)
    response = client.post("/accounts/add/", {**ACCOUNT, "owner": rep.pk,
                                              "parent": hidden_parent.pk})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["parent"]
    assert not Account.objects.filter(name="Branch").exists()
    # The refused id is not named back to the user.
    assert "Far away" not in response.content.decode()


def test_contact_account_row_refuses_an_invisible_account(client, rep, outsider):
    hidden_account = AccountFactory(owner=outsider, name="Far away")
    client.force_login(rep)
    data = {"last_name": "Byron", "owner": rep.pk}
    for prefix, total in (("emails", 0), ("phones", 0), ("accounts", 1)):
        data |= {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"accounts-0-account": hidden_account.pk, "accounts-0-role": "buyer"}
    response = client.post("/contacts/add/", data)
    assert response.status_code == 200
    accounts = dict(response.context["formsets"])["Accounts"]
    assert list(accounts.forms[0].errors) == ["account"]
    assert not Contact.objects.exists()


def test_the_widget_without_javascript_is_an_id_box_naming_the_chosen_record(client, rep):
    parent = AccountFactory(owner=rep, name="Holding", billing_city="Porto")
    child = AccountFactory(owner=rep, name="Branch", parent=parent)
    client.force_login(rep)
    html = client.get(child.get_absolute_url() + "edit/").content.decode()
    picker = re.search(
        r'<div class="record-picker[^>]*>\s*<input type="text" name="parent".*?</div>', html, re.S
    ).group(0)
    assert 'data-source="/autocomplete/accounts/"' in picker
    assert 'data-label="Holding (Porto)"' in picker
    assert f'value="{parent.pk}"' in picker
    assert "<div class=\"form-text\" data-picker-hint>Holding (Porto)</div>" in picker


def test_the_filter_panel_picks_the_account_and_owner_by_name(client, rep):
    account = AccountFactory(owner=rep, name="Filtered Ltd")
    client.force_login(rep)
    page = client.get("/contacts/", {"account": account.pk, "owner": rep.pk}).content.decode()
    # The list names where its panel comes from; the panel answers filled in.
    assert "_panel=filters" in page[page.index('id="filters"'):]
    panel = client.get("/contacts/", {"account": account.pk, "owner": rep.pk,
                                      "_panel": "filters"}).content.decode()
    assert 'data-source="/autocomplete/accounts/" data-label="Filtered Ltd"' in panel
    assert 'data-source="/autocomplete/users/"' in panel
    assert f'<input type="text" name="account" value="{account.pk}"' in panel


def test_bulk_edit_owner_is_a_user_picker(rep):
    form = AccountBulkEditForm(user=rep, module_slug="accounts")
    widget = form.fields["owner"].widget
    assert isinstance(widget, RecordAutocomplete)
    assert widget.source == "users"


def test_few_visible_matches_among_many_are_found_past_the_windows(
    client, rep, outsider, monkeypatch
):
    monkeypatch.setattr(pickers, "WINDOWS", (2, 3))
    for number in range(8):
        AccountFactory(owner=rep, name=f"Alpha {number}")
    AccountFactory(owner=outsider, name="Alpha 9")
    AccountFactory(owner=outsider, name="Alpha 5b")
    client.force_login(outsider)
    assert labels(suggest(client, "accounts", q="alpha")) == ["Alpha 5b", "Alpha 9"]
    assert labels(suggest(client, "accounts")) == ["Alpha 5b", "Alpha 9"]
    client.force_login(rep)
    assert labels(suggest(client, "accounts", q="alpha")) == [
        "Alpha 0", "Alpha 1", "Alpha 2", "Alpha 3", "Alpha 4", "Alpha 5", "Alpha 6", "Alpha 7",
    ]
