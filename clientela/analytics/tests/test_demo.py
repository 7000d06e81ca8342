"""The demo company's analytics: every page has something to show."""

import pytest

from clientela.analytics.choices import RunStatus
from clientela.analytics.models import (
    AnalysisRun,
    AttractivenessScore,
    CustomerResult,
    Portfolio,
)
from clientela.demo.generate import demo_company_create

pytestmark = pytest.mark.django_db


def test_the_demo_company_comes_with_two_runs_and_every_class_in_use():
    demo_company_create(seed=7, scale=0.25)
    runs = list(AnalysisRun.objects.order_by("as_of"))
    assert [run.status for run in runs] == [RunStatus.SUCCEEDED] * 2
    latest = CustomerResult.objects.filter(run=runs[-1])
    assert set(latest.values_list("pareto_class", flat=True)) == {"A", "B", "C"}
    assert latest.exclude(loyalty_quadrant="").exists()
    assert latest.exclude(bcg_quadrant="").exists()
    assert latest.exclude(clv=None).exists()
    assert AttractivenessScore.objects.exists()
    assert latest.filter(is_key=True).exists()
    assert latest.filter(is_key=False).exclude(attractiveness=None).exists()
    gold = Portfolio.objects.get(code="2")
    assert [child.code for child in gold.children.order_by("code")] == ["2.1", "2.2"]
    class_a = set(latest.filter(pareto_class="A").values_list("account_id", flat=True))
    assert set(gold.members.values_list("account_id", flat=True)) == class_a
