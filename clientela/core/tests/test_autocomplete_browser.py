"""Record pickers in a real Chromium: choosing a contact's account with the keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.models import Contact
from clientela.core.testing.browser import sign_in
from clientela.core.testing.factories import UserFactory, role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seller(transactional_db, team_east):
    return UserFactory(username="maria", first_name="María", last_name="García",
                       role=role("sales-rep"), team=team_east)


def test_contact_form_account_is_picked_by_typing_and_the_keyboard(
    page, seller, team_west, screenshot
):
    AccountFactory(owner=seller, name="Iberia Foods", billing_city="Sevilla")
    chosen = AccountFactory(owner=seller, name="Iberia Components", billing_city="Madrid")
    stranger = UserFactory(username="stranger", role=role("sales-rep"), team=team_west)
    AccountFactory(owner=stranger, name="Iberia Hidden")
    sign_in(page, "maria")
    page.goto("/contacts/add/")
    page.get_by_label("First name").fill("Jan")
    page.get_by_label("Last name").fill("Kowalski")

    picker = page.get_by_role("combobox", name="Account")
    expect(picker).to_have_attribute("aria-expanded", "false")
    picker.press_sequentially("iberia")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_text(["Iberia Components (Madrid)", "Iberia Foods (Sevilla)"])
    expect(picker).to_have_attribute("aria-expanded", "true")
    expect(options.first).to_be_visible()
    screenshot("picker-suggestions")

    picker.press("Escape")
    expect(picker).to_have_attribute("aria-expanded", "false")
    picker.press("ArrowDown")
    expect(options).to_have_count(2)
    picker.press("ArrowDown")
    expect(picker).to_have_attribute("aria-activedescendant", re.compile(r"-0$"))
    expect(options.first).to_have_attribute("aria-selected", "true")
    picker.press("Enter")
    expect(picker).to_have_value("Iberia Components (Madrid)")
    expect(page.locator("input[type=hidden][name=accounts-0-account]")).to_have_value(
        str(chosen.pk)
    )
    expect(picker).to_have_attribute("aria-expanded", "false")

    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Jan Kowalski")
    contact = Contact.objects.get()
    assert contact.account == chosen


def test_account_parent_picked_survives_inline_validation_and_saves(page, seller):
    parent = AccountFactory(owner=seller, name="Holding Iberia", billing_city="Madrid")
    child = AccountFactory(owner=seller, name="Branch")
    sign_in(page, "maria")
    page.goto(child.get_absolute_url() + "edit/")

    picker = page.get_by_role("combobox", name="Parent account")
    picker.press_sequentially("hold")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(
        ["Holding Iberia (Madrid)"]
    )
    picker.press("ArrowDown")
    picker.press("Enter")
    with page.expect_response(lambda response: response.request.method == "POST"):
        picker.press("Tab")
    # Inline validation replaced the field; it is a working picker again, with the choice.
    picker = page.get_by_role("combobox", name="Parent account")
    expect(picker).to_have_value("Holding Iberia (Madrid)")
    expect(page.locator("input[type=hidden][name=parent]")).to_have_value(str(parent.pk))

    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Branch")
    child.refresh_from_db()
    assert child.parent == parent
