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
            register_admin_page,
            register_demo_step,
            register_detail_panel,
            register_list_filters,
            register_nav_link,
            register_permission_module,
            register_record_extra,
        )

        from .demo import analytics_demo_create
        from .filters import account_list_filters, contact_list_filters
        from .portfolios.registration import register_portfolios
        from .selectors.panel import account_panel, contact_panel
        from .selectors.records import account_analytics, contact_analytics
        from .views.attractiveness import attractiveness_panel

        register_permission_module("analytics", _("Analytics"))
        register_demo_step("analytics", analytics_demo_create)
        register_record_extra(Account, "analytics", account_analytics)
        register_record_extra(Contact, "analytics", contact_analytics)
        register_list_filters("analytics-accounts", Account, account_list_filters)
        register_list_filters("analytics-contacts", Contact, contact_list_filters)
        register_nav_link("analytics", _("Customer analytics"), "analytics:overview",
                          group=_("Analytics"), icon="bi-pie-chart", order=60,
                          module="analytics")
        register_detail_panel(
            "analytics", Account, template_name="analytics/_account_panel.html",
            context=lambda request, account: account_panel(user=request.user, account=account))
        register_detail_panel(
            "analytics-contact", Contact, template_name="analytics/_account_panel.html",
            context=lambda request, contact: contact_panel(user=request.user, contact=contact))
        register_admin_page("analytics_settings", _("Analytics"), "analytics:settings", order=60)
        register_admin_page("attractiveness_criteria", _("Attractiveness criteria"),
                            "analytics:criterion_list", order=61)
        # After the account's other analytics.
        register_detail_panel("attractiveness", Account,
                              template_name="analytics/_attractiveness_panel.html",
                              context=attractiveness_panel, order=110)
        register_portfolios()
