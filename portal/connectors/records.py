"""The answers of the contract's reads as the pages show them: typed lines out of a fund's JSON, read strictly (a
field of the wrong type is a malformed answer, said as such, never a page that breaks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from portal.registry.connector import Answer, MalformedAnswerError


@dataclass(frozen=True)
class Period:
    """A stretch of the career: with an employer, or a gap no contribution covers (``employer`` empty)."""

    start: date
    end: date | None  # None: it lasts
    employer: str = ""

    @property
    def gap(self) -> bool:
        return not self.employer


@dataclass(frozen=True)
class CareerYear:
    year: int
    wages: Decimal
    contributions: Decimal
    quarters: int


@dataclass(frozen=True)
class Pension:
    since: date
    monthly: Decimal


@dataclass(frozen=True)
class Career:
    timeline: list[Period]  # periods and gaps, oldest first
    years: list[CareerYear]  # latest first
    quarters: int  # in all
    pension: Pension | None = None  # a pensioner's
    born: date | None = None  # when the fund says it

    @property
    def gaps(self) -> list[Period]:
        return [period for period in self.timeline if period.gap]


def career(answer: Answer) -> Career:
    """The career record of the contract's ``career`` operation."""
    try:
        periods = [Period(_day(item["start"]), _day(item["end"]) if item["end"] else None,
                          str(item["employer"]["name"])) for item in answer["periods"]]  # fmt: skip
        gaps = [Period(_day(item["start"]), _day(item["end"])) for item in answer["gaps"]]
        years = [CareerYear(int(item["year"]), _amount(item["wages"]), _amount(item["contributions"]),
                            int(item["quarters"])) for item in answer["years"]]  # fmt: skip
        paid = answer.get("pension")
        pension = Pension(_day(paid["since"]), _amount(paid["monthly"])) if paid else None
        born = _day(answer["birth_date"]) if answer.get("birth_date") else None
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the career record cannot be read: {error!r}") from error
    timeline = sorted(periods + gaps, key=lambda period: period.start)
    years.sort(key=lambda line: line.year, reverse=True)
    return Career(timeline, years, sum(line.quarters for line in years), pension, born)


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date")
    return date.fromisoformat(value)


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"{value!r} is not an amount")
    return Decimal(str(value))


@dataclass(frozen=True)
class RetirementYear:
    year: int
    declared_income: Decimal
    due: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return max(self.due - self.paid, Decimal(0))


@dataclass(frozen=True)
class RetirementAccount:
    years: list[RetirementYear]  # latest first
    arrears: Decimal


def retirement_account(answer: Answer) -> RetirementAccount:
    """The retirement account of the contract's ``retirement_account`` operation."""
    try:
        years = [RetirementYear(int(item["year"]), _amount(item["declared_income"]), _amount(item["due"]),
                                _amount(item["paid"])) for item in answer["years"]]  # fmt: skip
        arrears = _amount(answer["arrears"])
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the retirement account cannot be read: {error!r}") from error
    return RetirementAccount(sorted(years, key=lambda line: line.year, reverse=True), arrears)


@dataclass(frozen=True)
class Affiliation:
    affiliated: bool
    since: date
    regime: str  # salaried | voluntary_abroad
    number: str


def affiliation(answer: Answer) -> Affiliation:
    """The affiliation of the contract's ``affiliation_certificate`` operation."""
    try:
        return Affiliation(answer["affiliated"] is True, _day(answer["since"]), str(answer["regime"]),
                           str(answer["number"]))  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the affiliation cannot be read: {error!r}") from error


@dataclass(frozen=True)
class Quarter:
    quarter: str  # 2026-Q1
    amount: Decimal
    paid: bool


@dataclass(frozen=True)
class Quarters:
    lines: list[Quarter]  # latest first
    due: Decimal


def quarters(answer: Answer) -> Quarters:
    """The quarters of the contract's ``contributions_due`` operation."""
    try:
        lines = [Quarter(str(item["quarter"]), _amount(item["amount"]), item["paid"] is True)
                 for item in answer["quarters"]]  # fmt: skip
        due = _amount(answer["due"])
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the quarters cannot be read: {error!r}") from error
    return Quarters(sorted(lines, key=lambda line: line.quarter, reverse=True), due)


@dataclass(frozen=True)
class LeavePeriod:
    period: str  # 2025-2026: from 1 July 2025 to 30 June 2026
    employer: str
    days: Decimal
    taken: Decimal
    indemnity: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.days - self.taken, Decimal(0))


def paid_leave(answer: Answer) -> list[LeavePeriod]:
    """The periods of the contract's ``paid_leave`` operation, latest first."""
    try:
        lines = [LeavePeriod(str(item["period"]), str(item["employer"]), _amount(item["days"]), _amount(item["taken"]),
                             _amount(item["indemnity"])) for item in answer["periods"]]  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the paid leave cannot be read: {error!r}") from error
    return sorted(lines, key=lambda line: line.period, reverse=True)


@dataclass(frozen=True)
class Employer:
    reference: str  # the fund's, for its employer account
    name: str
    number: str  # the employer's number at the fund


def employers(answer: Answer) -> list[Employer]:
    """The employers of the contract's ``employers_of`` operation."""
    try:
        return [Employer(str(item["id"]), str(item["name"]), str(item["number"])) for item in answer["employers"]]
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the employers cannot be read: {error!r}") from error


@dataclass(frozen=True)
class WorkerWages:
    nss: str
    name: str
    wages: Decimal


@dataclass(frozen=True)
class EmployerYear:
    year: int
    wages: Decimal
    due: Decimal
    paid: Decimal
    workers: list[WorkerWages]

    @property
    def owed(self) -> Decimal:
        return max(self.due - self.paid, Decimal(0))


def employer_account(answer: Answer) -> list[EmployerYear]:
    """The years of the contract's ``employer_account`` operation, latest first."""
    try:
        years = [EmployerYear(int(item["year"]), _amount(item["wages"]), _amount(item["contributions_due"]),
                              _amount(item["contributions_paid"]),
                              [WorkerWages(str(worker["nss"]), str(worker["name"]), _amount(worker["wages"]))
                               for worker in item["workers"]]) for item in answer["years"]]  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the employer's account cannot be read: {error!r}") from error
    return sorted(years, key=lambda line: line.year, reverse=True)


@dataclass(frozen=True)
class DeclaredWorker:
    nss: str
    name: str
    months: int
    wages: Decimal


def annual_declaration(answer: Answer) -> list[DeclaredWorker]:
    """The workers of the contract's ``annual_declaration`` operation, in the fund's order."""
    try:
        workers = [DeclaredWorker(str(item["nss"]), str(item["name"]), int(item["months"]), _amount(item["wages"]))
                   for item in answer["workers"]]  # fmt: skip
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedAnswerError(f"the declaration cannot be read: {error!r}") from error
    if any(not 1 <= worker.months <= 12 for worker in workers):
        raise MalformedAnswerError("a worker's months are not between 1 and 12")
    return workers
