from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompanyConfig(AppConfig):
    name = "clientela.company"
    label = "company"
    verbose_name = _("Company")

    def ready(self) -> None:
        from clientela.core.registry import register_admin_page

        register_admin_page("company", _("Company"), "company:company_edit", order=40)
