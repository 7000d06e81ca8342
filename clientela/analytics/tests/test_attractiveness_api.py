"""The attractiveness in the API: the criteria collection and the scores, with the errors and
permissions of the public contract."""

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.analytics.models import AttractivenessCriterion, AttractivenessScore
from clientela.core.testing.api import api_client
from clientela.core.testing.factories import TeamFactory, UserFactory, role

pytestmark = pytest.mark.django_db

CRITERIA = "/api/v1/attractiveness-criteria/"
SCORES = "/api/v1/attractiveness-scores/"


def criterion(name: str) -> AttractivenessCriterion:
    return AttractivenessCriterion.objects.get(name=name)


@pytest.fixture
def service_agent(db):
    return UserFactory(username="agent", role=role("service-agent"))


@pytest.fixture
def stranger(db):
    """A sales rep alone in a team of their own: sees nobody else's accounts."""
    return UserFactory(username="stranger", role=role("sales-rep"),
                       team=TeamFactory(name="South"))


@pytest.fixture
def colleague(rep):
    """A sales rep in the rep's team: sees the rep's accounts, edits only their own."""
    return UserFactory(username="colleague", role=role("sales-rep"), team=rep.team)


@pytest.fixture
def rep_account(rep):
    return AccountFactory(owner=rep, name="Rep's customer")


@pytest.fixture
def manager_account(manager):
    return AccountFactory(owner=manager, name="Manager's customer")


# Criteria


def test_criteria_are_listed_in_order_for_analytics_users(rep):
    response = api_client(rep).get(CRITERIA)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 10
    first = body["results"][0]
    assert first == {"id": criterion("Sales potential").pk, "name": "Sales potential",
                     "description": "What the customer could buy from us in the coming years.",
                     "weight": 4, "source": "manual", "position": 0, "is_active": True}
    single = api_client(rep).get(f"{CRITERIA}{first['id']}/")
    assert single.json()["name"] == "Sales potential"


def test_criteria_need_analytics_access_and_a_signed_in_caller(service_agent):
    assert api_client(service_agent).get(CRITERIA).status_code == 403
    assert api_client().get(CRITERIA).status_code == 401


