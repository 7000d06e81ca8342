"""Generate the demo company's people and customer records in bulk, for `demo` and `bench`.

Names and addresses come from Faker in four locales, one per sales team. Faker is slow per
call, so each locale's vocabulary is drawn once into pools and records combine pool entries with
a seeded `random.Random`: the same seed always gives the same company.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from faker import Faker

from clientela.accounts.choices import AccountType, CustomerClass, Industry, Rating
from clientela.accounts.models import Account
from clientela.company.models import CompanyDetails
from clientela.contacts.choices import (
    Channel,
    ConsentChannel,
    ConsentStatus,
    ContactLabel,
    ContactRole,
    CustomerLevel,
    RiskLevel,
    Salutation,
)
from clientela.contacts.models import Consent, Contact, ContactAccount, ContactEmail, ContactPhone
from clientela.core import registry
from clientela.core.models import ObjectChange
from clientela.core.search import index_bulk
from clientela.leads.choices import LeadSource, LeadStatus
from clientela.leads.models import Lead
from clientela.sales.demo import sales_demo_create
from clientela.sales.demo_history import sales_history_create
from clientela.sales.demo_opportunities import opportunities_create
from clientela.sales.demo_quotas import quotas_create
from clientela.sales.models import Invoice, Opportunity, Order, PriceBook, Product
from clientela.users.models import Role, Team, User

DEMO_PASSWORD = "demo-pass-123"
HISTORY_DAYS = 730
BATCH_SIZE = 500


@dataclass(frozen=True)
class Market:
    """A sales team's territory: its name, Faker locale, country, currency and user prefix."""

    team: str
    locale: str
    country: str
    currency: str
    prefix: str


MARKETS = (
    Market("North America", "en_US", "United States", "USD", "na"),
    Market("Iberia", "es_ES", "España", "EUR", "iberia"),
    Market("Polska", "pl_PL", "Polska", "PLN", "polska"),
    Market("China", "zh_CN", "中国", "CNY", "china"),
)
HOUSEHOLD_NAMES = {
    "en_US": "The {} household",
    "es_ES": "Familia {}",
    "pl_PL": "Gospodarstwo domowe {}",
    "zh_CN": "{}家",
}
GROUP_NAMES = {
    "en_US": "{} Group",
    "es_ES": "Grupo {}",
    "pl_PL": "Grupa {}",
    "zh_CN": "{}集团",
}
INTERESTS = ("golf", "cycling", "wine", "travel", "football", "cooking", "photography",
             "gardening", "classical music", "hiking", "tennis", "reading", "sailing", "chess")
HABITS = ("prefers morning calls", "reads email on weekends", "orders at quarter end",
          "visits trade fairs", "asks for references", "compares three offers",
          "pays early for discounts", "shops online")
DEPARTMENTS = ("Sales", "Purchasing", "Finance", "IT", "Operations", "Marketing", "Management",
               "Logistics", "Legal")
BUSINESS_ROLES = (ContactRole.DECISION_MAKER, ContactRole.INFLUENCER, ContactRole.BUYER,
                  ContactRole.USER, ContactRole.TECHNICAL, ContactRole.BILLING)


