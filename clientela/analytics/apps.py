from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "clientela.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from clientela.accounts.models import Account
        from clientela.core.registry import (
            register_admin_page,
            register_detail_panel,
            register_nav_link,
            register_permission_module,
        )

        from .views.attractiveness import attractiveness_panel

        register_permission_module("analytics", _("Analytics"))
        register_nav_link("analytics", _("Customer analytics"), "analytics:overview",
                          group=_("Analytics"), icon="bi-pie-chart", order=60,
                          module="analytics")
        register_admin_page("analytics_settings", _("Analytics"), "analytics:settings", order=60)
        register_admin_page("attractiveness_criteria", _("Attractiveness criteria"),
                            "analytics:criterion_list", order=61)
        # After the account's other analytics.
        register_detail_panel("attractiveness", Account,
                              template_name="analytics/_attractiveness_panel.html",
                              context=attractiveness_panel, order=110)
