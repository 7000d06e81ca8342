from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clientela.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from .search import receivers  # noqa: F401
