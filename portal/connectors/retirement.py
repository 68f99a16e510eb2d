"""An estimate of the retirement date and the pension from a career record and the dated retirement rules a fund
declares (``retirement.age``, ``.min_years``, ``.rate_per_year``, ``.max_rate``, ``.reference_years``; CNR's are in
``services/cnr/retirement.py``). Each line says the rule it applied and its legal text, as the computed services
do; no estimate for a pensioner, a record without a date of birth or wages, or where no such rule is in force."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import current_app
from flask_babel import force_locale, gettext

from portal.connectors.records import Career
from portal.i18n import Translated
from portal.i18n.formats import format_rate
from portal.registry.hosted_form import Estimate, EstimateLine
from portal.registry.rule_book import NoRuleError, RuleBook

AGE, MIN_YEARS, RATE = "retirement.age", "retirement.min_years", "retirement.rate_per_year"
MAX_RATE, REFERENCE_YEARS = "retirement.max_rate", "retirement.reference_years"
YEAR = Decimal("365.25")
CENT = Decimal("0.01")
NOTE = ("An estimate from your record as it stands today, at the wages declared so far: the fund computes your "
        "pension when you apply for it.")  # fmt: skip


def _said(message: str, **values: Callable[[], str] | str) -> dict[str, str]:
    """A core message in every locale, each value written as that locale writes it (call it under the locale)."""
    said = {}
    for locale in current_app.config["LOCALES"]:
        with force_locale(locale):
            said[locale] = gettext(message, **{name: value() if callable(value) else value
                                               for name, value in values.items()})  # fmt: skip
    return said


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


def estimate(career: Career, born: date | None, on: date, book: RuleBook) -> Estimate | None:
    """The estimate on day ``on``, or None when there is none to make."""
    if career.pension is not None or born is None or not career.years:
        return None
    try:
        return _estimate(career, born, on, book)
    except NoRuleError:
        return None


def _estimate(career: Career, born: date, on: date, book: RuleBook) -> Estimate:
    age, required = book.at(AGE, on), book.at(MIN_YEARS, on)
    working = bool(career.timeline) and career.timeline[-1].end is None and not career.timeline[-1].gap
    recorded = Decimal(career.quarters) / 4
    day = max(_birthday(born, int(age.value)), on)
    years = recorded + (Decimal((day - on).days) / YEAR if working else 0)
    if years < required.value and working:
        day = on + timedelta(days=math.ceil((required.value - recorded) * YEAR))
        years = required.value
    whole = int(years)
    years_line = EstimateLine("years", Translated("Years of work by then"), whole, "years",
                              Translated("The quarters your record holds, and the years until then if you keep "
                                         "working."))  # fmt: skip
    if whole < required.value:
        missing = EstimateLine("missing", _said("Years of work still missing (%(num)s at least)",
                                                num=str(int(required.value))), int(required.value) - whole, "years",
                               required.reference)  # fmt: skip
        return Estimate((years_line, missing), Translated(NOTE))
    return Estimate((_day_line(day, age, required), years_line, *_pension_lines(career, whole, day, book)),
                    Translated(NOTE))  # fmt: skip


def _day_line(day: date, age: Any, required: Any) -> EstimateLine:
    label = _said("Earliest retirement date (at %(age)s, with %(years)s years of work at least)",
                  age=str(int(age.value)), years=str(int(required.value)))  # fmt: skip
    return EstimateLine("retirement_date", label, day.isoformat(), "date", age.reference,
                        indicative=not (age.confirmed and required.confirmed))  # fmt: skip


def _pension_lines(career: Career, years: int, day: date, book: RuleBook) -> tuple[EstimateLine, ...]:
    per_year, ceiling, averaged = book.at(RATE, day), book.at(MAX_RATE, day), book.at(REFERENCE_YEARS, day)
    rate = min(years * per_year.value, ceiling.value)
    best = sorted((line.wages for line in career.years), reverse=True)[: int(averaged.value)]
    reference = (sum(best, Decimal(0)) / len(best) / 12).quantize(CENT, ROUND_HALF_UP)
    monthly = (reference * rate).quantize(CENT, ROUND_HALF_UP)
    rate_label = _said("Rate: %(rate)s per year of work, %(max)s at most", rate=lambda: format_rate(per_year.value),
                       max=lambda: format_rate(ceiling.value))  # fmt: skip
    wage_label = _said("Reference wage: the monthly average of your %(num)s best years", num=str(len(best)))
    pension_detail = _said("%(rate)s of the reference wage.", rate=lambda: format_rate(rate))
    return (
        EstimateLine("rate", rate_label, rate, "percent", per_year.reference,
                     indicative=not (per_year.confirmed and ceiling.confirmed)),
        EstimateLine("reference_wage", wage_label, reference, "DZD", averaged.reference,
                     indicative=not averaged.confirmed),
        EstimateLine("pension", Translated("Estimated monthly pension"), monthly, "DZD", pension_detail,
                     indicative=not (per_year.confirmed and ceiling.confirmed and averaged.confirmed)),
    )  # fmt: skip
