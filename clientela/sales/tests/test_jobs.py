"""Export and import of opportunities through the generic jobs."""

import csv
import io

import pytest

from clientela.core.jobs.models import JobStatus
from clientela.core.jobs.services import job_export_start, job_import_start
from clientela.sales.models import Opportunity
from clientela.sales.tests.factories import OpportunityFactory, stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def test_export_filtered_by_stage_holds_only_visible_records(rep, outsider, run):
    OpportunityFactory(owner=rep, name="Mine")
    OpportunityFactory(owner=rep, name="Later", stage=stage("Proposal"))
    OpportunityFactory(owner=outsider, name="Theirs")
    job = run(job_export_start, user=rep, module="opportunities",
              query=f"stage={stage('Prospecting').pk}")
    job.refresh_from_db()
    with job.output_file.open("rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Mine"]


def test_import_applies_the_stage_rules_and_writes_nothing_on_a_bad_row(manager, run):
    proposal, lost = stage("Proposal"), stage("Closed lost")
    data = (f"name,pipeline,stage,amount,currency\n"
            f"Alpha,{proposal.pipeline_id},{proposal.pk},100,usd\n"
            f"Beta,{lost.pipeline_id},{lost.pk},100,EUR\n").encode()
    job = run(job_import_start, user=manager, module="opportunities", name="o.csv", data=data)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert {(error["row"], error["field"]) for error in job.errors} == {(3, "lost_reason")}
    assert Opportunity.objects.count() == 0
    good = (f"name,pipeline,stage,amount,currency,lost_reason\n"
            f"Alpha,{proposal.pipeline_id},{proposal.pk},100,usd,\n"
            f"Beta,{lost.pipeline_id},{lost.pk},100,EUR,price\n").encode()
    job = run(job_import_start, user=manager, module="opportunities", name="o.csv", data=good)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert sorted(Opportunity.objects.values_list("name", "probability", "currency", "status")) == [
        ("Alpha", 60, "USD", "open"), ("Beta", 0, "EUR", "lost")]
