"""The attractiveness rule on plain values, and the services that write scores, criteria and
the analytics settings: who may, what is refused, and that a refusal writes nothing."""

from decimal import Decimal

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from clientela.accounts.tests.factories import AccountFactory
from clientela.analytics.measures import (
    Criterion,
    clears_key_account_bar,
    criterion_scores,
)
from clientela.analytics.models import (
    AnalyticsSettings,
    AttractivenessCriterion,
    AttractivenessScore,
)
from clientela.analytics.services_attractiveness import (
    analytics_settings_update,
    attractiveness_scores_set,
    criterion_delete,
    criterion_save,
)
from clientela.core.exceptions import PermissionDeniedError
from clientela.core.testing.factories import UserFactory, role

pytestmark = pytest.mark.django_db


def criterion(name: str) -> AttractivenessCriterion:
    return AttractivenessCriterion.objects.get(name=name)


def stored_scores(account) -> dict[str, tuple[int, str | None]]:
    return {score.criterion.name: (score.score, score.scored_by.username if score.scored_by
                                   else None)
            for score in AttractivenessScore.objects.filter(account=account)
            .select_related("criterion", "scored_by")}


@pytest.fixture
def service_agent(db):
    return UserFactory(username="agent", role=role("service-agent"))


@pytest.fixture
def rep_account(rep):
    return AccountFactory(owner=rep, name="Rep's customer")


# The rule, on plain values


POTENTIAL = Criterion(id=1, weight=4, source="manual")
VOLUME = Criterion(id=2, weight=3, source="current_volume")
IMAGE = Criterion(id=3, weight=2, source="manual")
LEFT_OUT = Criterion(id=4, weight=0, source="manual")


def scoring_of(criteria, manual, volume):
    """Score accounts 10, 20, 30 with `manual` and the data's current volume scores."""
    return criterion_scores(criteria=criteria, accounts=np.array([10, 20, 30]),
                            manual=manual,
                            from_data={"current_volume": np.array(volume)})


def test_a_reps_score_overrides_the_data_and_unweighted_criteria_are_left_out():
    scoring = scoring_of([POTENTIAL, VOLUME, IMAGE, LEFT_OUT],
                         {20: {1: 5, 2: 2, 4: 5}, 99: {1: 1}}, [4, 4, 0])
    assert [criterion.id for criterion in scoring.criteria] == [1, 2, 3]
    assert scoring.scores.tolist() == [[0, 4, 0], [5, 2, 0], [0, 0, 0]]
    assert scoring.from_data.tolist() == [[False, True, False], [False, False, False],
                                          [False, False, False]]
    # Account 20: (4 × 5 + 3 × 2) / (5 × 7), image not scored so out of the total; account
    # 10 has 3 of 9 points scored, account 30 none.
    totals = scoring.attractiveness()
    assert totals[1] == pytest.approx(100 * 26 / 35)
    assert np.isnan(totals[0]) and np.isnan(totals[2])


def test_the_data_scores_a_criterion_nobody_scored():
    scoring = scoring_of([POTENTIAL, VOLUME, IMAGE], {10: {3: 1}}, [4, 0, 0])
    # Volume (3) and image (2) carry 5 of 9 points: enough; (3 × 4 + 2 × 1) / (5 × 5).
    assert scoring.attractiveness()[0] == 56.0


def test_a_total_needs_half_of_the_weight_scored():
    half = scoring_of([POTENTIAL, VOLUME, Criterion(5, 1, "manual")], {10: {1: 3}}, [0, 0, 0])
    assert half.attractiveness()[0] == 60.0  # 4 of 8 points: exactly half counts
    nothing_weighs = scoring_of([LEFT_OUT], {10: {4: 5}}, [0, 0, 0])
    assert np.isnan(nothing_weighs.attractiveness()).all()


def test_the_bar_is_cleared_only_above_it():
    assert not clears_key_account_bar(50.0, 50)
    assert clears_key_account_bar(50.1, 50)
    assert not clears_key_account_bar(None, 50)
    assert list(clears_key_account_bar([float("nan"), 80.0], 50)) == [False, True]


# Scores


def test_a_rep_scores_an_own_account_and_is_recorded_as_scorer(rep, rep_account):
    potential, image = criterion("Sales potential"), criterion("Market image")
    result = attractiveness_scores_set(user=rep, account=rep_account,
                                       scores={potential.pk: 4, str(image.pk): 2})
    assert result == {potential.pk: 4, image.pk: 2}
    assert stored_scores(rep_account) == {"Sales potential": (4, "rep"),
                                          "Market image": (2, "rep")}


def test_a_changed_score_records_its_new_scorer_and_an_unchanged_one_keeps_its_own(
        rep, manager, rep_account):
    potential, image = criterion("Sales potential"), criterion("Market image")
    attractiveness_scores_set(user=rep, account=rep_account, scores={potential.pk: 4,
                                                                     image.pk: 2})
    attractiveness_scores_set(user=manager, account=rep_account, scores={potential.pk: 5,
                                                                         image.pk: 2})
    assert stored_scores(rep_account) == {"Sales potential": (5, "manager"),
                                          "Market image": (2, "rep")}


