"""Factories of sales: the catalogue saved through the Record write path, pipelines, and
opportunities saved through their service."""

import datetime
from decimal import Decimal

import factory

from clientela.accounts.tests.factories import AccountFactory, RecordFactory
from clientela.sales.models import (
    Contract,
    ExchangeRate,
    Invoice,
    Opportunity,
    Order,
    Pipeline,
    PriceBook,
    PriceBookEntry,
    Product,
    ProductCategory,
    Quota,
    Quote,
    Stage,
)
from clientela.sales.services.invoices import invoice_save
from clientela.sales.services.opportunities import opportunity_save
from clientela.sales.services.orders import order_save
from clientela.sales.services.quotes import quote_save


class ProductCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductCategory

    name = factory.Sequence(lambda n: f"Category {n}")


class ProductFactory(RecordFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    list_price = Decimal("100.00")
    cost = Decimal("60.00")
    currency_id = "EUR"


class PriceBookFactory(RecordFactory):
    class Meta:
        model = PriceBook

    name = factory.Sequence(lambda n: f"Price book {n}")
    currency_id = "EUR"


class PriceBookEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceBookEntry

    unit_price = Decimal("90.00")


def rate(code: str, date: str, value: str) -> ExchangeRate:
    """Return a stored exchange rate of `code` from `date` on."""
    return ExchangeRate.objects.create(currency_id=code, date=date, rate=Decimal(value))


def stage(name: str, pipeline: str = "New business") -> Stage:
    """Return a seeded stage by its name and its pipeline's."""
    return Stage.objects.select_related("pipeline").get(pipeline__name=pipeline, name=name)


class PipelineFactory(factory.django.DjangoModelFactory):
    """A pipeline with three stages: Open (30 %), Won and Lost."""

    class Meta:
        model = Pipeline
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pipeline {n}")

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            for position, (name, probability, kind) in enumerate(
                extracted or [("Open", 30, "open"), ("Won", 100, "won"), ("Lost", 0, "lost")],
                start=1,
            ):
                Stage.objects.create(pipeline=obj, name=name, probability=probability,
                                     kind=kind, position=position)


class OpportunityFactory(RecordFactory):
    """An open opportunity in New business › Prospecting, its creation in the stage history."""

    class Meta:
        model = Opportunity

    name = factory.Sequence(lambda n: f"Deal {n}")
    amount = Decimal("1000.00")
    currency = "EUR"
    stage = factory.LazyFunction(lambda: stage("Prospecting"))
    pipeline = factory.LazyAttribute(lambda opportunity: opportunity.stage.pipeline)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        actor = kwargs.pop("actor", None) or kwargs.get("owner")
        tags = kwargs.pop("tags", None)
        contacts = kwargs.pop("contacts", None)
        opportunity = model_class(*args, **kwargs)
        opportunity_save(opportunity=opportunity, user=actor, contacts=contacts)
        if tags:
            opportunity.tags.set(tags)
        return opportunity


class DocumentFactory(RecordFactory):
    """A sales document to a new account of the same owner, in EUR, saved through its
    service (`save`) with one free-text line (2 × 50.00 at 21 % tax) unless `lines` are
    given."""

    class Meta:
        abstract = True

    account = factory.LazyAttribute(lambda document: AccountFactory(owner=document.owner))
    currency_id = "EUR"

    @staticmethod
    def save(document, user, lines):
        raise NotImplementedError

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        actor = kwargs.pop("actor", None) or kwargs.get("owner")
        tags = kwargs.pop("tags", None)
        lines = kwargs.pop("lines", None)
        if lines is None:
            lines = [{"description": "Consulting", "quantity": "2", "unit_price": "50.00",
                      "tax_rate": "21"}]
        document = model_class(*args, **kwargs)
        cls.save(document, actor, lines)
        if tags:
            document.tags.set(tags)
        return document


class QuoteFactory(DocumentFactory):
    """A draft quote (see DocumentFactory)."""

    class Meta:
        model = Quote

    subject = factory.Sequence(lambda n: f"Quote {n}")

    @staticmethod
    def save(document, user, lines):
        quote_save(quote=document, user=user, lines=lines)


class OrderFactory(DocumentFactory):
    """An order entered by hand (see DocumentFactory)."""

    class Meta:
        model = Order

    subject = factory.Sequence(lambda n: f"Order {n}")

    @staticmethod
    def save(document, user, lines):
        order_save(order=document, user=user, lines=lines)


class InvoiceFactory(DocumentFactory):
    """A draft invoice entered by hand, dated 2026-03-02 and due 30 days later (see
    DocumentFactory)."""

    class Meta:
        model = Invoice

    subject = factory.Sequence(lambda n: f"Invoice {n}")
    invoice_date = datetime.date(2026, 3, 2)

    @staticmethod
    def save(document, user, lines):
        invoice_save(invoice=document, user=user, lines=lines)


class ContractFactory(RecordFactory):
    """An active one-year contract with an account of the same owner."""

    class Meta:
        model = Contract

    name = factory.Sequence(lambda n: f"Contract {n}")
    account = factory.LazyAttribute(
        lambda contract: AccountFactory(owner=contract.owner, name=f"Client of {contract.name}"))
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    value = Decimal("12000.00")
    currency = "EUR"
    status = "active"


class QuotaFactory(RecordFactory):
    """A monthly quota of its owner (the salesperson), one month later per quota made."""

    class Meta:
        model = Quota

    user = factory.LazyAttribute(lambda quota: quota.owner)
    period_kind = "month"
    period_start = factory.Sequence(lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1))
    amount = Decimal("50000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        actor = kwargs.pop("actor", None) or kwargs.get("owner")
        tags = kwargs.pop("tags", None)
        quota = model_class(*args, **kwargs)
        quota.stamp(actor)
        quota.full_clean()
        quota.save()
        if tags:
            quota.tags.set(tags)
        return quota
