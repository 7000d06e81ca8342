from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "clientela.contacts"
    label = "contacts"
    verbose_name = _("Contacts")

    def ready(self) -> None:
        from clientela.core.registry import register_module

        from .models import Contact

        register_module(
            Contact, slug="contacts", label=_("Contacts"), group=_("Customers"),
            icon="bi-person-lines-fill", order=20,
            search_fields=("first_name", "last_name", "email", "phone", "account__name"),
        )
