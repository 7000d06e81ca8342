"""The RFM page: the heat map and segments of the customers a viewer may see, the selection
a click makes, the download, and the answers to those who may not look or before any run."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from clientela.accounts.models import Account
from clientela.analytics.measures import SEGMENTS
from clientela.analytics.methods.rfm import rfm_table
from clientela.analytics.models import CustomerResult
from clientela.core.testing.factories import TeamFactory, UserFactory, role

from .conftest import AS_OF, CUSTOMERS, order_dates, order_value

pytestmark = pytest.mark.django_db

PAGE = "/analytics/rfm/"


@pytest.fixture
def rep_with_own_accounts(rep, history_accounts):
    """The rep, with the manager's (even) customers in a team the rep is not in: a sales rep
    sees the own team's accounts, so the odd customers are then all the rep may see."""
    elsewhere = TeamFactory(name="Elsewhere")
    Account.objects.filter(pk__in=[account.pk for number, account in history_accounts.items()
                                   if number % 2 == 0]).update(team=elsewhere)
    return rep


def expected_scores() -> dict[int, tuple[int, int, int, str]]:
    """Return customer number → (R, F, M, segment) from the fixture's history: recency from
    the last order, frequency and monetary over the twelve months up to AS_OF."""
    numbers = list(range(1, CUSTOMERS + 1))
    period = [[day for day in order_dates(number) if day.year * 12 + day.month
               > (AS_OF.year - 1) * 12 + AS_OF.month] for number in numbers]
    table = rfm_table(
        customer_ids=numbers,
        recency=[(AS_OF - order_dates(number)[-1]).days for number in numbers],
        frequency=[len(days) for days in period],
        monetary=[float(order_value(number)) * len(days)
                  for number, days in zip(numbers, period, strict=True)])
    return {number: (int(table.r[i]), int(table.f[i]), int(table.m[i]),
                     str(SEGMENTS[table.segment[i]]))
            for i, number in enumerate(numbers)}


def segment_counts(numbers) -> dict[str, int]:
    scores = expected_scores()
    counts: dict[str, int] = {}
    for number in numbers:
        counts[scores[number][3]] = counts.get(scores[number][3], 0) + 1
    return counts


def shown_count(html: str, segment: str) -> int:
    return int(re.search(rf'data-segment-count="{segment}">(\d+)<', html).group(1))


def test_the_manager_sees_every_customer_by_segment_and_cell(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    expected = segment_counts(range(1, CUSTOMERS + 1))
    # The lapsed customers bought nothing in the period: lowest scores, lost.
    assert expected["lost"] >= 5
    for segment in ("champions", "loyal", "lost", "at_risk", "cannot_lose", "new"):
        assert shown_count(html, segment) == expected.get(segment, 0)
    # The cells add up to every buying customer; each names the grid's segment.
    cells = [int(count) for count in re.findall(r'data-cell-count="\d-\d">(\d+)<', html)]
    assert len(cells) == 25 and sum(cells) == CUSTOMERS
    assert "Reward them, ask for referrals" in html  # what to do with champions
    assert "Can&#x27;t lose" in html or "Can't lose" in html


def test_a_segment_click_shows_only_its_customers(client, manager, finished_run):
    client.force_login(manager)
    expected = segment_counts(range(1, CUSTOMERS + 1))
    response = client.get(PAGE, {"segment": "lost"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected["lost"]
    assert {row.rfm_segment for row, _cells in response.context["rows"]} == {"lost"}


def test_a_cell_click_shows_the_customers_of_that_r_and_fm(client, manager, finished_run):
    client.force_login(manager)
    scores = expected_scores()
    in_cell = {number for number, (r, f, m, _segment) in scores.items()
               if r == 1 and (f + m + 1) // 2 == 1}
    response = client.get(PAGE, {"r": 1, "fm": 1})
    names = {row.account.name for row, _cells in response.context["rows"]}
    assert names == {f"Customer {number:02d}" for number in in_cell}
    html = response.content.decode()
    assert f'data-cell-count="1-1">{len(in_cell)}<' in html
    assert "Showing only the customers in the cell R 1, FM 1." in html


def test_a_rep_sees_only_the_own_accounts(client, rep_with_own_accounts, finished_run):
    client.force_login(rep_with_own_accounts)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    own = [number for number in range(1, CUSTOMERS + 1) if number % 2]
    expected = segment_counts(own)
    for segment in ("lost", "at_risk", "cannot_lose", "champions"):
        assert shown_count(html, segment) == expected.get(segment, 0)
    names = {row.account.name for row, _cells in response.context["rows"]}
    assert names == {f"Customer {number:02d}" for number in own}


def test_the_download_has_one_row_per_customer_shown_with_raw_values(client, manager,
                                                                     finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"format": "csv", "sort": "account", "region": "North"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Customer", "R", "F", "M", "Segment", "Recency (days)", "Frequency",
                       "Monetary", "Last purchase"]
    # North is the region of the even customers.
    assert [row[0] for row in rows[1:]] == [f"Customer {number:02d}"
                                            for number in range(2, CUSTOMERS + 1, 2)]
    second = CustomerResult.objects.get(run=finished_run, account__name="Customer 02")
    assert rows[1] == ["Customer 02", str(second.r_score), str(second.f_score),
                       str(second.m_score), second.get_rfm_segment_display(), "0",
                       str(second.frequency), str(second.monetary), AS_OF.isoformat()]
    assert second.frequency == 4 and second.monetary == order_value(2) * 4


def test_a_rep_may_not_download(client, rep_with_own_accounts, finished_run):
    client.force_login(rep_with_own_accounts)
    assert client.get(PAGE, {"format": "csv"}).status_code == 403


def test_the_download_follows_the_segment_clicked(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"format": "xlsx", "segment": "lost"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Customer"
    assert len(rows) - 1 == segment_counts(range(1, CUSTOMERS + 1))["lost"]
    assert {row[4] for row in rows[1:]} == {"Lost"}


def test_a_user_without_analytics_access_is_refused(client, finished_run):
    agent = UserFactory(username="agent", role=role("service-agent"))
    client.force_login(agent)
    assert client.get(PAGE).status_code == 403


def test_before_any_run_the_page_says_so(client, manager):
    client.force_login(manager)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "No analysis has been run yet" in response.content.decode()


def test_bad_query_parameters_are_ignored(client, manager, finished_run):
    client.force_login(manager)
    response = client.get(PAGE, {"r": 9, "fm": "x", "segment": "nope", "sort": "nonsense",
                                 "page": "x", "run": "abc", "region": "Atlantis"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == CUSTOMERS
