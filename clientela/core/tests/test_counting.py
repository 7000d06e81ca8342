"""Cached list counts: cheap on repeat, and never older than the last write through the app."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clientela.accounts.models import Account
from clientela.core.counting import cached_count, cached_result
from clientela.users.models import Share

pytestmark = pytest.mark.django_db


def make_account(user, name):
    account = Account(name=name).stamp(user)
    account.save()
    return account


def count_queries(queryset) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        count = cached_count(queryset)
    return count, sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_a_repeated_count_is_served_from_the_cache(rep):
    make_account(rep, "A")
    visible = Account.objects.restrict(rep, "view")
    assert count_queries(visible) == (1, 1)
    assert count_queries(visible) == (1, 0)


def test_a_write_through_the_app_expires_the_count(rep):
    first = make_account(rep, "A")
    visible = Account.objects.restrict(rep, "view")
    assert cached_count(visible) == 1
    make_account(rep, "B")
    assert cached_count(visible) == 2
    first.soft_delete(rep)
    assert cached_count(visible) == 1


def test_a_count_read_before_the_write_commits_expires_with_the_commit(
    rep, django_capture_on_commit_callbacks
):
    make_account(rep, "A")
    visible = Account.objects.restrict(rep, "view")
    with django_capture_on_commit_callbacks(execute=True):
        make_account(rep, "B")
        # Another request, which cannot see the uncommitted row yet, counts and keeps 1.
        assert cached_result(visible, lambda rows: 1, name="count") == 1
        assert cached_count(visible) == 1
    assert cached_count(visible) == 2


def test_different_filters_have_their_own_counts(rep):
    make_account(rep, "A")
    make_account(rep, "B")
    visible = Account.objects.restrict(rep, "view")
    assert (cached_count(visible), cached_count(visible.filter(name="A"))) == (2, 1)


def test_sharing_a_record_expires_the_counts_that_depend_on_it(rep, outsider):
    account = make_account(rep, "A")
    visible_to_outsider = Account.objects.restrict(outsider, "view")
    assert cached_count(visible_to_outsider) == 0
    Share.objects.create(content_type=ContentType.objects.get_for_model(Account),
                         object_id=account.pk, user=outsider)
    assert cached_count(visible_to_outsider) == 1


def test_a_filter_no_row_can_match_counts_zero(rep):
    make_account(rep, "A")
    assert cached_count(Account.objects.restrict(rep, "view").filter(pk__in=[])) == 0
