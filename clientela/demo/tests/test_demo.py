"""The demo company: sizes, languages, hierarchies, primaries and its change log."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Min, Q

from clientela.accounts.choices import CustomerClass
from clientela.accounts.models import Account
from clientela.company.models import CompanyDetails
from clientela.contacts.models import Contact, ContactAccount
from clientela.core.models import ObjectChange
from clientela.leads.choices import LeadSource, LeadStatus
from clientela.leads.models import Lead
from clientela.users.models import User

CJK = re.compile(r"[\u4e00-\u9fff]")
SPANISH_ONLY = re.compile(r"[ñÑáéíóú]")
POLISH_ONLY = re.compile(r"[łŁąęśźżćńŚŻŹĆ]")


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_creates_the_promised_volumes(demo):
    assert Account.objects.count() >= 200
    assert Contact.objects.count() >= 1000
    assert Lead.objects.count() >= 300
    assert "200 accounts, 1000 contacts, 300 leads" in demo


def test_every_record_has_exactly_one_create_entry_in_the_change_log(demo):
    for model in (Account, Contact, Lead):
        entries = ObjectChange.objects.filter(
            content_type__model=model._meta.model_name, action=ObjectChange.Action.CREATE
        )
        assert entries.count() == model.objects.count()
        assert entries.values("object_id").distinct().count() == model.objects.count()
    entry = ObjectChange.objects.filter(content_type__model="contact").last()
    contact = Contact.objects.get(pk=entry.object_id)
    assert entry.changes["last_name"] == [None, contact.last_name]
    assert entry.user_id == contact.created_by_id


def test_names_and_addresses_come_in_four_languages(demo):
    teams = set(Account.objects.values_list("team__name", flat=True))
    assert teams == {"North America", "Iberia", "Polska", "China"}
    countries = set(Contact.objects.values_list("country", flat=True))
    assert {"United States", "España", "Polska", "中国"} <= countries
    names = list(Contact.objects.values_list("last_name", "first_name", "city"))
    text = " ".join(" ".join(row) for row in names)
    assert CJK.search(text)
    assert SPANISH_ONLY.search(text)
    assert POLISH_ONLY.search(text)


def test_accounts_form_hierarchies_and_cover_every_customer_class(demo):
    assert Account.objects.filter(parent__isnull=False).count() >= 10
    assert Account.objects.filter(children__parent__isnull=False).distinct().count() >= 4
    head = Account.objects.get(name="Aurora Trading Group")
    assert head.children.count() == 4
    classes = set(Account.objects.values_list("customer_class", flat=True))
    assert classes == set(CustomerClass.values)


def test_every_contact_has_exactly_one_primary_email_and_phone(demo):
    contacts = Contact.objects.annotate(
        primary_emails=Count("emails", filter=Q(emails__is_primary=True), distinct=True),
        primary_phones=Count("phones", filter=Q(phones__is_primary=True), distinct=True),
    )
    assert not contacts.exclude(primary_emails=1).exists()
    assert not contacts.exclude(primary_phones=1).exists()
    contact = Contact.objects.filter(account__isnull=False).first()
    assert contact.email == contact.emails.get(is_primary=True).email
    assert contact.account_id == contact.account_links.get(is_primary=True).account_id
    assert Contact.objects.filter(account__isnull=True).exists()
    assert ContactAccount.objects.filter(is_primary=False).exists()


def test_leads_cover_every_status_and_source_and_converted_ones_are_linked(demo):
    assert set(Lead.objects.values_list("status", flat=True)) == set(LeadStatus.values)
    assert set(Lead.objects.values_list("source", flat=True)) == set(LeadSource.values)
    converted = Lead.objects.filter(status=LeadStatus.CONVERTED)
    assert not converted.filter(converted_contact__isnull=True).exists()
    assert not converted.filter(converted_at__isnull=True).exists()


def test_records_are_owned_by_their_team_members(demo):
    for model in (Account, Contact, Lead):
        assert not model.objects.filter(owner__isnull=True).exists()
        assert not model.objects.exclude(team=F("owner__team")).exists()


def test_demo_users_sign_in_with_the_documented_password(demo):
    manager = User.objects.get(username="iberia.manager")
    assert manager.role.slug == "sales-manager"
    assert set(manager.reports.values_list("username", flat=True)) == {
        "iberia.rep1", "iberia.rep2", "iberia.rep3"
    }
    assert authenticate(username="china.rep2", password="demo-pass-123") is not None
    assert User.objects.get(username="analyst").role.slug == "read-only"


def test_demo_refuses_a_database_with_accounts_and_changes_nothing(demo):
    counts = (Account.objects.count(), Contact.objects.count(), ObjectChange.objects.count())
    with pytest.raises(CommandError, match="already has accounts"):
        call_command("demo", stdout=StringIO())
    assert (Account.objects.count(), Contact.objects.count(),
            ObjectChange.objects.count()) == counts


def test_the_same_seed_gives_the_same_company(db):
    call_command("demo", "--seed", "7", "--scale", "0.1", stdout=StringIO())
    first = list(Account.objects.order_by("pk").values_list("name", flat=True))
    from clientela.sales.models import Invoice, Order, Payment

    # The accounts' sales history goes first: it protects the accounts it belongs to.
    Payment.objects.all().delete()
    Invoice.all_objects.filter(kind="credit_note").delete()
    Invoice.all_objects.all().delete()
    Order.all_objects.all().delete()
    Account.all_objects.all().delete()
    call_command("demo", "--seed", "7", "--scale", "0.1", stdout=StringIO())
    assert list(Account.objects.order_by("pk").values_list("name", flat=True)) == first


def test_demo_records_are_in_the_global_search_index(demo):
    from clientela.core.search.models import SearchEntry

    assert SearchEntry.objects.filter(module="accounts").count() == Account.objects.count()
    assert SearchEntry.objects.filter(module="contacts").count() == Contact.objects.count()
    assert SearchEntry.objects.filter(module="leads").count() == Lead.objects.count()


def test_demo_has_a_priced_catalogue_with_costs_books_and_three_years_of_rates(demo):
    from decimal import Decimal

    from clientela.sales.choices import PriceSource
    from clientela.sales.models import ExchangeRate, PriceBook, Product, ProductCategory
    from clientela.sales.selectors import unit_price_for

    products = Product.objects.all()
    assert 40 <= products.count() <= 60
    assert not products.filter(cost__isnull=True).exists()
    assert not products.filter(cost__gte=F("list_price")).exists()
    assert set(products.values_list("unit", flat=True)) >= {"piece", "hour", "licence", "month"}
    assert ProductCategory.objects.filter(parent__isnull=False).exists()
    assert list(PriceBook.objects.values_list("name", "currency", "segment")) == [
        ("Channel partners", "EUR", "reseller"), ("Standard EUR", "EUR", ""),
        ("Standard USD", "USD", ""),
    ]
    for code in ("USD", "GBP", "PLN", "CNY"):
        assert ExchangeRate.objects.filter(currency=code).count() >= 36
    reseller = Account.objects.filter(customer_class="reseller", price_book__isnull=True,
                                      currency="EUR").first()
    laptop = Product.objects.get(sku="HW-LAP-14")
    assert unit_price_for(laptop, reseller) == (Decimal("1096.50"), "EUR",
                                                PriceSource.SEGMENT_PRICE_BOOK)
    assert Account.objects.filter(price_book__name="Standard EUR").exists()
    assert ObjectChange.objects.filter(content_type__model="product").count() == products.count()


def test_opportunities_sit_in_every_stage_with_their_stage_histories(demo):
    from clientela.sales.models import Opportunity, Stage, StageChange

    assert Opportunity.objects.count() >= 120
    assert set(Stage.objects.values_list("pk", flat=True)) == set(
        Opportunity.objects.values_list("stage", flat=True))
    assert set(Opportunity.objects.values_list("team__name", flat=True)) == {
        "North America", "Iberia", "Polska", "China"}
    for opportunity in Opportunity.objects.select_related("stage")[:40]:
        history = list(StageChange.objects.filter(opportunity=opportunity)
                       .order_by("changed_at", "id"))
        assert history[0].from_stage is None
        assert history[-1].to_stage == opportunity.stage
        assert opportunity.status == opportunity.stage.kind
        assert (opportunity.closed_on is None) == (opportunity.status == "open")
        assert opportunity.amount > 0
        if opportunity.status == "lost":
            assert opportunity.lost_reason
    assert not Opportunity.objects.filter(status="open", lost_reason__gt="").exists()


def test_three_years_of_orders_and_invoices_with_the_shapes_analytics_expect(demo):
    import datetime
    from collections import defaultdict

    from django.db.models import Max, Sum
    from django.utils import timezone

    from clientela.sales.models import Invoice, InvoiceLine, Order, OrderLine, Payment

    today = timezone.localdate()
    dates = Order.objects.aggregate(first=Min("order_date"), last=Max("order_date"))
    assert Order.objects.count() >= 800
    assert (today - dates["first"]).days >= 3 * 365 - 60 and (today - dates["last"]).days < 30
    assert "orders" in demo and "invoices" in demo
    # Every document adds up to its lines.
    for order in Order.objects.all()[:50]:
        assert order.total == OrderLine.objects.filter(order=order).aggregate(
            total=Sum("line_total"))["total"]
        assert OrderLine.objects.filter(order=order, unit_cost__isnull=True).count() == 0
    # A few customers bring most of the revenue.
    revenue = defaultdict(int)
    last_order = {}
    for account, total, day in Order.objects.filter(currency="EUR").values_list(
            "account", "total", "order_date"):
        revenue[account] += total
        last_order[account] = max(day, last_order.get(account, day))
    ranked = sorted(revenue.values(), reverse=True)
    top = ranked[:max(1, len(ranked) * 3 // 10)]
    assert sum(top) >= Decimal("0.7") * sum(ranked)
    # Some customers stopped buying.
    stopped = [day for day in last_order.values() if today - day > datetime.timedelta(days=270)]
    assert len(stopped) >= 3
    # Invoices: numbered per year without gaps, paid, overdue, cancelled by credit notes.
    for kind in ("invoice", "credit_note"):
        numbers = defaultdict(list)
        for number, day in Invoice.objects.filter(kind=kind).values_list("number",
                                                                         "invoice_date"):
            numbers[day.year].append(int(number.rsplit("-", 1)[1]))
        for year_numbers in numbers.values():
            assert sorted(year_numbers) == list(range(1, len(year_numbers) + 1))
    statuses = set(Invoice.objects.values_list("status", flat=True))
    assert {"paid", "overdue", "cancelled"} <= statuses
    for invoice in Invoice.objects.filter(status="paid")[:50]:
        assert invoice.amount_paid == invoice.total == Payment.objects.filter(
            invoice=invoice).aggregate(total=Sum("amount"))["total"]
    cancelled = Invoice.objects.filter(status="cancelled")
    assert Invoice.objects.filter(kind="credit_note", credited_invoice__in=cancelled).count() \
        == cancelled.count()
    credited = InvoiceLine.objects.filter(invoice__credited_invoice__isnull=False)
    assert credited.aggregate(total=Sum("line_total"))["total"] == -InvoiceLine.objects.filter(
        invoice__in=cancelled).aggregate(total=Sum("line_total"))["total"]
def test_demo_fills_in_the_company_details_its_documents_print(demo):
    details = CompanyDetails.load()
    assert details.legal_name == "Clientela Demo S.L."
    assert details.address_lines == ["Calle de Alcalá 42", "28014 Madrid",
                                     "Comunidad de Madrid", "Spain"]
    assert details.bank_details.startswith("IBAN ES91")
def test_every_salesperson_has_monthly_quotas_sized_from_their_deals(demo):
    from django.utils import timezone

    from clientela.sales.choices import PeriodKind
    from clientela.sales.forecasting import period_of
    from clientela.sales.models import Quota

    this_month = period_of(PeriodKind.MONTH, timezone.localdate())
    starts = {this_month.shifted(step).start for step in range(-12, 4)}
    sales = User.objects.filter(role__slug__in=("sales-rep", "sales-manager"))
    assert sales.count() == 16
    for user in sales:
        quotas = Quota.objects.filter(user=user)
        assert set(quotas.values_list("period_start", flat=True)) == starts
        assert {quota.owner_id for quota in quotas} == {user.pk}
        assert all(quota.amount >= 5000 and quota.amount % 1000 == 0 for quota in quotas)
    assert ObjectChange.objects.filter(content_type__model="quota",
                                       action="create").count() == Quota.objects.count()