class Pools:
    """One locale's vocabulary, drawn from Faker once so records can be combined quickly."""

    def __init__(self, market: Market, seed: int, size: int = 150):
        fake = Faker(market.locale)
        fake.seed_instance(seed)
        self.market = market

        def draw(method, count: int = size, limit: int = 100) -> list[str]:
            return [str(method())[:limit] for _ in range(count)]

        self.male_first = draw(fake.first_name_male)
        self.female_first = draw(fake.first_name_female)
        self.male_last = draw(getattr(fake, "last_name_male", fake.last_name))
        self.female_last = draw(getattr(fake, "last_name_female", fake.last_name))
        self.companies = draw(fake.company, limit=150)
        self.streets = draw(fake.street_address, limit=255)
        self.cities = draw(fake.city)
        self.regions = draw(fake.administrative_unit)
        self.postcodes = draw(fake.postcode, limit=20)
        self.jobs = draw(fake.job)
        self.domains = draw(fake.domain_name)
        self.user_names = draw(fake.user_name, limit=40)
        self.free_domains = draw(fake.free_email_domain, 10)
        self.phones = draw(fake.phone_number, limit=40)

    def phone(self, rng: random.Random) -> str:
        """Return a plausible local number: a pooled one with new final digits."""
        number = rng.choice(self.phones)
        digits = [i for i, char in enumerate(number) if char.isdigit()][-3:]
        chars = list(number)
        for i in digits:
            chars[i] = str(rng.randrange(10))
        return "".join(chars)

    def address(self, rng: random.Random) -> dict[str, str]:
        return {
            "street": rng.choice(self.streets),
            "city": rng.choice(self.cities),
            "region": rng.choice(self.regions),
            "postal_code": rng.choice(self.postcodes),
            "country": self.market.country,
        }

    def person(self, rng: random.Random) -> dict[str, str]:
        female = rng.random() < 0.5
        return {
            "salutation": rng.choice((Salutation.MS, Salutation.MRS, Salutation.DR)
                                     if female else (Salutation.MR, Salutation.DR)),
            "first_name": rng.choice(self.female_first if female else self.male_first),
            "last_name": rng.choice(self.female_last if female else self.male_last),
        }


@dataclass
class TeamStaff:
    """A sales team with its manager and the reps reporting to them."""

    market: Market
    team: Team
    manager: User
    reps: list[User]

    @property
    def members(self) -> list[User]:
        return [self.manager, *self.reps]


@dataclass
class Organisation:
    """The demo sales organisation: teams, and the staff outside them."""

    teams: list[TeamStaff]
    others: list[User] = field(default_factory=list)

    @property
    def users(self) -> list[User]:
        return [user for staff in self.teams for user in staff.members] + self.others


@dataclass
class DemoSummary:
    usernames: list[str]
    accounts: int
    contacts: int
    leads: int
    orders: int = 0
    invoices: int = 0


def organisation_create(*, seed: int = 42, reps_per_team: int = 3,
                        password: str = DEMO_PASSWORD) -> Organisation:
    """Create (or find) the demo users and teams, all with `password`; return the organisation.

    Each market's team has a sales manager and `reps_per_team` reps reporting to the manager;
    a service agent, a marketing user and a read-only analyst sit outside the teams.
    """
    rng = random.Random(seed)
    roles = {role.slug: role for role in Role.objects.all()}
    password_hash = make_password(password)

    def person(username: str, role: str, team: Team | None, pools: Pools,
               manager: User | None = None) -> User:
        names = pools.person(rng)
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": names["first_name"], "last_name": names["last_name"],
                "email": f"{username}@aurora-trading.example", "role": roles[role],
                "team": team, "manager": manager, "password": password_hash,
                "language": {"es_ES": "es", "pl_PL": "pl", "zh_CN": "zh-hans"}.get(
                    pools.market.locale, "en"),
            },
        )
        return user

    teams = []
    english = None
    for market in MARKETS:
        pools = Pools(market, seed, size=20)
        english = english or pools
        team, _created = Team.objects.get_or_create(name=market.team)
        manager = person(f"{market.prefix}.manager", "sales-manager", team, pools)
        reps = [
            person(f"{market.prefix}.rep{n}", "sales-rep", team, pools, manager)
            for n in range(1, reps_per_team + 1)
        ]
        teams.append(TeamStaff(market, team, manager, reps))
    others = [
        person("service", "service-agent", None, english),
        person("marketing", "marketing", None, english),
        person("analyst", "read-only", None, english),
    ]
    return Organisation(teams=teams, others=others)


def moment(rng: random.Random, now: datetime.datetime) -> datetime.datetime:
    """Return a random moment within the last two years."""
    return now - datetime.timedelta(seconds=rng.randrange(HISTORY_DAYS * 86400))


def stamp(values: dict, owner: User, created_at: datetime.datetime,
          now: datetime.datetime, rng: random.Random) -> dict:
    """Return `values` with the Record bookkeeping of a record `owner` created then."""
    updated = created_at + (now - created_at) * rng.random() * 0.3
    return {
        **values, "owner": owner, "team_id": owner.team_id, "created_by": owner,
        "updated_by": owner, "created_at": created_at, "updated_at": updated,
    }


