"""Paying a fund online from my space: the quarters of CNAS's voluntary affiliation abroad, read from the fund
(``contributions_due``) and limited by the rule table to the current quarter and the missing ones that may still be
caught up (``cnas.abroad.catch_up_years``), chosen on the quarters page and paid through the payments module (Visa
with BDL, or CIB and Edahabia with SATIM); once paid, each quarter is written to the fund's record by a job
(``record_payment``), retried until the fund confirms. CASNOS's arrears are paid the same way, a year at a time,
by CIB or Edahabia."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from flask import Flask, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.accounts.fund_refunds import cancel_at_fund, given_up, record_key, reverses
from portal.clock import today
from portal.connectors import linking, reads, records, writes
from portal.i18n import current_locale
from portal.payments import items, payables, states
from portal.payments.models import Payment
from portal.payments.schemas import Payable, PayableItem
from portal.registry import get_registry
from portal.registry.connector import MalformedAnswerError
from portal.registry.current_rules import rules
from portal.registry.rule_book import NoRuleError

QUARTER_PURPOSES = ("quarters-visa", "quarters-cib")  # the card chosen (PAYMENT_ROUTES: BDL Visa, or SATIM)
QUARTER_FUNDS = ("cnas",)
ARREARS_FUNDS, ARREARS_PURPOSE = ("casnos",), "arrears"  # non-salaried workers in Algeria: CIB or Edahabia
PERIOD_FIELD = {"cnas": "quarter", "casnos": "year"}  # what record_payment names the item paid, by fund
# The hosted service a fund's payments belong to, which a mandate names (CASNOS's arrears belong to none: only a
# mandate for every service reaches them).
PAYMENT_SERVICES = {"cnas": "voluntary-affiliation-abroad"}
CATCH_UP_RULE, CATCH_UP_YEARS = "cnas.abroad.catch_up_years", 5  # without the rule: the decree's five years
DUE, PENDING, PAID, REFUNDED = "due", "pending", "paid", "refunded"


@dataclass(frozen=True)
class ItemLine:
    """A quarter (``2026-Q1``) or a year of arrears (``2024``) as my space shows it."""

    key: str
    amount: int  # centimes
    state: str  # due | pending | paid | refunded (in full, until the fund has cancelled it)
    payable: bool = False  # due and within the catch-up window: it may be chosen
    payment: Payment | None = None  # the payment that pays it (pending or paid)


def centimes(amount: Decimal) -> int:
    """A fund's amount in dinars as an integer number of centimes (refused if it has fractions of a centime)."""
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has fractions of a centime")
    return int(value)


def _index(quarter: str) -> int:
    year, number = quarter.split("-Q")
    return int(year) * 4 + int(number) - 1


def catch_up_years(day: date) -> int:
    try:
        return int(rules().value(CATCH_UP_RULE, day))
    except NoRuleError:
        return CATCH_UP_YEARS


def window(day: date, years: int) -> tuple[int, int]:
    """The quarters payable on ``day`` (as indexes): the current one and the missing ones still caught up."""
    current = day.year * 4 + (day.month - 1) // 3
    return current - years * 4, current


def quarter_lines(record: records.Quarters, held: Mapping[str, Payment], day: date, years: int) -> list[ItemLine]:
    """The fund's quarters, latest first, with what the platform knows: paid here (the fund not told yet), or a
    payment still open for it; those due within ``years`` of catch-up may be chosen."""
    first, last = window(day, years)
    lines = []
    for line in record.lines:
        payment = held.get(line.quarter)
        state = _state(line.paid, payment)
        payable = state == DUE and first <= _index(line.quarter) <= last and line.amount > 0
        lines.append(ItemLine(line.quarter, centimes(line.amount), state, payable, payment))
    return lines


def arrears_lines(record: records.RetirementAccount, held: Mapping[str, Payment]) -> list[ItemLine]:
    """The years of a retirement account with something still owed, latest first; each may be paid."""
    lines = []
    for line in record.years:
        payment = held.get(str(line.year))
        if line.owed <= 0 and payment is None:
            continue
        state = _state(line.owed <= 0, payment)
        lines.append(ItemLine(str(line.year), centimes(line.owed), state, state == DUE and line.owed > 0, payment))
    return lines


def _state(paid_at_fund: bool, payment: Payment | None) -> str:
    if payment is not None and payment.state == states.REFUNDED:  # still held: the fund has not cancelled it yet
        return REFUNDED
    if paid_at_fund or (payment is not None and payment.state == states.PAID):
        return PAID
    return DUE if payment is None else PENDING


def _live_lines(account_id: int, fund: str) -> tuple[str, list[ItemLine]] | None:
    """The person and the items read live from the fund (a payment is never computed from a kept answer): None when
    the account is not linked or the fund holds no such record; ``UnavailableError`` when the fund does not answer,
    or not as its interface promises. What another payment holds is left to the database, which sends the person to
    that payment (a second tab)."""
    person = linking.person_of(account_id, fund)
    if person is None:
        return None
    operation = "contributions_due" if fund in QUARTER_FUNDS else "retirement_account"
    try:
        reading = reads.read(account_id, fund, operation, person)
        if reading.live and fund in QUARTER_FUNDS:
            return person, quarter_lines(records.quarters(reading.answer), {}, today(), catch_up_years(today()))
        if reading.live:
            return person, arrears_lines(records.retirement_account(reading.answer), {})
    except reads.NoReadingError as error:
        if error.problem == reads.NOT_FOUND:
            return None
    except MalformedAnswerError:
        pass
    raise _unavailable(fund)


