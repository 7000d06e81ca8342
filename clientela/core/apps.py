from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clientela.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import receivers
        from .search import receivers as search_receivers  # noqa: F401

        receivers.connect_grant_receivers()
