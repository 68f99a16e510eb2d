"""Properties of the three computations, over many generated cases: no negative amount, shares that add up to
the total, a longer period (or a longer list) that never costs less, and a wage list that never crashes the
simulation, each bad line reported with its number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from services.cacobatph.declaration import compute_declaration, parse_wage_list
from services.cnas.abroad import compute_contribution
from services.cnas.maternity import compute_maternity
from tests.services.rulebooks import BOOK

CASES = settings(max_examples=200, deadline=None)
wages = st.decimals(min_value=0, max_value=100_000_000, places=2, allow_nan=False, allow_infinity=False)
names = st.text(alphabet="ABCDEFGHIJ abcdefghij", min_size=1, max_size=20).map(str.strip).filter(bool)
line = st.builds(lambda number, name, months, amount: f"{150000000000 + number};{name};{months};{amount}",
                 st.integers(0, 10**9), names, st.integers(1, 12), wages)  # fmt: skip


@CASES
@given(st.integers(1, 10_000_000), st.dates(date(1983, 7, 2), date(2040, 12, 31)))
def test_maternity_amounts_are_never_negative_and_add_up(monthly: int, start: date) -> None:
    values = {line.code: line.value for line in compute_maternity(
        {"leave_start_date": start, "net_monthly_wage": monthly}, BOOK).lines}  # fmt: skip
    assert values["daily_allowance"] >= 0
    assert values["total"] == values["daily_allowance"] * values["duration"]


@CASES
@given(st.integers(1, 10_000_000), st.dates(date(1983, 7, 2), date(2040, 12, 30)))
def test_a_later_leave_is_never_shorter_and_a_higher_wage_never_pays_less(monthly: int, start: date) -> None:
    first = compute_maternity({"leave_start_date": start, "net_monthly_wage": monthly}, BOOK)
    later = compute_maternity({"leave_start_date": date.fromordinal(start.toordinal() + 1),
                               "net_monthly_wage": monthly + 1}, BOOK)  # fmt: skip
    assert later.line("duration").value >= first.line("duration").value
    assert later.line("total").value >= first.line("total").value


@CASES
@given(st.lists(line, min_size=0, max_size=40, unique_by=lambda text: text.split(";")[0]), st.integers(2000, 2040))
def test_declaration_shares_add_up_and_are_never_negative(lines: list[str], year: int) -> None:
    parsed, errors = parse_wage_list("\n".join(lines))
    assert errors == []
    result = compute_declaration(parsed, year, BOOK)
    for share in result.shares:
        assert share.employer >= 0 and share.worker >= 0 and share.total == share.employer + share.worker
    assert result.total == result.employer + result.worker == sum(share.total for share in result.shares)


@CASES
@given(st.lists(line, min_size=1, max_size=30, unique_by=lambda text: text.split(";")[0]), st.integers(2000, 2040))
def test_a_longer_wage_list_never_costs_less(lines: list[str], year: int) -> None:
    shorter, _ = parse_wage_list("\n".join(lines[:-1]))
    longer, _ = parse_wage_list("\n".join(lines))
    assert compute_declaration(longer, year, BOOK).total >= compute_declaration(shorter, year, BOOK).total


@CASES
@given(st.integers(1, 50_000_000), st.integers(0, 19), st.dates(date(2023, 1, 5), date(2040, 12, 31)))
def test_affiliation_shares_add_up_and_a_longer_catch_up_never_costs_less(base: int, quarters: int, on: date) -> None:
    result = compute_contribution(Decimal(base), quarters, on, BOOK)
    longer = compute_contribution(Decimal(base), quarters + 1, on, BOOK)
    assert min(result.in_kind, result.retirement, result.catch_up) >= 0
    assert result.quarterly == result.in_kind + result.retirement
    assert result.quarter_base >= result.floor * 3
    assert longer.catch_up >= result.catch_up


@CASES
@given(st.text(max_size=400))
def test_any_text_never_crashes_the_simulation(text: str) -> None:
    parsed, errors = parse_wage_list(text)
    compute_declaration(parsed, 2026, BOOK)
    assert all(error.texts["fr"].startswith(f"Ligne {error.number} : ") for error in errors)


@CASES
@given(st.lists(line, min_size=1, max_size=20, unique_by=lambda text: text.split(";")[0]), st.data(),
       st.sampled_from(["150012345;X;3;100", "150099999999;Y;0;100", "150099999998;Z;3;abc", "150099999997;W;3",
                        "150099999996;V;3;100;extra", "150099999995;;3;100", "150099999994;U;3;1e400"]))  # fmt: skip
def test_a_malformed_line_is_reported_with_its_number(lines: list[str], data: st.DataObject, bad: str) -> None:
    position = data.draw(st.integers(0, len(lines)))
    text = "\n".join([*lines[:position], bad, *lines[position:]])
    parsed, errors = parse_wage_list(text)
    assert [error.number for error in errors] == [position + 1]
    assert len(parsed) == len(lines)
