"""`clientela createuser`: create a user with a role and a team, and optionally an API token."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from clientela.core.exceptions import ApplicationError
from clientela.users.services import user_create


class Command(BaseCommand):
    help = _(
        "Create a user. Prints the generated password when none is given; with --token the "
        "last line printed is the user's API token and nothing else."
    )
    # Creating a user needs the models only, not a valid URL configuration.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help=_("The user name to sign in with."))
        parser.add_argument("--role", default="sales-rep", help=_("The role's slug."))
        parser.add_argument("--team", default="", help=_("The team, created if missing."))
        parser.add_argument("--password", default=None, help=_("Generated when not given."))
        parser.add_argument("--email", default="", help=_("The user's email address."))
        parser.add_argument("--token", action="store_true", help=_("Create an API token."))

    def handle(self, *args, username: str, role: str, team: str, password: str | None,
               email: str, token: bool, **options) -> None:
        try:
            with transaction.atomic():
                user, used_password = user_create(
                    username=username, password=password, role_slug=role,
                    team_name=team or None, email=email,
                )
                key = Token.objects.create(user=user).key if token else None
        except ApplicationError as error:
            raise CommandError(error.message)
        self.stdout.write(
            _("Created the user %(username)s with the role %(role)s.")
            % {"username": user.username, "role": user.role.slug}
        )
        if password is None:
            self.stdout.write(_("Password: %(password)s") % {"password": used_password})
        if key is not None:
            self.stdout.write(key)
