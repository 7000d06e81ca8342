"""Factories for the platform's users, teams and roles."""

from __future__ import annotations

import factory

from clientela.users.models import Role, Team, User

PASSWORD = "secret-pass-123"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a seeded role (by slug) and a usable password `secret-pass-123`."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    role = factory.LazyFunction(lambda: Role.objects.get(slug="sales-rep"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()

    class Params:
        admin = factory.Trait(role=factory.LazyFunction(lambda: Role.objects.get(slug="admin")))


def role(slug: str) -> Role:
    return Role.objects.get(slug=slug)