def log_creations(records: Sequence[models.Model]) -> int:
    """Write one change-log "create" entry per record, as `Record.save()` would; return count.

    bulk_create bypasses save(), so the history would otherwise start empty.
    """
    if not records:
        return 0
    content_type = ContentType.objects.get_for_model(type(records[0]))
    names = dict(User.objects.values_list("pk", "username"))
    rows = [
        ObjectChange(
            content_type=content_type, object_id=record.pk, object_repr=str(record)[:200],
            action=ObjectChange.Action.CREATE, user_id=record.created_by_id,
            user_name=names.get(record.created_by_id, ""), at=record.created_at,
            changes={name: [None, value] for name, value in record.tracked_values().items()
                     if value not in ("", None)},
        )
        for record in records
    ]
    ObjectChange.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def account_values(rng: random.Random, pools: Pools, customer_class: str,
                   account_type: str, name: str) -> dict:
    """Return the field values of one account of this class and type."""
    billing = pools.address(rng)
    shipping = billing if rng.random() < 0.7 else pools.address(rng)
    values = {f"billing_{key}": value for key, value in billing.items()}
    values.update({f"shipping_{key}": value for key, value in shipping.items()})
    household = customer_class == CustomerClass.CONSUMER
    domain = rng.choice(pools.domains)
    values.update(
        name=name[:200], customer_class=customer_class, account_type=account_type,
        industry="" if household else rng.choice(Industry.values),
        phone=pools.phone(rng), currency=pools.market.currency,
        rating=rng.choice(Rating.values),
        website="" if household else f"https://www.{domain}/",
        email="" if household else f"info@{domain}",
    )
    if household:
        values["annual_revenue"] = None
        values["employees"] = None
    else:
        employees = int(rng.lognormvariate(4, 1.6)) + 1
        values["employees"] = employees
        values["annual_revenue"] = Decimal(employees * rng.randrange(40_000, 250_000))
    return values


def account_plan(rng: random.Random, pools: Pools, count: int,
                 hierarchies: bool) -> list[tuple[dict, int | None]]:
    """Return `count` (values, parent's index or None) of one market's accounts."""
    plan: list[tuple[dict, int | None]] = []
    channel = (CustomerClass.DISTRIBUTOR, CustomerClass.FRANCHISEE, CustomerClass.RESELLER)
    while len(plan) < count:
        draw = rng.random()
        if draw < 0.25:
            person = pools.person(rng)
            name = HOUSEHOLD_NAMES[pools.market.locale].format(person["last_name"])
            kind = (CustomerClass.CONSUMER,
                    rng.choice((AccountType.CUSTOMER, AccountType.CUSTOMER, AccountType.PROSPECT)))
        elif draw < 0.4:
            kind = (rng.choice(channel), AccountType.PARTNER)
            name = rng.choice(pools.companies)
        elif draw < 0.45:
            kind = (CustomerClass.BUSINESS, AccountType.COMPETITOR)
            name = rng.choice(pools.companies)
        else:
            kind = (CustomerClass.BUSINESS, rng.choice(
                (AccountType.CUSTOMER, AccountType.CUSTOMER, AccountType.PROSPECT)))
            name = rng.choice(pools.companies)
        plan.append((account_values(rng, pools, kind[0], kind[1], name), None))
        if hierarchies and kind[0] == CustomerClass.BUSINESS and draw > 0.85:
            parent = len(plan) - 1
            group = plan[parent][0]
            group["name"] = GROUP_NAMES[pools.market.locale].format(group["name"])[:200]
            for city in rng.sample(pools.cities, k=min(len(pools.cities), rng.randint(2, 3))):
                if len(plan) >= count:
                    break
                child = account_values(rng, pools, CustomerClass.BUSINESS, group["account_type"],
                                       f"{name} {city}")
                child["industry"] = group["industry"]
                plan.append((child, parent))
    return plan[:count]