def test_an_administrator_creates_updates_and_deletes_a_criterion(admin_user):
    client = api_client(admin_user)
    created = client.post(CRITERIA, {"name": "Fit", "weight": 2, "position": 11},
                          format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["source"] == "manual"
    updated = client.patch(f"{CRITERIA}{pk}/", {"weight": 4, "is_active": False},
                           format="json")
    assert updated.status_code == 200
    assert (updated.json()["weight"], updated.json()["is_active"]) == (4, False)
    assert client.delete(f"{CRITERIA}{pk}/").status_code == 204
    assert not AttractivenessCriterion.objects.filter(pk=pk).exists()


def test_a_bad_criterion_gets_the_field_errors(admin_user):
    response = api_client(admin_user).post(CRITERIA, {"name": "Market image", "weight": 9},
                                           format="json")
    assert response.status_code == 400
    body = response.json()
    assert sorted(body["errors"]) == ["name", "weight"]
    assert body["detail"]
    assert AttractivenessCriterion.objects.count() == 10


def test_only_administrators_write_criteria(manager):
    client = api_client(manager)
    image = criterion("Market image")
    assert client.post(CRITERIA, {"name": "Fit", "weight": 2}, format="json"
                       ).status_code == 403
    assert client.patch(f"{CRITERIA}{image.pk}/", {"weight": 0}, format="json"
                        ).status_code == 403
    assert client.delete(f"{CRITERIA}{image.pk}/").status_code == 403
    image.refresh_from_db()
    assert image.weight == 2
    assert AttractivenessCriterion.objects.count() == 10


# Scores


def test_setting_scores_returns_the_accounts_scores(rep, rep_account):
    potential, image = criterion("Sales potential"), criterion("Market image")
    response = api_client(rep).post(SCORES, {
        "account": rep_account.pk, "scores": {str(potential.pk): 4, str(image.pk): 2}},
        format="json")
    assert response.status_code == 200
    assert response.json() == {"account": rep_account.pk,
                               "scores": {str(potential.pk): 4, str(image.pk): 2}}
    cleared = api_client(rep).post(SCORES, {
        "account": rep_account.pk, "scores": {str(image.pk): None}}, format="json")
    assert cleared.json()["scores"] == {str(potential.pk): 4}
    stored = AttractivenessScore.objects.get(account=rep_account)
    assert (stored.criterion, stored.score, stored.scored_by) == (potential, 4, rep)


def test_scores_are_listed_for_visible_accounts_and_filtered_by_account(
        rep, stranger, manager, rep_account, manager_account):
    potential = criterion("Sales potential")
    AttractivenessScore.objects.create(account=rep_account, criterion=potential, score=3,
                                       scored_by=rep)
    AttractivenessScore.objects.create(account=manager_account, criterion=potential,
                                       score=5, scored_by=manager)
    everything = api_client(manager).get(SCORES).json()
    assert everything["count"] == 2
    only = api_client(manager).get(SCORES, {"account": rep_account.pk}).json()
    assert [(row["account"], row["criterion"], row["score"], row["scored_by"])
            for row in only["results"]] == [(rep_account.pk, potential.pk, 3, rep.pk)]
    assert api_client(stranger).get(SCORES).json()["count"] == 0
    bad = api_client(manager).get(SCORES, {"account": "one"})
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["account"]


@pytest.mark.parametrize("scores, field", [
    ({"SCORE": 6}, "scores.SCORE"),
    ({"SCORE": 0}, "scores.SCORE"),
    ({"SCORE": "high"}, "scores.SCORE"),
    ({"SCORE": 2.5}, "scores.SCORE"),
    ({"99999": 3}, "scores.99999"),
    ({"INACTIVE": 3}, "scores.INACTIVE"),
    ({}, "scores"),
])
def test_bad_scores_are_refused_naming_the_entry_and_nothing_is_saved(
        rep, rep_account, scores, field):
    potential, image = criterion("Sales potential"), criterion("Market image")
    image.is_active = False
    image.save()
    names = {"SCORE": str(potential.pk), "INACTIVE": str(image.pk)}
    payload = {names.get(key, key): value for key, value in scores.items()}
    if scores:
        payload[str(criterion("Financial strength").pk)] = 4
    response = api_client(rep).post(SCORES, {"account": rep_account.pk, "scores": payload},
                                    format="json")
    assert response.status_code == 400
    body = response.json()
    expected = field.replace("SCORE", names["SCORE"]).replace("INACTIVE", names["INACTIVE"])
    assert list(body["errors"]) == [expected]
    assert isinstance(body["detail"], str) and body["detail"]
    assert not AttractivenessScore.objects.exists()


def test_an_account_the_caller_may_not_see_is_refused_as_unknown(stranger, rep_account):
    response = api_client(stranger).post(SCORES, {
        "account": rep_account.pk, "scores": {str(criterion("Sales potential").pk): 3}},
        format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["account"]
    assert not AttractivenessScore.objects.exists()


@pytest.mark.parametrize("who", ["reader", "colleague"])
def test_a_visible_account_the_caller_may_not_edit_is_forbidden(request, who, rep_account):
    response = api_client(request.getfixturevalue(who)).post(SCORES, {
        "account": rep_account.pk, "scores": {str(criterion("Sales potential").pk): 3}},
        format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not AttractivenessScore.objects.exists()


def test_scores_need_analytics_access(service_agent, rep_account):
    client = api_client(service_agent)
    assert client.get(SCORES).status_code == 403
    assert client.post(SCORES, {"account": rep_account.pk, "scores": {"1": 3}},
                       format="json").status_code == 403
    assert api_client().get(SCORES).status_code == 401


def test_the_schema_describes_both_collections(admin_user):
    response = api_client(admin_user).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/attractiveness-criteria/", "/api/v1/attractiveness-criteria/{id}/",
            "/api/v1/attractiveness-scores/"} <= set(paths)
    assert "post" in paths["/api/v1/attractiveness-scores/"]