def _unavailable(fund: str) -> payables.UnavailableError:
    page = "accounts.fund_quarters" if fund in QUARTER_FUNDS else "accounts.fund_retirement_account"
    return payables.UnavailableError(get_registry().bodies[fund].name(current_locale()), url_for(page, fund=fund))


def _chosen(fields: Mapping[str, str]) -> list[str]:
    if isinstance(fields, MultiDict):
        return [str(value) for value in fields.getlist("item")]
    return [part for part in fields.get("item", "").split(",") if part]


def items_payable(fund: str, purpose: str, account_id: int, fields: Mapping[str, str]) -> Payable | None:
    """The chosen quarters (or years), each as the fund states it is due: the amount charged is their sum, never
    what the form says."""
    chosen = set(_chosen(fields))
    if not chosen:
        return None
    try:
        found = _live_lines(account_id, fund)
    except payables.UnavailableError:
        _to_payment_under_way(account_id, fund, chosen)
        raise
    if found is None:
        return None
    person, lines = found
    return payable_of(fund, purpose, person, lines, chosen)


def _to_payment_under_way(account_id: int, fund: str, chosen: set[str]) -> None:
    """While the fund does not answer, items that a payment of mine holds (I came back from the bank's page and
    chose them again) send me to that payment, as they do when the fund answers: it is kept and confirmed."""
    person = linking.person_of(account_id, fund)
    held = items.held_for(fund, person) if person is not None else {}
    for key in sorted(chosen & held.keys()):
        if held[key].account_id == account_id:
            raise items.ItemHeldError(held[key])


def payable_of(fund: str, purpose: str, person: str, lines: list[ItemLine], chosen: set[str]) -> Payable | None:
    """The payable of the ``chosen`` items, all of which must be payable (else None)."""
    picked = sorted((line for line in lines if line.key in chosen and line.payable), key=lambda line: line.key)
    if not picked or len(picked) != len(chosen):
        return None
    description = _("Contributions: %(quarters)s", quarters=", ".join(line.key for line in picked))
    return Payable(fund, purpose, sum(line.amount for line in picked), description, holder=person,
                   items=tuple(PayableItem(line.key, line.amount) for line in picked))  # fmt: skip


def record_at_fund(payment: Payment) -> None:
    """Once paid: one write per quarter to the fund's record, keyed by the payment's reference and the quarter (a
    job asked twice is one job; the fund records a key once)."""
    for line in items.of_payment(payment):
        period = PERIOD_FIELD[line.body]
        data = {period: int(line.item) if period == "year" else line.item,
                "amount": float(Decimal(line.amount) / 100),  # the fund's interface: dinars
                "paid_at": (payment.paid_at.isoformat() if payment.paid_at else ""),
                "receipt": payment.receipt_code or payment.reference}  # fmt: skip
        writes.ask(payment.account_id, line.body, "record_payment", data, record_key(payment, line.item))


def quarters_context(account_id: int, fund: str, person: str, record: records.Quarters,
                     live: bool = True) -> dict[str, object]:  # fmt: skip
    """What the quarters page shows beyond the fund's record: each quarter's state and the choice to pay."""
    if fund not in QUARTER_FUNDS:
        return {}
    return _choice(quarter_lines(record, items.held_for(fund, person), today(), catch_up_years(today())), live)


def arrears_context(account_id: int, fund: str, person: str, record: records.RetirementAccount,
                    live: bool = True) -> dict[str, object]:  # fmt: skip
    """What the retirement account shows beyond the fund's record: the years owed, to choose and pay."""
    if fund not in ARREARS_FUNDS:
        return {}
    return _choice(arrears_lines(record, items.held_for(fund, person)), live)


def _choice(lines: list[ItemLine], live: bool) -> dict[str, object]:
    """The items to choose from; from a kept answer (the fund does not answer), none: a payment is computed from
    the fund's live answer only, so the page says to come back rather than offer a choice that would fail."""
    if not live:
        lines = [replace(line, payable=False) for line in lines]
    return {"item_lines": lines, "payment_key": secrets.token_hex(16),
            "pay_later": not live and any(line.state == DUE for line in lines)}  # fmt: skip


def _declare(app: Flask, fund: str, purpose: str) -> None:
    def compute(account_id: int, fields: Mapping[str, str]) -> Payable | None:
        return items_payable(fund, purpose, account_id, fields)

    payables.declare(app, fund, purpose, compute, on_paid=record_at_fund, on_refunded=cancel_at_fund,
                     reverses=reverses, given_up=given_up, service=PAYMENT_SERVICES.get(fund, ""))  # fmt: skip


def init_app(app: Flask) -> None:
    for fund in QUARTER_FUNDS:
        for purpose in QUARTER_PURPOSES:
            _declare(app, fund, purpose)
    for fund in ARREARS_FUNDS:
        _declare(app, fund, ARREARS_PURPOSE)
