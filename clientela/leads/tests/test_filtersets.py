"""LeadFilterSet: status, conversion and date lookups."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from clientela.leads.filtersets import LeadFilterSet
from clientela.leads.models import Lead
from clientela.leads.tests.factories import LeadFactory

pytestmark = pytest.mark.django_db


def last_names(query: str) -> list[str]:
    filterset = LeadFilterSet(QueryDict(query), queryset=Lead.objects.order_by("last_name"))
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("last_name", flat=True))


def test_status_in_and_converted_at_range(rep):
    now = timezone.now()
    LeadFactory(last_name="New", owner=rep, status="new")
    LeadFactory(last_name="Dead", owner=rep, status="dead")
    LeadFactory(last_name="Done", owner=rep, status="converted", converted_at=now)
    assert last_names("status__in=new,dead") == ["Dead", "New"]
    assert last_names("converted_at__isnull=false") == ["Done"]
    since = (now - datetime.timedelta(days=1)).date().isoformat()
    assert last_names(f"converted_at__gte={since}") == ["Done"]
    assert last_names("company__isnull=false&status=new") == ["New"]
