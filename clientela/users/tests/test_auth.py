"""Sign-in, throttling, sign-out, password change and preferences."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from clientela.users.models import LoginFailure
from clientela.users.services import login_failed, login_succeeded, login_throttled

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def sign_in(client, username, password, address="10.0.0.1", next_url="/preferences/"):
    return client.post(
        reverse("users:login"),
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=address,
    )


def test_sign_in_with_the_right_password_redirects_to_next(client, rep):
    response = sign_in(client, "rep", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/preferences/"
    assert client.session["_auth_user_id"] == str(rep.pk)


def test_sign_in_refuses_an_outside_next_url(client, rep):
    response = sign_in(client, "rep", PASSWORD, next_url="https://evil.example/")
    assert response.status_code == 302
    assert "evil" not in response.url


def test_wrong_password_is_refused_and_recorded(client, rep):
    response = sign_in(client, "rep", "wrong")
    assert response.status_code == 400
    assert "The username or password is wrong" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert list(LoginFailure.objects.values_list("username", "address")) == [("rep", "10.0.0.1")]


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_FAILURE_WINDOW=900)
def test_too_many_failures_lock_out_even_the_right_password(client, rep):
    for _attempt in range(3):
        assert sign_in(client, "rep", "wrong").status_code == 400
    response = sign_in(client, "rep", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts. Try again in 15 minutes." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    # The refused attempt is not counted, so waiting is enough to get back in.
    assert LoginFailure.objects.count() == 3


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_FAILURE_WINDOW=900)
def test_lock_out_expires_with_the_window(client, rep):
    for _attempt in range(3):
        sign_in(client, "rep", "wrong")
    LoginFailure.objects.update(at=timezone.now() - datetime.timedelta(seconds=901))
    response = sign_in(client, "rep", PASSWORD)
    assert response.status_code == 302
    assert LoginFailure.objects.count() == 0


@override_settings(LOGIN_FAILURE_LIMIT=5, LOGIN_ADDRESS_FAILURE_LIMIT=3, LOGIN_FAILURE_WINDOW=900)
def test_failures_from_one_address_lock_it_out_for_every_username(client, rep, teammate):
    for name in ("a", "b", "c"):
        sign_in(client, name, "wrong", address="10.9.9.9")
    assert sign_in(client, "teammate", PASSWORD, address="10.9.9.9").status_code == 429
    assert sign_in(client, "teammate", PASSWORD, address="10.1.1.1").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=2, LOGIN_FAILURE_WINDOW=600)
def test_login_throttled_returns_seconds_until_the_oldest_failure_leaves_the_window():
    assert login_throttled(username="ann", address="10.0.0.2") is None
    login_failed(username="ann", address="10.0.0.2")
    assert login_throttled(username="ann", address=None) is None
    login_failed(username="ANN", address="10.0.0.3")
    LoginFailure.objects.filter(address="10.0.0.2").update(
        at=timezone.now() - datetime.timedelta(seconds=500)
    )
    wait = login_throttled(username="ann", address=None)
    assert 99 <= wait <= 100
    login_succeeded(username="Ann")
    assert login_throttled(username="ann", address=None) is None
    assert LoginFailure.objects.count() == 0


def test_sign_out_needs_post(client, rep):
    client.force_login(rep)
    assert client.get(reverse("users:logout")).status_code == 405
    response = client.post(reverse("users:logout"))
    assert response.status_code == 302
    assert response.url == reverse("users:login")
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client):
    for name in ("users:preferences", "users:password_change", "users:user_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("users:login") + "?next=")


def test_preferences_save_language_and_time_zone(client, rep):
    client.force_login(rep)
    response = client.post(reverse("users:preferences"), {
        "first_name": "Rita", "last_name": "Rep", "email": "rita@example.com",
        "language": "pl", "time_zone": "Europe/Warsaw",
    })
    assert response.status_code == 302
    rep.refresh_from_db()
    assert (rep.first_name, rep.language, rep.time_zone) == ("Rita", "pl", "Europe/Warsaw")


def test_preferences_refuse_an_unknown_time_zone(client, rep):
    client.force_login(rep)
    response = client.post(reverse("users:preferences"), {
        "first_name": "", "last_name": "", "email": "", "language": "en",
        "time_zone": "Mars/Olympus",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    rep.refresh_from_db()
    assert rep.time_zone == "UTC"


def test_password_change_keeps_the_session(client, rep):
    client.force_login(rep)
    response = client.post(reverse("users:password_change"), {
        "old_password": PASSWORD, "new_password1": "a-much-better-pass-42",
        "new_password2": "a-much-better-pass-42",
    })
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.check_password("a-much-better-pass-42")
    assert client.get(reverse("users:preferences")).status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(client, rep):
    client.force_login(rep)
    response = client.post(reverse("users:password_change"), {
        "old_password": "nope", "new_password1": "a-much-better-pass-42",
        "new_password2": "a-much-better-pass-42",
    })
    assert response.status_code == 200
    rep.refresh_from_db()
    assert rep.check_password(PASSWORD)


def test_a_request_without_a_usable_address_is_throttled_by_username_only(client, rep):
    response = sign_in(client, "rep", "wrong", address="unix-socket")
    assert response.status_code == 400
    assert list(LoginFailure.objects.values_list("username", "address")) == [("rep", None)]


def test_the_sign_in_page_has_labelled_fields(client):
    content = client.get(reverse("users:login")).content.decode()
    assert '<label class="form-label required" for="id_username">Username' in content
    assert '<label class="form-label required" for="id_password">Password' in content
