"""Properties of the amount charged for quarters: an integer number of centimes, the exact sum of the chosen
quarters as the fund states them, whatever quarters are chosen; a quarter outside the window is never charged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.accounts.fund_payments import centimes, payable_of, quarter_lines
from portal.connectors.records import Quarter, Quarters
from portal.payments.schemas import Payable, PayableItem

DAY = date(2026, 12, 1)  # the window: 2021-Q4 to 2026-Q4
KEYS = [f"{year}-Q{number}" for year in range(2021, 2027) for number in range(1, 5)][3:]
AMOUNTS = st.decimals(min_value=Decimal("50.00"), max_value=Decimal("1000000.00"), places=2)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(amounts=st.lists(AMOUNTS, min_size=len(KEYS), max_size=len(KEYS)), data=st.data())
def test_the_amount_charged_is_the_sum_of_the_chosen_quarters(app: Flask, amounts: list[Decimal],
                                                              data: st.DataObject) -> None:  # fmt: skip
    lines_stated = [Quarter(key, amount, False) for key, amount in zip(KEYS, amounts, strict=True)]
    record = Quarters(lines_stated, sum(amounts, Decimal(0)))
    lines = quarter_lines(record, {}, DAY, 5)
    chosen = data.draw(st.sets(st.sampled_from(KEYS), min_size=1))
    with app.test_request_context("/fr/"):
        payable = payable_of("cnas", "quarters-visa", "CNAS-99-000007", lines, chosen)
    assert payable is not None and isinstance(payable.amount, int)
    stated = sum(amount for key, amount in zip(KEYS, amounts, strict=True) if key in chosen)
    assert payable.amount == sum(item.amount for item in payable.items) == int(stated * 100)
    assert {item.key for item in payable.items} == chosen


def test_a_quarter_outside_the_window_or_paid_is_not_charged(app: Flask) -> None:
    record = Quarters([Quarter("2020-Q1", Decimal(100), False), Quarter("2026-Q1", Decimal(100), True),
                       Quarter("2026-Q2", Decimal(100), False)], Decimal(200))  # fmt: skip
    lines = quarter_lines(record, {}, DAY, 5)
    assert [line.key for line in lines if line.payable] == ["2026-Q2"]
    with app.test_request_context("/fr/"):
        assert payable_of("cnas", "quarters-visa", "P", lines, {"2020-Q1"}) is None
        assert payable_of("cnas", "quarters-visa", "P", lines, {"2026-Q1", "2026-Q2"}) is None
        assert payable_of("cnas", "quarters-visa", "P", lines, {"2026-Q2"}) is not None


def test_amounts_are_centimes_never_fractions_of_them() -> None:
    assert centimes(Decimal("46875.0")) == 4687500 and centimes(Decimal("0.07")) == 7
    with pytest.raises(ValueError, match="fractions of a centime"):
        centimes(Decimal("1.005"))
    with pytest.raises(ValueError, match="add up"):
        Payable("cnas", "quarters-visa", 10000, "", holder="P", items=(PayableItem("2026-Q1", 9999),))
