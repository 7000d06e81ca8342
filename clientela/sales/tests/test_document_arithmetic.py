"""The arithmetic of sales document lines and totals, checked on generated lines: every line
and document adds up as printed, and each rounding is the nearest, half up."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from clientela.sales.documents import document_totals, line_amounts


@dataclass
class Line:
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal | None
    discount_amount: Decimal | None
    tax_rate: Decimal


def decimals(places: int, low: str, high: str):
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places,
                       allow_nan=False, allow_infinity=False)


@st.composite
def lines(draw):
    quantity = draw(decimals(4, "0.0001", "100000"))
    unit_price = draw(decimals(4, "0", "1000000"))
    discount = draw(st.sampled_from(["none", "percent", "amount"]))
    percent = draw(decimals(2, "0", "100")) if discount == "percent" else None
    amount = None
    if discount == "amount":
        # At most the line's subtotal, which the services check before the arithmetic runs.
        subtotal = (quantity * unit_price).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
        amount = draw(decimals(2, "0", str(subtotal)))
    return Line(quantity, unit_price, percent, amount, draw(decimals(2, "0", "100")))


def unit(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@given(st.lists(lines(), min_size=1, max_size=8), st.sampled_from([0, 2, 3]))
def test_every_line_and_document_adds_up_as_printed(items, places):
    amounts = [line_amounts(line, places) for line in items]
    for line, (subtotal, discount, tax, total) in zip(items, amounts, strict=True):
        for value in (subtotal, discount, tax, total):
            assert value == value.quantize(unit(places))
        assert total == subtotal - discount + tax
        assert abs(subtotal - line.quantity * line.unit_price) <= unit(places) / 2
        if line.discount_percent is not None:
            assert abs(discount - subtotal * line.discount_percent / 100) <= unit(places) / 2
        exact_tax = (subtotal - discount) * line.tax_rate / 100
        assert tax == exact_tax.quantize(unit(places), rounding=ROUND_HALF_UP)
    totals = document_totals(amounts, places)
    assert totals.subtotal == sum(item.subtotal for item in amounts)
    assert totals.discount == sum(item.discount for item in amounts)
    assert totals.tax == sum(item.tax for item in amounts)
    assert totals.total == totals.subtotal - totals.discount + totals.tax


@given(decimals(2, "0", "1000"), st.sampled_from([0, 2]))
def test_a_half_unit_rounds_up(amount, places):
    whole = amount.quantize(unit(places), rounding="ROUND_DOWN")
    half = whole + unit(places) / 2
    line = Line(Decimal(1), half, None, None, Decimal(0))
    assert line_amounts(line, places).subtotal == whole + unit(places)
