from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    name = "clientela.leads"
    label = "leads"
    verbose_name = _("Leads")

    def ready(self) -> None:
        from clientela.core.registry import register_module

        from .models import Lead

        register_module(
            Lead, slug="leads", label=_("Leads"), group=_("Customers"), icon="bi-funnel",
            order=30, search_fields=("first_name", "last_name", "company", "email", "phone"),
        )
