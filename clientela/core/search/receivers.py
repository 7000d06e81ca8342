"""Signal receivers that keep the search index in step with every record write."""

from __future__ import annotations

from django.dispatch import receiver

from clientela.core.signals import record_changed

from .indexing import index_dependents, index_instance, remove_instance


@receiver(record_changed, dispatch_uid="clientela.core.search.update_index")
def update_search_index(sender, instance, action: str, **kwargs) -> None:
    """Index a created, updated or restored record; drop a deleted one; refresh dependents.

    Runs inside the write's transaction, so a rolled-back write leaves the index as it was.
    """
    if action == "delete":
        remove_instance(instance)
    else:
        index_instance(instance, created=action == "create")
    if action == "update":
        index_dependents(instance)
