"""The columns of the account lists."""

from django.utils.translation import gettext_lazy as _

from clientela.core.tables import Column, Table

from .models import Account


class AccountTable(Table):
    model = Account
    columns = (
        Column("name", link=True),
        Column("account_type"),
        Column("industry"),
        Column("billing_city", label=_("City")),
        Column("billing_country", label=_("Country")),
        Column("phone", sortable=False),
        Column("email"),
        Column("owner"),
        Column("customer_class", default=False),
        Column("parent", default=False),
        Column("rating", default=False),
        Column("annual_revenue", default=False),
        Column("employees", default=False),
        Column("website", default=False),
        Column("team", default=False),
        Column("updated_at", default=False),
    )
