"""The custom fields admin: create, edit, delete, validated by the field's own rules."""

import pytest
from django.urls import reverse

from clientela.accounts.models import Account
from clientela.core.models import ObjectChange
from clientela.customization.models import CustomField

pytestmark = pytest.mark.django_db


def field_data(**overrides):
    data = {
        "module": "accounts", "name": "tier", "label": "Tier", "type": "choice",
        "required": "", "default": "", "choices": "Gold\nSilver\n\nBronze\nGold",
        "help_text": "", "order": "10",
    }
    data.update(overrides)
    return data


def test_a_non_admin_cannot_create_a_field(client, manager):
    client.force_login(manager)
    response = client.post(reverse("customization:custom_field_create"), field_data())
    assert response.status_code == 403
    assert not CustomField.objects.exists()


def test_admin_creates_a_choice_field_with_choices_one_per_line(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("customization:custom_field_create"),
                           field_data(default="Silver"))
    assert response.status_code == 302
    field = CustomField.objects.get()
    assert (field.module, field.name, field.type, field.choices, field.default, field.order) == (
        "accounts", "tier", "choice", ["Gold", "Silver", "Bronze"], "Silver", 10
    )
    page = client.get(reverse("customization:custom_field_list"))
    assert "Tier" in page.content.decode()


def test_a_default_is_stored_as_its_type(client, admin_user):
    client.force_login(admin_user)
    client.post(reverse("customization:custom_field_create"),
                field_data(name="seats", label="Seats", type="integer", choices="", default="12"))
    assert CustomField.objects.get().default == 12


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"choices": ""}, "choices", "A choice field needs at least one option."),
    ({"default": "Platinum"}, "default", "Choose one of: Gold, Silver, Bronze."),
    ({"name": "Bad Name"}, "name",
     "Use lower-case letters, digits and underscores, starting with a letter."),
    ({"module": "nothing"}, "module",
     "Select a valid choice. nothing is not one of the available choices."),
])
def test_invalid_definitions_are_refused_naming_the_field(
    client, admin_user, overrides, field, message
):
    client.force_login(admin_user)
    response = client.post(reverse("customization:custom_field_create"), field_data(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not CustomField.objects.exists()


def test_a_duplicate_name_in_a_module_is_refused(client, admin_user):
    CustomField.objects.create(module="accounts", name="tier", label="Tier", type="text")
    client.force_login(admin_user)
    response = client.post(reverse("customization:custom_field_create"), field_data())
    assert response.status_code == 400
    assert CustomField.objects.count() == 1


def test_editing_keeps_module_name_and_type(client, admin_user):
    field = CustomField.objects.create(module="accounts", name="tier", label="Tier",
                                       type="choice", choices=["Gold"])
    client.force_login(admin_user)
    response = client.post(reverse("customization:custom_field_edit", args=[field.pk]),
                           field_data(module="leads", name="other", type="text",
                                      label="Level", choices="Gold\nSilver"))
    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.module, field.name, field.type, field.label, field.choices) == (
        "accounts", "tier", "choice", "Level", ["Gold", "Silver"]
    )


def test_deleting_a_field_removes_its_values_from_records(client, admin_user, rep):
    field = CustomField.objects.create(module="accounts", name="tier", label="Tier",
                                       type="text")
    account = Account(name="Acme", custom={"tier": "gold"}).stamp(rep)
    account.full_clean()
    account.save()
    client.force_login(admin_user)
    response = client.post(reverse("customization:custom_field_delete", args=[field.pk]))
    assert response.status_code == 302
    assert not CustomField.objects.exists()
    account.refresh_from_db()
    assert account.custom == {}
    assert account.version == 2
    change = ObjectChange.objects.filter(object_id=account.pk, action="update").get()
    assert change.changes == {"custom.tier": ["gold", None]}
    account.full_clean()


def test_the_form_shows_choices_one_per_line_and_the_default_as_text(client, admin_user):
    client.force_login(admin_user)
    blank = client.get(reverse("customization:custom_field_create") + "?module=leads")
    assert blank.context["form"]["choices"].value() == ""
    assert blank.context["form"]["module"].value() == "leads"
    field = CustomField.objects.create(module="accounts", name="areas", label="Areas",
                                       type="multi_choice", choices=["North", "South"],
                                       default=["North", "South"])
    page = client.get(reverse("customization:custom_field_edit", args=[field.pk]))
    assert page.context["form"]["choices"].value() == "North\nSouth"
    assert page.context["form"]["default"].value() == "North, South"