def test_null_clears_a_score(rep, rep_account):
    potential, image = criterion("Sales potential"), criterion("Market image")
    attractiveness_scores_set(user=rep, account=rep_account, scores={potential.pk: 4,
                                                                     image.pk: 2})
    result = attractiveness_scores_set(user=rep, account=rep_account,
                                       scores={potential.pk: None, image.pk: ""})
    assert result == {}
    assert not AttractivenessScore.objects.filter(account=rep_account).exists()


@pytest.mark.parametrize("who", ["teammate", "reader", "service_agent", "outsider"])
def test_who_may_not_edit_the_account_may_not_score_it(request, who, rep_account):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDeniedError):
        attractiveness_scores_set(user=user, account=rep_account,
                                  scores={criterion("Sales potential").pk: 3})
    assert not AttractivenessScore.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, -1, "3", 2.5, True, [3]])
def test_a_score_outside_1_to_5_is_refused_and_nothing_is_saved(rep, rep_account, bad):
    potential, image = criterion("Sales potential"), criterion("Market image")
    with pytest.raises(ValidationError) as refused:
        attractiveness_scores_set(user=rep, account=rep_account,
                                  scores={potential.pk: 4, image.pk: bad})
    assert list(refused.value.message_dict) == [f"scores.{image.pk}"]
    assert not AttractivenessScore.objects.exists()


def test_an_unknown_or_inactive_criterion_is_refused_and_nothing_is_saved(rep, rep_account):
    potential, image = criterion("Sales potential"), criterion("Market image")
    attractiveness_scores_set(user=rep, account=rep_account, scores={potential.pk: 4})
    image.is_active = False
    image.save()
    with pytest.raises(ValidationError) as refused:
        attractiveness_scores_set(user=rep, account=rep_account,
                                  scores={potential.pk: 1, image.pk: 3, 99999: 2, "x": 2})
    assert sorted(refused.value.message_dict) == sorted(
        [f"scores.{image.pk}", "scores.99999", "scores.x"])
    assert stored_scores(rep_account) == {"Sales potential": (4, "rep")}


# Criteria


def test_an_administrator_adds_and_edits_a_criterion(admin_user):
    added = criterion_save(user=admin_user, criterion=AttractivenessCriterion(
        name="Mutual profitability", weight=3, position=20))
    added.weight = 4
    criterion_save(user=admin_user, criterion=added)
    assert AttractivenessCriterion.objects.get(name="Mutual profitability").weight == 4


def test_a_criterion_with_a_weight_above_4_or_a_taken_name_is_refused(admin_user):
    with pytest.raises(ValidationError) as heavy:
        criterion_save(user=admin_user, criterion=AttractivenessCriterion(name="Fit",
                                                                          weight=5))
    assert list(heavy.value.message_dict) == ["weight"]
    with pytest.raises(ValidationError) as taken:
        criterion_save(user=admin_user, criterion=AttractivenessCriterion(
            name="Market image", weight=1))
    assert list(taken.value.message_dict) == ["name"]
    assert AttractivenessCriterion.objects.count() == 10


def test_only_administrators_change_criteria(manager):
    with pytest.raises(PermissionDeniedError):
        criterion_save(user=manager, criterion=AttractivenessCriterion(name="Fit", weight=1))
    with pytest.raises(PermissionDeniedError):
        criterion_delete(user=manager, criterion=criterion("Market image"))
    assert AttractivenessCriterion.objects.count() == 10


def test_deleting_a_criterion_deletes_its_scores(admin_user, rep, rep_account):
    image = criterion("Market image")
    attractiveness_scores_set(user=rep, account=rep_account,
                              scores={image.pk: 3, criterion("Sales potential").pk: 2})
    criterion_delete(user=admin_user, criterion=image)
    assert stored_scores(rep_account) == {"Sales potential": (2, "rep")}


# Settings


def test_an_administrator_saves_the_settings(admin_user):
    analytics_settings_update(user=admin_user, changes={
        "key_account_bar": 60, "class_a_cutoff": Decimal("0.7"), "nightly": False})
    stored = AnalyticsSettings.load()
    assert (stored.key_account_bar, stored.class_a_cutoff, stored.nightly) == (
        60, Decimal("0.700"), False)


def test_a_class_b_cut_off_not_above_class_a_is_refused(admin_user):
    with pytest.raises(ValidationError) as refused:
        analytics_settings_update(user=admin_user, changes={
            "class_a_cutoff": Decimal("0.9"), "class_b_cutoff": Decimal("0.9")})
    assert list(refused.value.message_dict) == ["class_b_cutoff"]
    assert AnalyticsSettings.load().class_a_cutoff == Decimal("0.800")


def test_out_of_range_and_unknown_settings_are_refused(admin_user):
    with pytest.raises(ValidationError) as refused:
        analytics_settings_update(user=admin_user, changes={"key_account_bar": 101,
                                                            "period_months": 0})
    assert sorted(refused.value.message_dict) == ["key_account_bar", "period_months"]
    with pytest.raises(ValidationError) as unknown:
        analytics_settings_update(user=admin_user, changes={"id": 2})
    assert list(unknown.value.message_dict) == ["id"]
    assert AnalyticsSettings.load().key_account_bar == 50


def test_only_administrators_change_the_settings(manager):
    with pytest.raises(PermissionDeniedError):
        analytics_settings_update(user=manager, changes={"key_account_bar": 10})
    assert AnalyticsSettings.load().key_account_bar == 50
