"""Fixtures the whole suite shares: users of each seeded role, in teams, with a manager."""

import pytest

from clientela.core.testing.factories import TeamFactory, UserFactory, role


@pytest.fixture
def team_east(db):
    return TeamFactory(name="East")


@pytest.fixture
def team_west(db):
    return TeamFactory(name="West")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=role("admin"))


@pytest.fixture
def manager(db, team_east):
    return UserFactory(username="manager", role=role("sales-manager"), team=team_east)


@pytest.fixture
def rep(db, team_east, manager):
    """A sales rep in team East who reports to `manager`."""
    return UserFactory(username="rep", role=role("sales-rep"), team=team_east, manager=manager)


@pytest.fixture
def teammate(db, team_east):
    return UserFactory(username="teammate", role=role("sales-rep"), team=team_east)


@pytest.fixture
def outsider(db, team_west):
    """A sales rep in another team, reporting to nobody."""
    return UserFactory(username="outsider", role=role("sales-rep"), team=team_west)


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", role=role("read-only"))
