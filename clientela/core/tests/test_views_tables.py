"""The declarative tables of the list pages."""

import pytest

from clientela.accounts.tables import AccountTable
from clientela.accounts.tests.factories import AccountFactory
from clientela.core.tables import Cell
from clientela.customization.models import CustomField

pytestmark = pytest.mark.django_db


def test_cells_show_choice_labels_related_links_and_custom_values(rep):
    CustomField.objects.create(module="accounts", name="tier", label="Tier", type="choice",
                               choices=["A", "B"])
    parent = AccountFactory(owner=rep, name="Parent")
    account = AccountFactory(owner=rep, name="Child", account_type="customer", parent=parent,
                             custom={"tier": "B"})
    table = AccountTable("accounts")
    columns = {column.name: column for column in table.available()}
    assert table.cell(account, columns["name"]) == Cell("Child", account.get_absolute_url())
    assert table.cell(account, columns["account_type"]) == Cell("Customer")
    assert table.cell(account, columns["parent"]) == Cell("Parent", parent.get_absolute_url())
    assert table.cell(account, columns["cf_tier"]) == Cell("B")
    assert table.cell(account, columns["parent"], links=False) == Cell("Parent")
    assert table.label(columns["cf_tier"]) == "Tier"


def test_hidden_fields_are_not_offered_and_unknown_choices_fall_back_to_defaults(db):
    CustomField.objects.create(module="accounts", name="tier", label="Tier", type="text")
    table = AccountTable("accounts", hidden=frozenset({"phone", "tier"}))
    names = [column.name for column in table.available()]
    assert "phone" not in names
    assert "cf_tier" not in names
    assert [column.name for column in table.chosen(["phone", "nonsense"])] == [
        column.name for column in table.available() if column.default
    ]
    assert [column.name for column in table.chosen(["email", "name"])] == ["email", "name"]
