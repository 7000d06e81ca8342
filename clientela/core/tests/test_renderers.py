"""The API's JSON renderer writes exactly the bytes DRF's renderer writes."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from clientela.core.api.renderers import JSONRenderer

VALUES = [
    {"amount": Decimal("1234.5000"), "at": timezone.now(),
     "local": datetime.datetime(2026, 3, 1, 12, 30, tzinfo=datetime.timezone(
         datetime.timedelta(hours=1))),
     "day": datetime.date(2026, 1, 2), "time": datetime.time(9, 5),
     "label": gettext_lazy("Name"), "text": "Żółć 中文 \"quoted\" </script>",
     1: [None, True, False, 1.5, -3], "nested": {"empty": [], "id": uuid.UUID(int=7)}},
    [],
    "plain",
]


@pytest.mark.parametrize("data", VALUES)
def test_the_same_bytes_as_drf(data):
    assert JSONRenderer().render(data) == DRFJSONRenderer().render(data)


def test_nothing_renders_as_no_body():
    assert JSONRenderer().render(None) == b""
