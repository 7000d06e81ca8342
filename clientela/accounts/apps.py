from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "clientela.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from clientela.core.registry import register_module

        from .models import Account

        register_module(
            Account, slug="accounts", label=_("Accounts"), group=_("Customers"),
            icon="bi-building", order=10, search_fields=("name", "email", "phone", "website"),
        )
