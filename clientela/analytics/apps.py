from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "clientela.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from clientela.core.registry import register_nav_link, register_permission_module

        register_permission_module("analytics", _("Analytics"))
        register_nav_link("analytics", _("Customer analytics"), "analytics:overview",
                          group=_("Analytics"), icon="bi-pie-chart", order=60,
                          module="analytics")
        from .portfolios.registration import register_portfolios
        register_portfolios()
