from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "clientela.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from clientela.accounts.models import Account
        from clientela.contacts.models import Contact
        from clientela.core.registry import (
            register_demo_step,
            register_nav_link,
            register_permission_module,
            register_record_extra,
        )

        from .demo import analytics_demo_create
        from .selectors.records import account_analytics, contact_analytics

        register_permission_module("analytics", _("Analytics"))
        register_demo_step("analytics", analytics_demo_create)
        register_record_extra(Account, "analytics", account_analytics)
        register_record_extra(Contact, "analytics", contact_analytics)
        register_nav_link("analytics", _("Customer analytics"), "analytics:overview",
                          group=_("Analytics"), icon="bi-pie-chart", order=60,
                          module="analytics")
