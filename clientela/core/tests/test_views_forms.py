"""The generic record form as a browser first receives it."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_new_record_form_offers_the_creator_as_owner(client, rep):
    client.force_login(rep)
    html = client.get("/accounts/add/").content.decode()
    picker = re.search(
        r'<div class="record-picker[^>]*>\s*<input type="text" name="owner".*?</div>', html, re.S
    ).group(0)
    assert f'data-label="{rep.get_full_name()} ({rep.username})"' in picker
    assert f'<input type="text" name="owner" value="{rep.pk}"' in picker
