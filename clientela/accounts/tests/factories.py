"""Factories for accounts, saved through the Record write path so they carry owner and team."""

import factory

from clientela.accounts.models import Account


class RecordFactory(factory.django.DjangoModelFactory):
    """Save through `stamp()` so owner, team, created_by and the change log are set."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        actor = kwargs.pop("actor", None) or kwargs.get("owner")
        tags = kwargs.pop("tags", None)
        obj = model_class(*args, **kwargs)
        obj.stamp(actor)
        obj.save()
        if tags:
            obj.tags.set(tags)
        return obj


class AccountFactory(RecordFactory):
    class Meta:
        model = Account

    name = factory.Sequence(lambda n: f"Account {n}")
