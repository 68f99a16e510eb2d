"""The maternity allowance, worked out by hand on both sides of every date of effect."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from services.cnas.maternity import compute_maternity, conditions_met, earliest_start
from tests.services.rulebooks import BOOK, with_rows

WORKED = {"days_3_months": 60, "hours_3_months": 480, "days_12_months": 240, "hours_12_months": 1900,
          "first_confirmation_date": date(2025, 2, 1)}  # fmt: skip


def estimate(start: date, wage: int, book: Any = BOOK) -> dict[str, Any]:
    lines = compute_maternity({"leave_start_date": start, "net_monthly_wage": wage}, book).lines
    return {line.code: line for line in lines}


def test_a_leave_starting_the_day_before_law_25_08_lasts_98_days() -> None:
    lines = estimate(date(2025, 7, 22), 60_000)
    # 60,000 / 30 = 2,000.00 a day, at 100 %: 98 × 2,000.00 = 196,000.00
    assert lines["duration"].value == 98
    assert "83-11" in lines["duration"].detail["fr"]
    assert lines["last_day"].value == "2025-10-27"  # 22 July + 97 days
    assert lines["daily_allowance"].value == Decimal("2000.00")
    assert lines["total"].value == Decimal("196000.00")


def test_a_leave_starting_on_the_day_law_25_08_applies_lasts_150_days() -> None:
    lines = estimate(date(2025, 7, 23), 60_000)
    assert lines["duration"].value == 150
    assert "25-08" in lines["duration"].detail["fr"]
    assert lines["last_day"].value == "2025-12-19"  # 23 July + 149 days
    assert lines["total"].value == Decimal("300000.00")


def test_the_daily_wage_is_rounded_to_the_centime() -> None:
    lines = estimate(date(2026, 1, 10), 50_001)
    assert lines["daily_wage"].value == Decimal("1666.70")  # 50,001 / 30 = 1,666.7
    assert lines["total"].value == Decimal("250005.00")  # 150 × 1,666.70


def test_a_later_law_is_a_new_row_and_earlier_leaves_keep_their_rule() -> None:
    book = with_rows(("cnas.maternity.duration", date(2030, 1, 1), "182"))
    assert estimate(date(2029, 12, 31), 30_000, book)["duration"].value == 150
    assert estimate(date(2030, 1, 1), 30_000, book)["duration"].value == 182
    assert estimate(date(2025, 7, 22), 30_000, book)["duration"].value == 98


def test_the_leave_starts_at_the_earliest_42_days_before_the_presumed_birth_under_law_25_08() -> None:
    birth = date(2026, 11, 20)
    assert earliest_start(birth, date(2026, 10, 9), BOOK) == date(2026, 10, 9)  # 20 November - 42 days
    assert earliest_start(date(2025, 8, 30), date(2025, 7, 22), BOOK) is None  # before the law: no such rule


@pytest.mark.parametrize(("changes", "met"), [
    ({}, True),
    ({"days_3_months": 15, "hours_3_months": 0, "days_12_months": 0, "hours_12_months": 0}, True),
    ({"days_3_months": 0, "hours_3_months": 100, "days_12_months": 0, "hours_12_months": 0}, True),
    ({"days_3_months": 0, "hours_3_months": 0, "days_12_months": 60, "hours_12_months": 0}, True),
    ({"days_3_months": 0, "hours_3_months": 0, "days_12_months": 0, "hours_12_months": 400}, True),
    ({"days_3_months": 14, "hours_3_months": 99, "days_12_months": 59, "hours_12_months": 399}, False),
])  # fmt: skip
def test_the_work_time_conditions_on_each_side_of_every_threshold(changes: dict[str, int], met: bool) -> None:
    assert conditions_met({**WORKED, **changes}, BOOK) is met


def test_the_work_time_conditions_are_met_by_days_or_by_hours_alone() -> None:
    confirmed = {"first_confirmation_date": date(2025, 2, 1)}
    assert conditions_met(confirmed | {"hours_3_months": 100}, BOOK)  # the hours alone
    assert conditions_met(confirmed | {"days_12_months": 60}, BOOK)  # the days alone
    assert not conditions_met(confirmed | {"days_3_months": 14, "hours_12_months": 399}, BOOK)