def accounts_create(*, organisation: Organisation, count: int, seed: int = 42,
                    log_changes: bool = True, hierarchies: bool = True,
                    pools: dict[str, Pools] | None = None) -> list[Account]:
    """Create `count` accounts spread over the teams' markets; return them, saved.

    Each market gets an internal sales unit under one group headquarters, business groups with
    subsidiaries, households, channel partners and competitors, owned by its team's members.
    """
    rng = random.Random(seed)
    now = timezone.now()
    pools = pools or {staff.market.locale: Pools(staff.market, seed) for staff in
                      organisation.teams}
    created: list[Account] = []
    teams = organisation.teams
    internal = hierarchies and count >= 2 * len(teams)
    if internal:
        english = pools[teams[0].market.locale]
        owner = teams[0].manager
        head = Account(**stamp(
            account_values(rng, english, CustomerClass.INTERNAL, AccountType.OTHER,
                           "Aurora Trading Group"), owner, now - datetime.timedelta(days=730),
            now, rng))
        Account.objects.bulk_create([head])
        created.append(head)
        units = [
            Account(parent=head, **stamp(
                account_values(rng, pools[staff.market.locale], CustomerClass.INTERNAL,
                               AccountType.OTHER, f"Aurora Trading {staff.market.team}"),
                staff.manager, now - datetime.timedelta(days=729), now, rng))
            for staff in teams
        ]
        Account.objects.bulk_create(units)
        created.extend(units)
    remaining = count - len(created)
    for index, staff in enumerate(teams):
        share = remaining // len(teams) + (1 if index < remaining % len(teams) else 0)
        plan = account_plan(rng, pools[staff.market.locale], share, hierarchies)
        accounts = [
            Account(**stamp(values, rng.choice(staff.members), moment(rng, now), now, rng))
            for values, _parent in plan
        ]
        roots = [account for account, (_v, parent) in zip(accounts, plan, strict=True)
                 if parent is None]
        Account.objects.bulk_create(roots, batch_size=BATCH_SIZE)
        children = []
        for account, (_values, parent) in zip(accounts, plan, strict=True):
            if parent is not None:
                account.parent = accounts[parent]
                account.owner = accounts[parent].owner
                account.team_id = accounts[parent].team_id
                account.created_at = max(account.created_at, accounts[parent].created_at)
                children.append(account)
        Account.objects.bulk_create(children, batch_size=BATCH_SIZE)
        created.extend(accounts)
    if log_changes:
        log_creations(created)
    return created


def family_name(household: str, locale: str) -> str:
    """Return the family name inside a household account's name."""
    before, after = HOUSEHOLD_NAMES[locale].split("{}")
    return household.removeprefix(before).removesuffix(after)[:100]


def email_address(rng: random.Random, pools: Pools, domain: str | None, taken: set[str]) -> str:
    """Return an address not in `taken` (and add it), at `domain` or a free mail domain."""
    while True:
        local = f"{rng.choice(pools.user_names)}{rng.randrange(100)}"
        address = f"{local}@{domain or rng.choice(pools.free_domains)}".lower()
        if address not in taken:
            taken.add(address)
            return address


@dataclass
class ContactPlan:
    contact: Contact
    links: list[tuple[Account, str]]
    emails: list[tuple[str, str]]
    phones: list[tuple[str, str]]


