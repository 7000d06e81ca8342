"""A new sales user's first session, in a real Chromium against the live server.

Each step saves a screenshot under test-artifacts/screenshots/ for people to look at.
"""

import re

import pytest
from playwright.sync_api import expect

from clientela.accounts.models import Account
from clientela.contacts.models import Contact
from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role
from clientela.leads.models import Lead

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(transactional_db, team_east):
    return UserFactory(username="maria", first_name="María", last_name="García",
                       role=role("sales-manager"), team=team_east)


def test_sign_in_create_account_add_contact_convert_lead_and_search(page, seller, screenshot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    screenshot("01-login")
    sign_in(page, "maria")
    screenshot("02-home")

    page.goto("/accounts/add/")
    page.get_by_label("Name", exact=True).fill("Iberia Components S.L.")
    page.get_by_label("Email", exact=True).fill("not-an-email")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert Account.objects.count() == 0
    screenshot("03-account-form-error")
    page.get_by_label("Email", exact=True).fill("info@iberia-components.es")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Iberia Components S.L.")
    account = Account.objects.get()
    assert account.owner == seller
    screenshot("04-account-detail")

    page.goto("/contacts/add/")
    page.get_by_label("First name").fill("Jan")
    page.get_by_label("Last name").fill("Kowalski")
    page.locator("[name=emails-0-email]").fill("jan.kowalski@iberia-components.es")
    account_picker = page.get_by_role("combobox", name="Account")
    account_picker.press_sequentially("Iberia")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(
        ["Iberia Components S.L."]
    )
    account_picker.press("ArrowDown")
    account_picker.press("Enter")
    screenshot("05-contact-form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Jan Kowalski")
    contact = Contact.objects.get()
    assert (contact.email, contact.account) == ("jan.kowalski@iberia-components.es", account)
    screenshot("06-contact-detail")

    lead = Lead(first_name="Ana", last_name="Pérez", company="Iberia Components S.L.",
                email="ana.perez@iberia-components.es").stamp(seller)
    lead.save()
    page.goto(f"/leads/{lead.pk}/")
    page.get_by_role("link", name=re.compile("Convert")).first.click()
    expect(page.get_by_text("Iberia Components S.L.").first).to_be_visible()
    screenshot("07-lead-convert-wizard")
    page.get_by_role("button", name="Convert").click()
    expect(page.locator("h1")).to_contain_text("Ana Pérez")
    lead.refresh_from_db()
    assert lead.status == "converted"
    assert lead.converted_account == account, "the wizard offers the matching account first"
    assert Account.objects.count() == 1
    screenshot("08-converted-contact")

    search = page.locator("#global-search")
    search.fill("Kowal")
    search.press("Enter")
    expect(page.get_by_role("link", name=re.compile("Jan Kowalski"))).to_be_visible()
    screenshot("09-search-results")


def test_a_stale_edit_is_refused_and_shows_the_other_change(page, seller, screenshot):
    account = Account(name="Polska Logistyka", phone="+48 22 000 00 00").stamp(seller)
    account.save()
    sign_in(page, "maria")
    page.goto(f"/accounts/{account.pk}/edit/")
    page.get_by_label("Phone", exact=True).fill("+48 22 111 11 11")

    someone_else = Account.objects.get(pk=account.pk)
    someone_else.phone = "+48 22 999 99 99"
    someone_else.stamp(seller).save()

    page.get_by_role("button", name="Save").click()
    expect(page.locator("#conflict")).to_be_visible()
    expect(page.locator("#conflict")).to_contain_text("+48 22 999 99 99")
    screenshot("10-stale-edit-refused")
    account.refresh_from_db()
    assert (account.phone, account.version) == ("+48 22 999 99 99", 2)
