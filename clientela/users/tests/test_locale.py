"""Each signed-in user's language and time zone apply to the pages they see."""

import datetime

import pytest

from clientela.contacts.models import Consent
from clientela.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def consent_time(client, contact) -> str:
    related = {item.title: item for item in
               client.get(contact.get_absolute_url()).context["related"]}
    return related["Consents"].rows[0][2].text


def test_times_show_in_the_user_time_zone(client, rep):
    contact = ContactFactory(owner=rep)
    Consent.objects.create(contact=contact, channel="sms", status="opted_out",
                           at=datetime.datetime(2025, 9, 9, 21, 51, tzinfo=datetime.UTC))
    client.force_login(rep)
    assert consent_time(client, contact) == "09/09/2025 9:51 p.m."
    rep.time_zone = "Asia/Shanghai"
    rep.save()
    assert consent_time(client, contact) == "09/10/2025 5:51 a.m."


def test_pages_are_served_in_the_user_language(client, rep):
    rep.language = "es"
    rep.save()
    client.force_login(rep)
    assert '<html lang="es">' in client.get("/").content.decode()