def contacts_create(*, organisation: Organisation, accounts: Sequence[Account], count: int,
                    seed: int = 42, log_changes: bool = True, details: bool = True,
                    unlinked_share: float = 0.1,
                    pools: dict[str, Pools] | None = None) -> list[Contact]:
    """Create `count` contacts at `accounts` (plus consumers at none); return them, saved.

    Every contact has one primary account link (unless unlinked), one primary email and one
    primary phone, mirrored on the contact; with `details`, more emails, phones, second account
    links and a consent per channel.
    """
    rng = random.Random(seed + 1)
    now = timezone.now()
    by_team = {staff.team.pk: staff for staff in organisation.teams}
    pools = pools or {staff.market.locale: Pools(staff.market, seed) for staff in
                      organisation.teams}
    weights = [1 if account.customer_class == CustomerClass.CONSUMER else 4
               for account in accounts]
    plans: list[ContactPlan] = []
    for index in range(count):
        account = None
        if accounts and (index < len(accounts) or rng.random() >= unlinked_share):
            account = accounts[index] if index < len(accounts) else rng.choices(
                accounts, weights)[0]
        staff = by_team.get(account.team_id) if account else rng.choice(organisation.teams)
        staff = staff or organisation.teams[0]
        local = pools[staff.market.locale]
        person = local.person(rng)
        household = account is None or account.customer_class == CustomerClass.CONSUMER
        if account is not None and household:
            person["last_name"] = family_name(account.name, staff.market.locale)
        owner = account.owner if account is not None and account.owner else rng.choice(
            staff.members)
        created_at = moment(rng, now)
        if account is not None:
            created_at = max(created_at, account.created_at)
        taken: set[str] = set()
        work_domain = None
        if account is not None and not household and account.website:
            work_domain = account.website.removeprefix("https://www.").rstrip("/")
        emails = [(email_address(rng, local, work_domain, taken),
                   ContactLabel.HOME if household else ContactLabel.WORK)]
        phones = [(local.phone(rng), ContactLabel.MOBILE if household else ContactLabel.WORK)]
        links = []
        if account is not None:
            role = ContactRole.HOUSEHOLD_MEMBER if household else (
                ContactRole.EMPLOYEE if account.customer_class == CustomerClass.INTERNAL
                else rng.choice(BUSINESS_ROLES))
            links.append((account, role))
        if details:
            for _ in range(rng.choice((0, 0, 1, 2))):
                emails.append((email_address(rng, local, None, taken),
                               rng.choice((ContactLabel.HOME, ContactLabel.OTHER))))
            if rng.random() < 0.5:
                phones.append((local.phone(rng), ContactLabel.MOBILE if not household
                               else ContactLabel.HOME))
            if account is not None and not household and rng.random() < 0.08:
                other = rng.choice(accounts)
                if other.pk != account.pk:
                    links.append((other, rng.choice(BUSINESS_ROLES)))
        values = stamp({
            **person, **local.address(rng),
            "title": "" if household else rng.choice(local.jobs),
            "department": "" if household else rng.choice(DEPARTMENTS),
            "account": account, "email": emails[0][0], "phone": phones[0][0],
            "birth_date": (now - datetime.timedelta(days=rng.randrange(18 * 365, 85 * 365))
                           ).date(),
            "preferred_channel": rng.choice(Channel.values),
            "level": rng.choice(CustomerLevel.values), "risk": rng.choice(RiskLevel.values),
            "interests": ", ".join(rng.sample(INTERESTS, k=rng.randint(0, 3))),
            "habits": rng.choice(("", *HABITS)),
            "do_not_contact": rng.random() < 0.03,
        }, owner, created_at, now, rng)
        values["team_id"] = owner.team_id
        plans.append(ContactPlan(Contact(**values), links, emails, phones))
    contacts = [plan.contact for plan in plans]
    Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    links, emails, phones, consents = [], [], [], []
    for plan in plans:
        contact = plan.contact
        links += [ContactAccount(contact=contact, account=account, role=role, is_primary=i == 0)
                  for i, (account, role) in enumerate(plan.links)]
        emails += [ContactEmail(contact=contact, email=address, label=label, is_primary=i == 0)
                   for i, (address, label) in enumerate(plan.emails)]
        phones += [ContactPhone(contact=contact, number=number, label=label, is_primary=i == 0)
                   for i, (number, label) in enumerate(plan.phones)]
        if details:
            consents += [
                Consent(contact=contact, channel=channel,
                        status=ConsentStatus.OPTED_OUT if contact.do_not_contact
                        or rng.random() < 0.25 else ConsentStatus.OPTED_IN,
                        at=contact.created_at, source=rng.choice(
                            ("web form", "trade show", "phone call", "contract")))
                for channel in ConsentChannel.values if rng.random() < 0.85
            ]
    for model, rows in ((ContactAccount, links), (ContactEmail, emails),
                        (ContactPhone, phones), (Consent, consents)):
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    if log_changes:
        log_creations(contacts)
    return contacts


