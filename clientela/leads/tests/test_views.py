"""The lead pages: the generic suite and the conversion wizard."""

import pytest

from clientela.core.testing.views import RecordViewTests
from clientela.leads.models import Lead
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


class TestLeadViews(RecordViewTests):
    model = Lead
    app = "leads"
    module_slug = "leads"
    form_data = {"first_name": "Grace", "last_name": "Hopper", "company": "Navy",
                 "status": "new", "source": "web"}
    edit_data = {"status": "in_process", "company": "Navy Labs"}
    invalid_data = {"email": "grace-at-navy"}
    invalid_field = "email"
    bulk_edit_data = {"status": "dead"}
    hidden_field = "mobile"
    hidden_value = "0700 900 123"

    def make(self, user, **fields):
        return LeadFactory(owner=user, mobile=self.hidden_value, **fields)
