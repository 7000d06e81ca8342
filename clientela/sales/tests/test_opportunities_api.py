"""The opportunities and pipelines API: the generic suite plus contacts, move and close."""

import pytest

from clientela.accounts.tests.factories import AccountFactory
from clientela.contacts.tests.factories import ContactFactory
from clientela.core.testing.api import RecordAPITests, api_client
from clientela.sales.models import Opportunity, StageChange
from clientela.sales.tests.factories import OpportunityFactory, stage

pytestmark = pytest.mark.django_db


class TestOpportunityAPI(RecordAPITests):
    url = "/api/v1/opportunities/"
    factory = OpportunityFactory
    update_payload = {"name": "Bigger deal", "next_step": "Call the CFO"}
    wrong_types = ({"amount": "lots"}, "amount")
    hidden_field = "next_step"

    @pytest.fixture(autouse=True)
    def payload(self, db):
        self.valid_payload = {"name": "Deal", "stage": stage("Prospecting").pk,
                              "amount": "2500.00", "currency": "eur", "tags": ["q3"]}


def test_create_defaults_pipeline_probability_and_writes_the_first_stage_change(rep):
    contact = ContactFactory(owner=rep)
    rival = AccountFactory(owner=rep, account_type="competitor")
    response = api_client(rep).post("/api/v1/opportunities/", {
        "name": "Deal", "stage": stage("Qualification").pk, "amount": "10.50",
        "contacts": [{"contact": contact.pk, "role": "champion"}], "competitors": [rival.pk],
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["pipeline"], body["probability"], body["status"], body["currency"]) == (
        stage("Qualification").pipeline_id, 20, "open", "EUR")
    assert body["contacts"] == [{"contact": contact.pk, "role": "champion"}]
    assert body["competitors"] == [rival.pk]
    assert StageChange.objects.get().to_stage == stage("Qualification")


@pytest.mark.parametrize(("payload", "field"), [
    ({"stage": None}, "stage"),
    ({"currency": "EURO"}, "currency"),
    ({"currency": "E1R"}, "currency"),
    ({"probability": 101}, "probability"),
    ({"pipeline": "renewals"}, "pipeline"),
    ({"contacts": [{"contact": 10**9}]}, "contacts[0].contact"),
    ({"contacts": [{"contact": None, "role": "boss"}]}, "contacts[0].contact"),
])
def test_bad_input_is_400_naming_the_field_and_writes_nothing(rep, payload, field):
    data = {"name": "Deal", "stage": stage("Prospecting").pk, **payload}
    response = api_client(rep).post("/api/v1/opportunities/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Opportunity.all_objects.count() == 0


def test_a_stage_of_another_pipeline_is_400_naming_stage(rep):
    response = api_client(rep).post("/api/v1/opportunities/", {
        "name": "Deal", "pipeline": stage("Prospecting").pipeline_id,
        "stage": stage("Renewal due", "Renewals").pk,
    }, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["stage"])


def test_contacts_the_user_cannot_see_do_not_exist(rep, outsider):
    hidden = ContactFactory(owner=outsider)
    response = api_client(rep).post("/api/v1/opportunities/", {
        "name": "Deal", "stage": stage("Prospecting").pk, "contacts": [{"contact": hidden.pk}],
    }, format="json")
    assert response.status_code == 400
    assert "does not exist" in response.json()["errors"]["contacts[0].contact"][0]


def test_move_changes_the_stage_and_probability_and_records_the_change(rep):
    opportunity = OpportunityFactory(owner=rep)
    response = api_client(rep).post(f"/api/v1/opportunities/{opportunity.pk}/move/",
                                    {"stage": stage("Proposal").pk}, format="json",
                                    HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    body = response.json()
    assert (body["stage"], body["probability"], body["version"]) == (stage("Proposal").pk, 60, 2)
    assert response["ETag"] == '"2"'
    assert [change.to_stage.name for change in opportunity.stage_changes.all()] == [
        "Prospecting", "Proposal"]


def test_move_refusals_name_the_field_and_change_nothing(rep, teammate, outsider):
    mine = OpportunityFactory(owner=rep)
    team = OpportunityFactory(owner=teammate)
    other = OpportunityFactory(owner=outsider)
    client = api_client(rep)

    def move(record, data, **headers):
        return client.post(f"/api/v1/opportunities/{record.pk}/move/", data, format="json",
                           **headers)

    response = move(mine, {"stage": stage("Closed lost").pk})
    assert (response.status_code, list(response.json()["errors"])) == (400, ["stage"])
    assert "lost reason" in response.json()["detail"]
    response = move(mine, {"stage": stage("Renewed", "Renewals").pk})
    assert (response.status_code, list(response.json()["errors"])) == (400, ["stage"])
    response = move(mine, {"stage": 10**9})
    assert (response.status_code, list(response.json()["errors"])) == (400, ["stage"])
    response = move(mine, {"stage": stage("Proposal").pk}, HTTP_IF_MATCH='"7"')
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 1
    assert move(mine, {"stage": stage("Proposal").pk, "version": 7}).status_code == 409
    assert move(team, {"stage": stage("Proposal").pk}).status_code == 403
    assert move(other, {"stage": stage("Proposal").pk}).status_code == 404
    assert set(Opportunity.objects.values_list("version", flat=True)) == {1}
    assert StageChange.objects.count() == 3


def test_close_won_and_lost_then_reopen_by_moving(rep):
    opportunity = OpportunityFactory(owner=rep, amount=None)
    client = api_client(rep)
    url = f"/api/v1/opportunities/{opportunity.pk}/"
    response = client.post(f"{url}close/", {"won": True}, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["amount"])
    response = client.post(f"{url}close/", {"won": False}, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["reason"])
    response = client.post(f"{url}close/", {"won": False, "reason": "cheaper"}, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["reason"])
    response = client.post(f"{url}close/", {"won": "maybe"}, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["won"])
    response = client.post(f"{url}close/", {"won": False, "reason": "competitor",
                                            "detail": "Went with Rival", "closed_on": "2026-02-03"},
                           format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["stage"], body["probability"], body["lost_reason"],
            body["lost_detail"], body["closed_on"]) == (
        "lost", stage("Closed lost").pk, 0, "competitor", "Went with Rival", "2026-02-03")
    response = client.post(f"{url}move/", {"stage": stage("Negotiation").pk}, format="json")
    body = response.json()
    assert (body["status"], body["closed_on"], body["lost_reason"], body["lost_detail"],
            body["probability"]) == ("open", None, "", "", 80)
    client.patch(url, {"amount": "900"}, format="json")
    response = client.post(f"{url}close/", {"won": True}, format="json", HTTP_IF_MATCH='"4"')
    body = response.json()
    assert (body["status"], body["probability"], body["stage"]) == (
        "won", 100, stage("Closed won").pk)
    assert [change.to_stage.name for change in opportunity.stage_changes.all()] == [
        "Prospecting", "Closed lost", "Negotiation", "Closed won"]


def test_close_with_a_stale_version_is_409_and_changes_nothing(rep):
    opportunity = OpportunityFactory(owner=rep)
    response = api_client(rep).post(f"/api/v1/opportunities/{opportunity.pk}/close/",
                                    {"won": True, "version": 3}, format="json")
    assert response.status_code == 409
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.version) == ("open", 1)


def test_reader_cannot_move_or_close(reader, rep):
    opportunity = OpportunityFactory(owner=rep)
    client = api_client(reader)
    url = f"/api/v1/opportunities/{opportunity.pk}/"
    assert client.post(f"{url}move/", {"stage": stage("Proposal").pk},
                       format="json").status_code == 403
    assert client.post(f"{url}close/", {"won": True}, format="json").status_code == 403


def test_filters_by_pipeline_stage_status_account_and_close_dates(rep):
    acme = AccountFactory(owner=rep, name="Acme")
    OpportunityFactory(owner=rep, name="Early", expected_close_date="2026-01-10", account=acme)
    OpportunityFactory(owner=rep, name="Late", expected_close_date="2026-06-10",
                       stage=stage("Proposal"))
    OpportunityFactory(owner=rep, name="Renewal", stage=stage("Renewal due", "Renewals"))
    client = api_client(rep)

    def names(**params):
        response = client.get("/api/v1/opportunities/", {**params, "ordering": "name"})
        assert response.status_code == 200, response.json()
        return [item["name"] for item in response.json()["results"]]

    assert names(pipeline=stage("Proposal").pipeline_id) == ["Early", "Late"]
    assert names(stage=stage("Proposal").pk) == ["Late"]
    assert names(status="open", expected_close_date__lte="2026-03-31") == ["Early"]
    assert names(account=acme.pk) == ["Early"]
    assert names(search="renew") == ["Renewal"]
    assert names(search="acme") == ["Early"]


def test_pipelines_are_listed_with_their_stages_in_order(reader):
    response = api_client(reader).get("/api/v1/pipelines/")
    assert response.status_code == 200
    pipelines = {item["name"]: item for item in response.json()["results"]}
    assert [(item["name"], item["probability"], item["kind"])
            for item in pipelines["New business"]["stages"]] == [
        ("Prospecting", 10, "open"), ("Qualification", 20, "open"),
        ("Needs analysis", 40, "open"), ("Proposal", 60, "open"), ("Negotiation", 80, "open"),
        ("Closed won", 100, "won"), ("Closed lost", 0, "lost"),
    ]
    assert [item["kind"] for item in pipelines["Renewals"]["stages"]] == [
        "open", "open", "won", "lost"]
    assert api_client().get("/api/v1/pipelines/").status_code == 401
    assert api_client(reader).post("/api/v1/pipelines/", {}, format="json").status_code == 405


def test_global_search_finds_visible_opportunities_by_name_and_account(rep, outsider):
    acme = AccountFactory(owner=rep, name="Zephyrine Holdings")
    OpportunityFactory(owner=rep, name="Quartzite rollout", account=acme)
    OpportunityFactory(owner=outsider, name="Quartzite secret")
    client = api_client(rep)
    results = client.get("/api/v1/search/", {"q": "quartzite"}).json()["results"]
    assert [(item["module"], item["label"]) for item in results] == [
        ("opportunities", "Quartzite rollout")]
    results = client.get("/api/v1/search/", {"q": "zephyrine"}).json()["results"]
    assert ("opportunities", "Quartzite rollout") in [
        (item["module"], item["label"]) for item in results]