def leads_create(*, organisation: Organisation, contacts: Sequence[Contact], count: int,
                 seed: int = 42, log_changes: bool = True,
                 pools: dict[str, Pools] | None = None) -> list[Lead]:
    """Create `count` leads covering every status and source; return them, saved.

    Converted leads point at a contact and its account, as a conversion would leave them.
    """
    rng = random.Random(seed + 2)
    now = timezone.now()
    pools = pools or {staff.market.locale: Pools(staff.market, seed) for staff in
                      organisation.teams}
    converted_from = [contact for contact in contacts if contact.account_id]
    statuses, sources = LeadStatus.values, LeadSource.values
    leads = []
    for index in range(count):
        staff = organisation.teams[index % len(organisation.teams)]
        local = pools[staff.market.locale]
        status = statuses[index % len(statuses)]
        source = sources[(index // len(statuses)) % len(sources)]
        domain = rng.choice(local.domains)
        values = stamp({
            **local.person(rng), **local.address(rng),
            "title": rng.choice(local.jobs), "company": rng.choice(local.companies),
            "email": email_address(rng, local, domain, set()), "phone": local.phone(rng),
            "mobile": local.phone(rng), "website": f"https://www.{domain}/",
            "industry": rng.choice(Industry.values), "status": status, "source": source,
            "rating": rng.choice(Rating.values),
        }, rng.choice(staff.members), moment(rng, now), now, rng)
        if status == LeadStatus.CONVERTED and converted_from:
            contact = rng.choice(converted_from)
            values.update(converted_contact=contact, converted_account_id=contact.account_id,
                          converted_at=max(values["created_at"], contact.created_at))
        leads.append(Lead(**values))
    Lead.objects.bulk_create(leads, batch_size=BATCH_SIZE)
    if log_changes:
        log_creations(leads)
    return leads


def search_index_rebuild(*models_: type[models.Model]) -> None:
    """Index the bulk-created records for global search, which bulk_create does not trigger."""
    for model in models_:
        try:
            index_bulk(model)
        except LookupError:
            # A module without search fields has no index to fill.
            continue


def company_details_create() -> CompanyDetails:
    """Fill in the demo company's own details (printed on its quotes and invoices)."""
    details = CompanyDetails.load()
    for name, value in {
        "legal_name": "Clientela Demo S.L.", "street": "Calle de Alcalá 42", "city": "Madrid",
        "region": "Comunidad de Madrid", "postal_code": "28014", "country": "Spain",
        "tax_id": "ESB12345678", "email": "billing@demo.clientela.example",
        "phone": "+34 910 000 000", "website": "https://demo.clientela.example",
        "bank_details": "IBAN ES91 2100 0418 4502 0005 1332\nBIC CAIXESBBXXX",
    }.items():
        setattr(details, name, value)
    details.save()
    return details


def demo_company_create(*, seed: int = 42, scale: float = 1.0) -> DemoSummary:
    """Create the demo company: its people, 200 accounts, 1,000 contacts and 300 leads × scale.

    The caller owns the transaction; see `clientela.demo.management.commands.demo`.
    """
    company_details_create()
    organisation = organisation_create(seed=seed)
    pools = {staff.market.locale: Pools(staff.market, seed) for staff in organisation.teams}
    accounts = accounts_create(organisation=organisation, count=max(10, round(200 * scale)),
                               seed=seed, pools=pools)
    contacts = contacts_create(organisation=organisation, accounts=accounts,
                               count=max(10, round(1000 * scale)), seed=seed, pools=pools)
    leads = leads_create(organisation=organisation, contacts=contacts,
                         count=max(48, round(300 * scale)), seed=seed, pools=pools)
    catalogue = sales_demo_create(
        owner=next(staff.manager for staff in organisation.teams if staff.market.currency == "EUR"),
        accounts=accounts, seed=seed,
    )
    log_creations(catalogue.products)
    log_creations(catalogue.price_books)
    opportunities = opportunities_create(organisation=organisation, accounts=accounts,
                                         contacts=contacts, count=max(22, round(120 * scale)),
                                         seed=seed, log=log_creations)
    quotas_create(organisation=organisation, opportunities=opportunities, seed=seed,
                  log=log_creations)
    history = sales_history_create(accounts=accounts, products=catalogue.products, seed=seed,
                                   log=log_creations)
    search_index_rebuild(Account, Contact, Lead, Opportunity, Product, PriceBook, Order, Invoice)
    for step in registry.demo_steps():
        step(seed=seed)
    return DemoSummary(
        usernames=[user.username for user in organisation.users], accounts=len(accounts),
        contacts=len(contacts), leads=len(leads), orders=len(history.orders),
        invoices=len(history.invoices),
    )

