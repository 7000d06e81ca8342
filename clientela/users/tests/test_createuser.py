"""`clientela createuser`: roles, teams, generated passwords and API tokens."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from clientela.users.models import Team, User


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("createuser", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_token_is_the_last_line_and_nothing_else():
    lines = run("ana", "--role", "sales-manager", "--team", "Iberia", "--token")
    user = User.objects.get(username="ana")
    assert lines[-1] == Token.objects.get(user=user).key
    assert user.role.slug == "sales-manager"
    assert user.team == Team.objects.get(name="Iberia")


@pytest.mark.django_db
def test_generated_password_is_printed_and_works():
    lines = run("piotr", "--email", "piotr@example.com")
    password = lines[-1].removeprefix("Password: ")
    user = authenticate(username="piotr", password=password)
    assert user is not None
    assert user.role.slug == "sales-rep"
    assert user.email == "piotr@example.com"
    assert user.team is None
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_given_password_is_not_printed():
    lines = run("li", "--password", "Long-enough-pass-42")
    assert not any("Long-enough-pass-42" in line for line in lines)
    assert authenticate(username="li", password="Long-enough-pass-42") is not None


@pytest.mark.django_db
def test_unknown_role_lists_the_roles_and_creates_nothing():
    with pytest.raises(CommandError) as error:
        run("ghost", "--role", "wizard", "--team", "Nowhere", "--token")
    assert str(error.value) == (
        "Unknown role wizard; the roles are: admin, marketing, read-only, sales-manager, "
        "sales-rep, service-agent."
    )
    assert not User.objects.filter(username="ghost").exists()
    assert not Team.objects.filter(name="Nowhere").exists()
    assert not Token.objects.exists()


@pytest.mark.django_db
def test_taken_username_is_refused_and_the_first_user_kept(rep):
    with pytest.raises(CommandError, match="taken"):
        run("rep", "--role", "admin")
    rep.refresh_from_db()
    assert rep.role.slug == "sales-rep"
    assert User.objects.filter(username__iexact="rep").count() == 1


def test_exit_code_is_non_zero_for_an_unknown_role(tmp_path):
    env = {**os.environ, "CLIENTELA_HOME": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "clientela.config.settings.base"}
    env.pop("DATABASE_URL", None)
    clientela = [sys.executable, "-m", "clientela"]
    subprocess.run([*clientela, "migrate", "--skip-checks", "-v0"], env=env, check=True,
                   timeout=120)
    result = subprocess.run([*clientela, "createuser", "x", "--role", "nope"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "Unknown role nope" in result.stderr
