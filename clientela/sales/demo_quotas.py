"""Demo quotas: a monthly quota for every member of the demo sales teams, for the last twelve
months and the next three, sized from what each of them has won and has in their pipeline.

Called by the demo generator (`clientela.demo.generate`) and the benchmark after the demo
opportunities exist, with the change-log writer of the caller.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils import timezone

from .choices import PeriodKind, StageKind
from .exceptions import NoExchangeRateError, UnknownCurrencyError
from .forecasting import period_of
from .models import Opportunity, Quota
from .selectors.currencies import BaseConverter

MONTHS_BACK = 12
MONTHS_AHEAD = 3
# Every salesperson carries at least this much a month, in the base currency.
MINIMUM_QUOTA = Decimal("5000")
BATCH_SIZE = 500


def quotas_create(*, organisation, opportunities: Sequence[Opportunity], seed: int = 42,
                  log: Callable[[Sequence[Quota]], int] | None = None) -> list[Quota]:
    """Create the monthly quotas of the sales teams' members that do not exist yet; return
    them, saved.

    A member's quota is about what they win in an average month (won amounts over the
    months their won and open deals span, in the base currency at today's rate), raised by
    10–30 % so it takes some effort, and rounded to the thousand.
    """
    rng = random.Random(seed + 11)
    today = timezone.localdate()
    this_month = period_of(PeriodKind.MONTH, today)
    months = [this_month.shifted(step) for step in range(-MONTHS_BACK, MONTHS_AHEAD + 1)]
    converter = BaseConverter({opportunity.currency for opportunity in opportunities})
    won: dict[int, Decimal] = defaultdict(Decimal)
    for opportunity in opportunities:
        if opportunity.status != StageKind.WON or opportunity.amount is None:
            continue
        try:
            won[opportunity.owner_id] += converter.to_base(opportunity.amount,
                                                           opportunity.currency, today)
        except (NoExchangeRateError, UnknownCurrencyError):
            continue
    members = [member for staff in organisation.teams for member in staff.members]
    existing = set(Quota.objects.filter(
        user__in=members, period_kind=PeriodKind.MONTH,
        period_start__in=[month.start for month in months]).values_list("user_id",
                                                                        "period_start"))
    now = timezone.now()
    quotas = []
    for member in members:
        monthly = max(MINIMUM_QUOTA, won[member.pk] / MONTHS_BACK)
        for month in months:
            if (member.pk, month.start) in existing:
                continue
            stretch = Decimal(rng.randint(110, 130)) / 100
            amount = (monthly * stretch / 1000).quantize(Decimal(1)) * 1000
            quotas.append(Quota(
                user=member, period_kind=PeriodKind.MONTH, period_start=month.start,
                amount=amount, owner=member, team_id=member.team_id,
                created_by=member.manager or member, updated_by=member.manager or member,
                created_at=now - datetime.timedelta(days=30 * MONTHS_BACK), updated_at=now,
            ))
    saved = Quota.objects.bulk_create(quotas, batch_size=BATCH_SIZE)
    if log is not None and saved:
        log(saved)
    return saved
