from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "clientela.sales"
    label = "sales"
    verbose_name = _("Sales")

    def ready(self) -> None:
        from clientela.core.registry import (
            register_admin_page,
            register_module,
            register_nav_link,
        )

        from . import receivers  # noqa: F401
        from .models import (
            Contract,
            Invoice,
            Opportunity,
            Order,
            PriceBook,
            Product,
            Quota,
            Quote,
        )

        # The services declare how their documents print.
        from .services import invoices as invoice_services  # noqa: F401
        from .services import quotes as quote_services  # noqa: F401

        register_module(
            Opportunity, slug="opportunities", label=_("Opportunities"), group=_("Sales"),
            icon="bi-graph-up-arrow", order=40, search_fields=("name", "account__name"),
        )
        register_module(
            Quote, slug="quotes", label=_("Quotes"), group=_("Sales"),
            icon="bi-file-earmark-text", order=45, search_fields=("subject", "account__name"),
        )
        register_module(
            Order, slug="orders", label=_("Orders"), group=_("Sales"), icon="bi-cart-check",
            order=46, search_fields=("subject", "account__name"),
        )
        register_module(
            Invoice, slug="invoices", label=_("Invoices"), group=_("Sales"), icon="bi-receipt",
            order=47, search_fields=("number", "subject", "account__name"),
        )
        register_module(
            Product, slug="products", label=_("Products"), group=_("Sales"), icon="bi-box-seam",
            order=50, search_fields=("sku", "name"),
        )
        register_module(
            PriceBook, slug="price-books", label=_("Price books"), group=_("Sales"),
            icon="bi-journal-text", order=51, search_fields=("name",),
        )
        register_module(
            Contract, slug="contracts", label=_("Contracts"), group=_("Sales"),
            icon="bi-journal-check", order=48, search_fields=("name", "account__name"),
        )
        register_module(
            Quota, slug="quotas", label=_("Quotas"), group=_("Sales"), icon="bi-bullseye",
            order=42, search_fields=("user__username", "user__last_name", "sales_team__name"),
        )
        register_nav_link("forecast", _("Forecast"), "sales:forecast", group=_("Sales"),
                          icon="bi-speedometer2", order=41, module="opportunities")
        register_nav_link("sales_dashboard", _("Dashboard"), "sales:dashboard", group=_("Sales"),
                          icon="bi-bar-chart-line", order=41, module="opportunities")
        register_admin_page("pipelines", _("Pipelines"), "sales:pipeline_list", order=49)
        register_admin_page("currencies", _("Currencies"), "sales:currency_list", order=50)
        register_admin_page("product_categories", _("Product categories"),
                            "sales:category_list", order=51)
        register_admin_page("document_templates", _("Document templates"),
                            "sales:document_template_list", order=52)
