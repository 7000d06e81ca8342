"""The administrators' pipeline pages: stages as rows, saved all or nothing."""

import pytest
from django.urls import reverse

from clientela.sales.models import Pipeline
from clientela.sales.tests.factories import OpportunityFactory, PipelineFactory

pytestmark = pytest.mark.django_db


def rows(stages, initial=0):
    """Return the posted stage rows; `initial` of them stand for stored stages, as on the page."""
    data = {"stages-TOTAL_FORMS": str(len(stages)), "stages-INITIAL_FORMS": str(initial)}
    for index, stage in enumerate(stages):
        for name, value in stage.items():
            data[f"stages-{index}-{name}"] = value
    return data


def stored(pipeline):
    return [(stage.name, stage.probability, stage.kind)
            for stage in pipeline.stages.order_by("position")]


def test_only_administrators_open_the_pipeline_pages(client, manager):
    client.force_login(manager)
    assert client.get(reverse("sales:pipeline_list")).status_code == 403
    assert client.get(reverse("sales:pipeline_create")).status_code == 403


def test_list_shows_the_seeded_pipelines(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("sales:pipeline_list"))
    assert [pipeline.name for pipeline in response.context["pipelines"]] == [
        "New business", "Renewals"]


def test_pipelines_are_a_tab_of_the_administration_pages(client, admin_user):
    client.force_login(admin_user)
    content = client.get(reverse("users:user_list")).content.decode()
    assert f'href="{reverse("sales:pipeline_list")}">Pipelines</a>' in content
    content = client.get(reverse("sales:pipeline_list")).content.decode()
    assert (f'active" aria-current="page" href="{reverse("sales:pipeline_list")}">Pipelines</a>'
            in content)


def test_create_a_pipeline_with_stages_in_the_chosen_order(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("sales:pipeline_create"), {
        "name": "Partners", "position": "3", **rows([
            {"name": "Signed", "probability": "100", "kind": "won", "position": "3"},
            {"name": "Talks", "probability": "30", "kind": "open", "position": "1"},
            {"name": "Dropped", "probability": "0", "kind": "lost", "position": "4"},
            {"name": "", "probability": "", "kind": "open", "position": ""},
        ]),
    })
    assert response.status_code == 302
    assert stored(Pipeline.objects.get(name="Partners")) == [
        ("Talks", 30, "open"), ("Signed", 100, "won"), ("Dropped", 0, "lost")]


def test_edit_renames_and_deleting_a_used_stage_is_refused_with_a_clear_error(client,
                                                                              admin_user, rep):
    pipeline = PipelineFactory(name="Small", stages=[
        ("Open", 30, "open"), ("Next", 50, "open"), ("Won", 100, "won"), ("Lost", 0, "lost")])
    OpportunityFactory(owner=rep, stage=pipeline.stages.get(name="Open"), pipeline=pipeline)
    client.force_login(admin_user)
    url = reverse("sales:pipeline_edit", args=[pipeline.pk])
    form = client.get(url).context["formset"]
    initial = [dict(item.initial) for item in form.forms if item.initial]
    data = rows([{**item, "DELETE": "on" if item["name"] == "Open" else ""}
                 for item in initial], initial=len(initial))
    response = client.post(url, {"name": "Small", "position": "0", **data})
    assert response.status_code == 400
    assert "Open cannot be deleted: 1 opportunity is in it" in response.content.decode()
    assert stored(pipeline) == [("Open", 30, "open"), ("Next", 50, "open"), ("Won", 100, "won"),
                                ("Lost", 0, "lost")]
    renamed = [{**item, "name": "Qualifying"} if item["name"] == "Open" else item
               for item in initial]
    response = client.post(url, {"name": "Small", "position": "0",
                                 **rows(renamed, initial=len(renamed))})
    assert response.status_code == 302
    assert stored(pipeline)[0] == ("Qualifying", 30, "open")


def test_a_pipeline_without_a_won_stage_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("sales:pipeline_create"), {
        "name": "Broken", "position": "0", **rows([
            {"name": "Talks", "probability": "30", "kind": "open"},
            {"name": "Dropped", "probability": "0", "kind": "lost"},
        ]),
    })
    assert response.status_code == 400
    assert "one won stage" in response.content.decode()
    assert not Pipeline.objects.filter(name="Broken").exists()


def test_bad_stage_row_shows_its_error_on_the_row(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("sales:pipeline_create"), {
        "name": "P", "position": "0", **rows([
            {"name": "Talks", "probability": "130", "kind": "open"},
        ]),
    })
    assert response.status_code == 400
    assert list(response.context["formset"].forms[0].errors) == ["probability"]


def test_delete_a_pipeline_only_without_opportunities(client, admin_user, rep):
    used, unused = PipelineFactory(), PipelineFactory()
    OpportunityFactory(owner=rep, stage=used.stages.get(name="Open"), pipeline=used)
    client.force_login(admin_user)
    response = client.post(reverse("sales:pipeline_delete", args=[used.pk]))
    assert response.status_code == 400
    assert "has opportunities" in response.content.decode()
    assert client.post(reverse("sales:pipeline_delete", args=[unused.pk])).status_code == 302
    assert list(Pipeline.objects.filter(pk__in=[used.pk, unused.pk])) == [used]
