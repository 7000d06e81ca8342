"""The platform's own signal receivers: cached list counts follow every write."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .counting import GRANTS, bump_generation
from .signals import record_changed


@receiver(record_changed)
def record_counts_expire(sender, instance, **kwargs) -> None:
    bump_generation(sender._meta.label_lower)


def grants_counts_expire(sender, **kwargs) -> None:
    bump_generation(GRANTS)


def connect_grant_receivers() -> None:
    """Expire counts when what restrict() reads changes: grants, shares, users' teams."""
    from clientela.users.models import FieldPermission, RolePermission, Share, User

    for model in (RolePermission, FieldPermission, Share, User):
        post_save.connect(grants_counts_expire, sender=model, dispatch_uid=f"counts-{model}")
        post_delete.connect(grants_counts_expire, sender=model, dispatch_uid=f"counts-{model}-d")
