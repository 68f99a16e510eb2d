"""Voluntary affiliation from abroad: the contribution and the catch-up, worked out by hand, on both sides of
the minimum wage's change and of the scheme's start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from portal.registry.rule_book import NoRuleError
from services.cnas import Cnas
from services.cnas.abroad import age_on, compute_contribution, contribution_estimate
from tests.conftest import AppFactory
from tests.services.rulebooks import BOOK, with_rows

ANSWERS = {"declared_monthly_base": 80_000, "catch_up_quarters": 2}


@pytest.fixture
def formats(make_app: AppFactory) -> Iterator[None]:
    """The platform's locales and formats, which the estimate's labels are written in."""
    with make_app(migrate=False).app_context():
        yield


def test_the_day_before_the_minimum_wage_rises() -> None:
    result = compute_contribution(Decimal(70_000), 4, date(2025, 12, 31), BOOK)
    assert result.floor == Decimal(60_000)  # 3 × 20,000
    assert result.quarter_base == Decimal(210_000)  # 3 months × 70,000
    assert result.in_kind == Decimal("27300.00")  # 13 % of 210,000
    assert result.retirement == Decimal("38325.00")  # 18.25 % of 210,000
    assert result.quarterly == Decimal("65625.00")  # 31.25 %
    assert result.catch_up == Decimal("262500.00")  # 4 quarters


def test_the_day_the_minimum_wage_rises_the_floor_follows() -> None:
    result = compute_contribution(Decimal(70_000), 0, date(2026, 1, 1), BOOK)
    assert result.floor == Decimal(72_000)  # 3 × 24,000
    assert result.quarter_base == Decimal(216_000)  # the base is raised to the floor
    assert (result.in_kind, result.retirement, result.quarterly) == (Decimal("28080.00"), Decimal("39420.00"),
                                                                     Decimal("67500.00"))  # fmt: skip
    assert result.catch_up == 0


def test_before_the_scheme_there_is_no_rule_to_compute_with() -> None:
    compute_contribution(Decimal(90_000), 0, date(2023, 1, 5), BOOK)
    with pytest.raises(NoRuleError):
        compute_contribution(Decimal(90_000), 0, date(2023, 1, 4), BOOK)


@pytest.mark.usefixtures("formats")
def test_the_estimate_explains_each_step_and_how_to_pay() -> None:
    estimate = contribution_estimate(ANSWERS, date(2026, 3, 1), BOOK)
    values = {line.code: line.value for line in estimate.lines}
    assert values["floor"] == Decimal(72_000)
    assert values["quarterly"] == Decimal("75000.00")  # 31.25 % of 240,000
    assert values["catch_up"] == Decimal("150000.00")
    assert estimate.line("catch_up").label["fr"] == "Rachat de 2 trimestre(s) manquant(s)"
    floor = estimate.line("floor")
    assert "Salaire national minimum garanti : 24 000 DA par mois à partir de janvier 2026." in floor.detail["fr"]
    assert floor.indicative and estimate.line("in_kind").indicative  # values from secondary sources and the press
    assert not estimate.line("quarter_base").indicative
    assert not any("source" in line.detail.get("fr", "") for line in estimate.lines)
    assert "carte Visa" in estimate.note["fr"] and "pas encore proposé sur ce portail" in estimate.note["fr"]


@pytest.mark.usefixtures("formats")
def test_a_shares_label_shows_the_rate_of_the_rule_table_and_follows_its_change() -> None:
    book = with_rows(("cnas.abroad.rate_in_kind", date(2027, 1, 1), "0.15"))  # an administrator records a new rate
    before = contribution_estimate(ANSWERS, date(2026, 12, 31), book)
    assert before.line("in_kind").label == {
        "ar": "حصة المرض والأمومة (13,0%)",
        "fr": "Part maladie-maternité (13,0\xa0%)",
    }
    assert before.line("retirement").label["fr"] == "Part retraite (18,25\xa0%)"
    after = contribution_estimate(ANSWERS, date(2027, 1, 1), book)
    assert after.line("in_kind").label == {
        "ar": "حصة المرض والأمومة (15,0%)",
        "fr": "Part maladie-maternité (15,0\xa0%)",
    }
    assert after.line("in_kind").value == Decimal("36000.00")  # 15 % of 3 × 80,000
    assert after.line("in_kind").detail == {"fr": "Nouveau texte"}  # the new row's legal text, not the old one's


def test_age_is_counted_in_whole_years() -> None:
    assert age_on(date(1971, 6, 15), date(2026, 6, 14)) == 54
    assert age_on(date(1971, 6, 15), date(2026, 6, 15)) == 55


def test_the_service_claims_the_level_it_offers_payment_is_not_online() -> None:
    """Its page says payment is not online yet (PAYMENT): an online submission, level 3, not level 4."""
    abroad = next(spec for spec in Cnas.services if spec.slug == "voluntary-affiliation-abroad")
    assert (abroad.maturity, abroad.payment) == (3, "elsewhere")
