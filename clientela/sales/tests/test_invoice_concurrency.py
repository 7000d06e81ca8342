"""Invoice numbers and order invoicing under concurrent requests, on PostgreSQL's row locks:
each thread is a connection of its own, as two people or two workers would be."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from clientela.core.exceptions import ApplicationError
from clientela.sales.models import Invoice, InvoiceSequence
from clientela.sales.services.invoices import invoice_issue, order_invoice
from clientela.sales.tests.factories import InvoiceFactory, OrderFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="concurrent writers need PostgreSQL's row locks"),
]

WRITERS = 8


def at_once(function, items):
    """Run `function` on every item in its own thread, all released together; return each
    result or the ApplicationError it raised."""
    start = threading.Barrier(len(items))

    def run(item):
        try:
            start.wait()
            return function(item)
        except ApplicationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(run, items))


def test_concurrent_issues_share_no_number_and_skip_none(transactional_db, rep):
    drafts = [InvoiceFactory(owner=rep) for _ in range(WRITERS - 1)]
    drafts.append(InvoiceFactory(owner=rep, lines=[]))  # refused: its number is not used up
    results = at_once(lambda invoice: invoice_issue(user=rep, invoice=invoice), drafts)
    refused = [result for result in results if isinstance(result, ApplicationError)]
    numbers = sorted(result.number for result in results if isinstance(result, Invoice))
    assert [error.code for error in refused] == ["no_lines"]
    assert numbers == [f"2026-{n:05d}" for n in range(1, WRITERS)]
    assert InvoiceSequence.objects.get(kind="invoice", year=2026).last_number == WRITERS - 1


def test_an_order_invoiced_twice_at_once_gets_one_invoice(transactional_db, rep):
    order = OrderFactory(owner=rep)
    results = at_once(lambda _: order_invoice(order=order, user=rep), range(WRITERS))
    made = [result for result in results if isinstance(result, Invoice)]
    assert len(made) == 1
    assert {error.code for error in results if isinstance(error, ApplicationError)} == {
        "order_invoiced"}
    assert Invoice.objects.filter(order=order).count() == 1
