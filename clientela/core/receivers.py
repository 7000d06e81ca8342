"""The platform's own signal receivers: cached list counts follow every write."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .counting import GRANTS, bump_generation
from .signals import record_changed


@receiver(record_changed)
def record_counts_expire(sender, instance, **kwargs) -> None:
    # Now, for this transaction's own reads, and again after the commit: a count another
    # request read before the commit would otherwise be kept while missing the write.
    label = sender._meta.label_lower
    bump_generation(label)
    transaction.on_commit(partial(bump_generation, label))


def grants_counts_expire(sender, **kwargs) -> None:
    bump_generation(GRANTS)


def connect_grant_receivers() -> None:
    """Expire counts when what restrict() reads changes: grants, shares, users' teams."""
    from clientela.users.models import FieldPermission, RolePermission, Share, User

    for model in (RolePermission, FieldPermission, Share, User):
        post_save.connect(grants_counts_expire, sender=model, dispatch_uid=f"counts-{model}")
        post_delete.connect(grants_counts_expire, sender=model, dispatch_uid=f"counts-{model}-d")
