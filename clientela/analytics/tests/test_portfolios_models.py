"""Portfolios as records: nesting, refused cycles, and rules checked on every write."""

import pytest
from django.core.exceptions import ValidationError

from clientela.analytics.models import Portfolio
from clientela.analytics.portfolios.rules import (
    condition_in_words,
    rules_clean,
    rules_in_words,
)

from .portfolios_factories import PortfolioFactory

pytestmark = pytest.mark.django_db


def test_portfolios_nest_and_know_their_descendants(manager):
    top = PortfolioFactory(owner=manager, code="1", name="Key accounts")
    north = PortfolioFactory(owner=manager, code="1.1", name="North", parent=top)
    south = PortfolioFactory(owner=manager, code="1.2", name="South", parent=top)
    deep = PortfolioFactory(owner=manager, code="1.2.1", name="South retail", parent=south)
    assert set(top.children.all()) == {north, south}
    assert top.descendant_ids() == {north.pk, south.pk, deep.pk}
    assert str(deep) == "1.2.1 South retail"


def test_a_portfolio_cannot_sit_under_itself_or_its_descendants(manager):
    top = PortfolioFactory(owner=manager, code="1")
    child = PortfolioFactory(owner=manager, code="1.1", parent=top)
    grandchild = PortfolioFactory(owner=manager, code="1.1.1", parent=child)
    for parent in (top, grandchild):
        top.parent = parent
        with pytest.raises(ValidationError) as error:
            top.full_clean()
        assert "parent" in error.value.message_dict
    top.refresh_from_db()
    assert top.parent_id is None


def test_codes_are_unique(manager):
    PortfolioFactory(owner=manager, code="2")
    duplicate = Portfolio(name="Other", code="2", owner=manager)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "code" in error.value.message_dict


def test_valid_rules_are_normalised():
    rules = rules_clean([
        {"field": "pareto_class", "op": "eq", "value": "A"},
        {"field": "region", "op": "in", "value": [" North ", "South"]},
        {"field": "revenue", "op": "gte", "value": 10000},
        {"field": "is_key", "op": "eq", "value": True},
    ])
    assert rules[1] == {"field": "region", "op": "in", "value": ["North", "South"]}
    assert rules[2]["value"] == 10000


@pytest.mark.parametrize(("rules", "message"), [
    ([{"field": "shoe_size", "op": "eq", "value": 3}],
     "Condition 1 (shoe_size): Unknown field 'shoe_size'. Use one of: pareto_class,"),
    ([{"field": "pareto_class", "op": "eq", "value": "A"},
      {"field": "revenue", "op": "in", "value": [1]}],
     "Condition 2 (revenue): Unknown operator 'in' for revenue"),
    ([{"field": "revenue", "op": "gte", "value": "lots"}],
     "Condition 1 (revenue): Give a number."),
    ([{"field": "pareto_class", "op": "eq", "value": "D"}],
     "Condition 1 (pareto_class): 'D' is not one of: A, B, C."),
    ([{"field": "is_key", "op": "eq", "value": "yes"}],
     "Condition 1 (is_key): Give true or false."),
    ([{"field": "region", "op": "in", "value": []}],
     "Condition 1 (region): Give a list of one or more values."),
    ([{"field": "region", "op": "eq"}], "Condition 1 (region): Give a value."),
    ([{"field": "region", "op": "eq", "value": "North", "extra": 1}],
     "Condition 1 (region): Unknown keys: extra."),
    (["pareto_class = A"], "Condition 1: Write a condition as"),
])
def test_wrong_conditions_are_refused_naming_the_condition(rules, message):
    with pytest.raises(ValidationError) as error:
        rules_clean(rules)
    assert error.value.messages[0].startswith(message)


def test_rules_that_are_not_a_list_are_refused():
    with pytest.raises(ValidationError, match="list of conditions"):
        rules_clean({"field": "region"})


def test_saving_a_portfolio_with_wrong_rules_is_refused_on_the_rules_field(manager):
    portfolio = Portfolio(name="Bad", code="3", owner=manager,
                          rules=[{"field": "region", "op": "gte", "value": "North"}])
    with pytest.raises(ValidationError) as error:
        portfolio.full_clean()
    assert error.value.message_dict["rules"][0].startswith(
        "Condition 1 (region): Unknown operator 'gte' for region")
    assert not Portfolio.objects.filter(code="3").exists()


def test_rules_read_in_words():
    assert rules_in_words([
        {"field": "pareto_class", "op": "eq", "value": "A"},
        {"field": "region", "op": "in", "value": ["North", "South"]},
        {"field": "is_key", "op": "ne", "value": True},
    ]) == ["ABC class is A", "Region is one of North, South", "Key account is not yes"]
    assert condition_in_words({"field": "rfm_segment", "op": "eq", "value": "at_risk"}) == (
        "RFM segment is At risk")
