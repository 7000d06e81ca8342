"""The generic merge machinery and the merge page, exercised through accounts and contacts."""


import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from playwright.sync_api import expect

from clientela.accounts.models import Account
from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact, ContactAccount
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.merge import mergeable_fields, record_merge, related_counts
from clientela.core.models import ObjectChange
from clientela.core.testing.browser import sign_in
from clientela.users.models import FieldPermission, Share

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_mergeable_fields_skip_bookkeeping_custom_and_derived_fields():
    names = [field.name for field in mergeable_fields(Contact, derived=("email", "phone",
                                                                        "account"))]
    assert "custom" not in names and "version" not in names and "created_at" not in names
    assert {"email", "phone", "account"} & set(names) == set()
    assert {"first_name", "last_name", "owner", "team"} <= set(names)


def test_related_counts_report_each_relation_per_record(rep):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    AccountFactory(owner=rep, parent=duplicate)
    contact = ContactFactory(owner=rep, account=duplicate)
    ContactAccount.objects.create(contact=contact, account=duplicate, is_primary=True)
    ContactAccount.objects.create(contact=contact, account=survivor)

    counts = {count.label: count.counts
              for count in related_counts(Account, [survivor.pk, duplicate.pk])}

    assert counts == {
        "child accounts": {survivor.pk: 0, duplicate.pk: 1},
        "contacts (primary account)": {survivor.pk: 0, duplicate.pk: 1},
        "contact accounts": {survivor.pk: 1, duplicate.pk: 1},
    }


def test_shares_and_history_stay_with_the_duplicate(rep, teammate):
    survivor = AccountFactory(owner=rep)
    duplicate = AccountFactory(owner=rep)
    share = Share.objects.create(content_type_id=ObjectChange.objects.get(
        object_id=duplicate.pk, action="create", content_type__model="account").content_type_id,
        object_id=duplicate.pk, user=teammate, access="view")

    record_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)

    share.refresh_from_db()
    assert share.object_id == duplicate.pk
    assert list(ObjectChange.objects.filter(object_id=duplicate.pk,
                                            content_type__model="account")
                .values_list("action", flat=True)) == ["delete", "create"]


def test_a_read_only_field_keeps_the_survivors_value_and_cannot_be_chosen(rep):
    FieldPermission.objects.create(role=rep.role, module="accounts", field="rating",
                                   access="read_only")
    survivor = AccountFactory(owner=rep, rating="")
    duplicate = AccountFactory(owner=rep, rating="hot")
    with pytest.raises(ValidationError) as refused:
        record_merge(survivor=survivor, duplicates=[duplicate.pk],
                     fields={"rating": duplicate.pk}, user=rep)
    assert refused.value.message_dict == {
        "fields.rating": ["Your role does not allow changing this field."]}
    record_merge(survivor=survivor, duplicates=[duplicate.pk], user=rep)
    assert Account.objects.get(pk=survivor.pk).rating == ""


# The page ------------------------------------------------------------------------------------

def test_the_detail_page_offers_merge_with_to_who_may_edit(rep, reader):
    account = AccountFactory(owner=rep)
    page = client_for(rep).get(f"/accounts/{account.pk}/").content.decode()
    assert f'href="/accounts/merge/?pk={account.pk}"' in page
    assert "/accounts/merge/" not in client_for(reader).get(f"/accounts/{account.pk}/"
                                                           ).content.decode()


def test_the_page_searches_for_duplicates_the_user_may_merge(rep, teammate):
    mine = AccountFactory(owner=rep, name="Acme")
    twin = AccountFactory(owner=rep, name="ACME Ltd")
    AccountFactory(owner=teammate, name="Acme Theirs")
    response = client_for(rep).get("/accounts/merge/", {"pk": mine.pk, "q": "acme"})
    assert response.status_code == 200
    assert [record.pk for record, _url in response.context["candidates"]] == [twin.pk]
    assert response.context["candidates"][0][1] == f"/accounts/merge/?pk={mine.pk}&pk={twin.pk}"
    assert response.context["form"] is None


def test_the_comparison_defaults_to_the_first_records_values_or_the_first_non_empty(rep):
    survivor = AccountFactory(owner=rep, name="Acme", phone="")
    duplicate = AccountFactory(owner=rep, name="ACME Ltd", phone="555")
    response = client_for(rep).get("/accounts/merge/", {"pk": [survivor.pk, duplicate.pk]})
    assert response.status_code == 200
    form = response.context["form"]
    rows = {row.name: row for row in form.rows}
    assert [(cell["text"], cell["checked"]) for cell in rows["name"].cells] == [
        ("Acme", True), ("ACME Ltd", False)]
    assert [(cell["text"], cell["checked"]) for cell in rows["phone"].cells] == [
        ("", False), ("555", True)]
    assert rows["currency"].differs is False
    assert "billing_street" not in rows
    assert [row.name for row in form.rows][:2] == ["name", "phone"]
    assert form["survivor"].initial == survivor.pk
    page = response.content.decode()
    assert 'name="f__name"' in page and 'name="f__currency"' not in page


