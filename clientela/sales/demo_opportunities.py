"""Demo opportunities: every stage of every pipeline, owned by the sales teams, with histories.

Called by the demo generator (`clientela.demo.generate`), which passes its organisation, the
accounts and contacts it made, and its change-log writer, so the two stay independent.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils import timezone

from clientela.accounts.choices import AccountType
from clientela.leads.choices import LeadSource

from .choices import LostReason, OpportunityContactRole, StageKind
from .models import Opportunity, OpportunityContact, StageChange
from .selectors.opportunities import pipeline_list

BATCH_SIZE = 500
DEAL_KINDS = ("Pilot", "Rollout", "Expansion", "Licences", "Support plan", "Upgrade",
              "Framework agreement", "Training")
NEXT_STEPS = ("Send the proposal", "Book a demo", "Call the buyer", "Review the contract",
              "Meet the CFO", "Answer the security questionnaire", "Agree on the price")
# Share of New business among the demo deals; the rest are renewals.
NEW_BUSINESS_SHARE = 0.7


def _amount(rng: random.Random) -> Decimal:
    """Return a deal size between about 2,000 and 250,000, rounded to hundreds."""
    return Decimal(round(rng.lognormvariate(9.8, 0.9), -2)).quantize(Decimal("1")) + Decimal(
        "2000")


def opportunities_create(*, organisation, accounts: Sequence, contacts: Sequence, count: int,
                         seed: int = 42,
                         log: Callable[[Sequence[Opportunity]], int] | None = None
                         ) -> list[Opportunity]:
    """Create `count` opportunities (at least two per stage); return them, saved.

    Each belongs to a team's account, is owned by one of that team's members, has the
    account's contacts involved, and has walked through the earlier stages of its pipeline:
    its stage changes are spread between its creation and today (or its close).
    """
    rng = random.Random(seed + 3)
    now = timezone.now()
    pipelines = list(pipeline_list())
    if not pipelines:
        return []
    new_business, renewals = pipelines[0], pipelines[-1]
    by_team = defaultdict(list)
    competitors = []
    for account in accounts:
        if account.account_type == AccountType.COMPETITOR:
            competitors.append(account)
        elif account.account_type in (AccountType.CUSTOMER, AccountType.PROSPECT):
            by_team[account.team_id].append(account)
    people = defaultdict(list)
    for contact in contacts:
        if contact.account_id:
            people[contact.account_id].append(contact)

    plans = []
    for index in range(count):
        staff = organisation.teams[index % len(organisation.teams)]
        pipeline = new_business if (index * 7919) % 100 < NEW_BUSINESS_SHARE * 100 or (
            renewals is new_business) else renewals
        stages = list(pipeline.stages.all())
        target = stages[(index // len(organisation.teams)) % len(stages)]
        path = [stage for stage in stages if stage.kind == StageKind.OPEN]
        if target.kind == StageKind.OPEN:
            path = path[:path.index(target) + 1]
        elif target.kind == StageKind.LOST:
            path = path[:rng.randint(1, len(path))] + [target]
        else:
            path = [*path, target]
        owner = rng.choice(staff.members)
        account = rng.choice(by_team.get(staff.team.pk) or list(accounts))
        created_at = now - datetime.timedelta(days=rng.randint(20, 400), hours=rng.randint(0, 23))
        closed = target.kind != StageKind.OPEN
        end = created_at + (now - created_at) * (rng.uniform(0.5, 0.9) if closed else 1)
        moments = sorted(created_at + (end - created_at) * rng.random() for _ in path[1:])
        entered = [created_at, *moments]
        close_day = (entered[-1].date() if closed
                     else (now + datetime.timedelta(days=rng.randint(7, 200))).date())
        reason = rng.choice(LostReason.values) if target.kind == StageKind.LOST else ""
        opportunity = Opportunity(
            name=f"{account.name}: {rng.choice(DEAL_KINDS)}"[:200], account=account,
            amount=_amount(rng), currency=staff.market.currency, pipeline=pipeline,
            stage=target, probability=target.probability, status=target.kind,
            expected_close_date=close_day, closed_on=close_day if closed else None,
            next_step="" if closed else rng.choice(NEXT_STEPS),
            lead_source=rng.choice(LeadSource.values), lost_reason=reason,
            lost_detail="Chose a cheaper offer." if reason == LostReason.PRICE else "",
            owner=owner, team_id=owner.team_id, created_by=owner, updated_by=owner,
            created_at=created_at, updated_at=entered[-1],
        )
        plans.append((opportunity, path, entered))

    saved = Opportunity.objects.bulk_create([plan[0] for plan in plans], batch_size=BATCH_SIZE)
    changes, roles, rivals = [], [], []
    roles_cycle = OpportunityContactRole.values
    for opportunity, path, entered in plans:
        previous = None
        for stage, when in zip(path, entered, strict=True):
            changes.append(StageChange(opportunity=opportunity, from_stage=previous,
                                       to_stage=stage, changed_at=when,
                                       changed_by=opportunity.owner))
            previous = stage
        for number, contact in enumerate(people.get(opportunity.account_id, [])[:3]):
            roles.append(OpportunityContact(opportunity=opportunity, contact=contact,
                                            role=roles_cycle[(opportunity.pk + number)
                                                             % len(roles_cycle)]))
        if competitors and opportunity.lost_reason == LostReason.COMPETITOR:
            rivals.append(Opportunity.competitors.through(
                opportunity_id=opportunity.pk, account_id=rng.choice(competitors).pk))
    StageChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)
    OpportunityContact.objects.bulk_create(roles, batch_size=BATCH_SIZE)
    Opportunity.competitors.through.objects.bulk_create(rivals, batch_size=BATCH_SIZE)
    if log is not None:
        log(saved)
    return saved
