from django.apps import AppConfig


class CustomizationConfig(AppConfig):
    name = "clientela.customization"
    label = "customization"
    verbose_name = "Customization"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the receivers