def test_confirming_merges_and_redirects_to_the_survivor_with_a_message(rep):
    first = AccountFactory(owner=rep, name="Acme")
    second = AccountFactory(owner=rep, name="ACME Ltd")
    contact = ContactFactory(owner=rep, account=first)
    response = client_for(rep).post("/accounts/merge/", {
        "pk": [first.pk, second.pk], "survivor": second.pk, "f__name": first.pk,
        f"version_{second.pk}": "1",
    }, follow=True)
    assert response.redirect_chain == [(f"/accounts/{second.pk}/", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        "Merged 1 records into Acme."]
    assert Account.objects.get(pk=second.pk).name == "Acme"
    assert Account.objects.filter(pk=first.pk).exists() is False
    assert Contact.objects.get(pk=contact.pk).account_id == second.pk


def test_a_refused_merge_re_renders_with_the_error_and_changes_nothing(rep):
    duplicate = AccountFactory(owner=rep, name="Dup")
    child = AccountFactory(owner=rep, name="Child", parent=duplicate)
    survivor = AccountFactory(owner=rep, name="Survivor", parent=child)
    response = client_for(rep).post("/accounts/merge/", {
        "pk": [survivor.pk, duplicate.pk], "survivor": survivor.pk,
        "f__parent": survivor.pk, "f__name": survivor.pk,
    })
    assert response.status_code == 200
    assert response.context["form"].errors == {"f__parent": [
        "An account cannot be its own parent or sit under its own child accounts."]}
    assert Account.objects.get(pk=child.pk).parent_id == duplicate.pk
    assert Account.objects.filter(pk=duplicate.pk).exists()


def test_a_stale_survivor_version_is_refused_and_nothing_changes(rep):
    first = AccountFactory(owner=rep, name="Acme")
    second = AccountFactory(owner=rep, name="ACME Ltd")
    response = client_for(rep).post("/accounts/merge/", {
        "pk": [first.pk, second.pk], "survivor": first.pk, "f__name": first.pk,
        f"version_{first.pk}": "0",
    })
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == [
        "This record was changed by someone else since you loaded it. Reload it and apply "
        "your changes again."]
    assert Account.objects.filter(pk=second.pk).exists()


def test_merging_a_teammates_record_away_is_a_403_and_unseen_ids_are_dropped(
        rep, teammate, outsider):
    mine = AccountFactory(owner=rep)
    theirs = AccountFactory(owner=teammate)
    hidden = AccountFactory(owner=outsider)
    client = client_for(rep)
    refused = client.post("/accounts/merge/", {"pk": [mine.pk, theirs.pk],
                                                "survivor": mine.pk})
    assert refused.status_code == 403
    page = client.get("/accounts/merge/", {"pk": [mine.pk, hidden.pk]})
    assert [item["record"].pk for item in page.context["records"]] == [mine.pk]
    assert page.context["form"] is None
    assert Account.objects.filter(pk__in=[theirs.pk, hidden.pk]).count() == 2
    assert client_for(outsider).get("/accounts/merge/").status_code == 200


def test_a_lists_selection_posted_to_the_page_opens_the_comparison(rep):
    first, second = AccountFactory(owner=rep), AccountFactory(owner=rep)
    response = client_for(rep).post("/accounts/merge/", {"pk": [first.pk, second.pk],
                                                         "return_url": "/accounts/"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/merge/?pk={first.pk}&pk={second.pk}"
    assert Account.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_a_reader_cannot_open_the_merge_page(reader):
    assert client_for(reader).get("/contacts/merge/").status_code == 403


def test_the_contacts_page_merges_and_leaves_mirrors_out_of_the_choice(rep):
    survivor = ContactFactory(owner=rep, first_name="Ann", email="a@x.com")
    duplicate = ContactFactory(owner=rep, first_name="Anne", email="b@x.com")
    client = client_for(rep)
    page = client.get("/contacts/merge/", {"pk": [survivor.pk, duplicate.pk]})
    assert "email" not in {row.name for row in page.context["form"].rows}
    response = client.post("/contacts/merge/", {
        "pk": [survivor.pk, duplicate.pk], "survivor": survivor.pk,
        "f__first_name": duplicate.pk, "f__last_name": survivor.pk,
    })
    assert response.status_code == 302
    assert Contact.objects.get(pk=survivor.pk).first_name == "Anne"
    assert Contact.objects.filter(pk=duplicate.pk).exists() is False


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_merge_with_from_the_detail_page_in_a_browser(page, manager, screenshot):
    keep = AccountFactory(owner=manager, name="Iberia Components", phone="")
    twin = AccountFactory(owner=manager, name="Iberia Components S.L.", phone="+34 91 000")
    ContactFactory(owner=manager, account=twin, last_name="Ruiz")
    sign_in(page, "manager")

    page.goto(f"/accounts/{keep.pk}/")
    page.get_by_role("link", name="Merge with…").click()
    page.get_by_label("Find records to merge").fill("iberia")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Add").click()
    expect(page.locator(".merge-table")).to_contain_text("Iberia Components S.L.")
    expect(page.locator(".merge-related")).to_contain_text("Contacts (primary account)")
    page.locator(f"#f__name_{twin.pk}").check()
    screenshot("merge-comparison")
    page.get_by_role("button", name="Merge 2 records").click()

    expect(page.locator("h1")).to_contain_text("Iberia Components S.L.")
    expect(page.locator(".alert-success, .toast, [role=status]").first).to_contain_text(
        "Merged 1 records")
    stored = Account.objects.get(pk=keep.pk)
    assert (stored.name, stored.phone) == ("Iberia Components S.L.", "+34 91 000")
    assert Contact.objects.get(last_name="Ruiz").account_id == keep.pk


def test_the_list_offers_merging_the_selection(client, manager):
    first, second = (AccountFactory(owner=manager, name=name) for name in ("Acme", "ACME"))
    client.force_login(manager)
    assert b"Merge selected" in client.get("/accounts/").content
    response = client.post("/accounts/merge/", {"pk": [first.pk, second.pk]})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/merge/?")
    assert f"pk={first.pk}" in response.url and f"pk={second.pk}" in response.url


def test_the_list_offers_no_merging_to_who_may_not_delete(client, reader):
    client.force_login(reader)
    assert b"Merge selected" not in client.get("/accounts/").content
