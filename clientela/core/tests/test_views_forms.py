"""The generic record form as a browser first receives it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_new_record_form_offers_the_creator_as_owner(client, rep):
    client.force_login(rep)
    html = client.get("/accounts/add/").content.decode()
    select = re.search(r'<select name="owner".*?</select>', html, re.S).group(0)
    assert re.search(rf'<option value="{rep.pk}" selected>', select)
