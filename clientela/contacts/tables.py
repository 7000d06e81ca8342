"""The columns of the contact lists."""

from django.utils.translation import gettext_lazy as _

from clientela.core.tables import Column, Table

from .models import Contact


class ContactTable(Table):
    model = Contact
    columns = (
        Column("last_name", link=True),
        Column("first_name", link=True),
        Column("account"),
        Column("title"),
        Column("email"),
        Column("phone", sortable=False),
        Column("city", label=_("City")),
        Column("owner"),
        Column("department", default=False),
        Column("country", default=False),
        Column("level", default=False),
        Column("risk", default=False),
        Column("preferred_channel", default=False),
        Column("do_not_contact", default=False),
        Column("birth_date", default=False),
        Column("team", default=False),
        Column("updated_at", default=False),
    )
