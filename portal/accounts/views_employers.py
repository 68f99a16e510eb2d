"""The employer's account at a fund (CACOBATPH's Tasrihatcom): declared wages and paid contributions by year and by
worker, for each employer that the fund says the linked person declares for *and* that is an organisation the
account owns or declares for, with the same number at that fund. Neither side alone opens an employer's account:
an organisation's numbers are declared by its owner, and the fund knows nothing of the platform's organisations.

A representative acting under a mandate that an owner gave for an organisation, and that covers the fund, reads that
organisation's account alone, through the link of the owner who gave it; each read is written in that owner's log.
From the account, the fund's simulation of the annual declaration starts with last year's declaration written in."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import acting, fund_services, mandates, organisations, sessions
from portal.accounts.models import DECLARANT, OWNER, Organisation
from portal.accounts.views_funds import Page, fund_name, no_reading, open_fund
from portal.connectors import client, linking, reads, records
from portal.current_account import Acting
from portal.dossiers import form_state, represented
from portal.dossiers.throttles import draft_quota
from portal.extensions import db
from portal.registry.connector import MalformedAnswerError

TEMPLATE = "accounts/fund_employers.html"
# The fund's hosted simulation of the annual declaration, and the fields last year's declaration writes in.
DECLARATION = "annual-declaration-simulation"
DECLARATION_FIELDS = ("employer_number", "year", "wages")
# What a representative did, as the represented owner's log says it (the contract's operations' words).
EMPLOYER_ACCOUNT, ANNUAL_DECLARATION = "employer_account", "annual_declaration"


@dataclass(frozen=True)
class Declarant:
    """Whose link to the fund reads the employers' accounts (the signed-in account's, or under a mandate the owner's
    who gave it), the numbers at the fund of the organisations it may read, and the mandate if any."""

    account_id: int
    numbers: frozenset[str]
    under: Acting | None = None


def _number(organisation: Organisation, fund: str) -> str:
    return str(getattr(organisation, f"{fund}_number", "") or "")


def _numbers(account_id: int, fund: str) -> frozenset[str]:
    """The numbers at ``fund`` of the organisations the account owns or declares for."""
    members = [member for member in organisations.memberships_of(account_id) if member.role in (OWNER, DECLARANT)]
    return frozenset(_number(member.organisation, fund) for member in members) - {""}


def declarant(fund: str) -> Declarant:
    """Who reads the employers' accounts on this request. Under a mandate, only one an owner gave for an organisation
    and that covers the fund opens that organisation's account (any other: 403)."""
    account, standing = sessions.signed_in_account(), acting.standing()
    if standing is None or standing.mandate is None:  # my own, or as a member of my organisation
        return Declarant(account.id, _numbers(account.id, fund))
    organisation = standing.mandate.organisation
    if organisation is None or not mandates.covers(standing.acting.services, fund):
        abort(403)
    return Declarant(standing.acting.account_id, frozenset({_number(organisation, fund)}) - {""}, standing.acting)


def _offered(fund: str) -> str:
    """The fund, if it offers employers' accounts (else 404)."""
    fund = open_fund(fund)
    if not (client.offers(fund, "employers_of") and client.offers(fund, "employer_account")):
        abort(404)
    return fund


def declaration_service(fund: str) -> form_state.HostedService | None:
    """The fund's simulation of the annual declaration, when it reads last year's declaration to start one."""
    if not client.offers(fund, ANNUAL_DECLARATION):
        return None
    return fund_services.fund_service(DECLARATION, fund, DECLARATION_FIELDS)


def _mine(who: Declarant, fund: str, person: str) -> tuple[reads.Reading, list[records.Employer]]:
    reading = reads.read(who.account_id, fund, "employers_of", person)
    return reading, [employer for employer in records.employers(reading.answer) if employer.number in who.numbers]


@sessions.signed_in
def fund_employers(fund: str) -> Page:
    fund = _offered(fund)
    who = declarant(fund)
    person = linking.person_of(who.account_id, fund)
    context = {"fund": fund, "name": fund_name(fund), "errors": {}, "represented": who.under is not None,
               "declaration": declaration_service(fund) is not None}  # fmt: skip
    if person is None and who.under is None:
        return redirect(url_for(".fund_link", fund=fund))
    if person is None:
        problem = _("The owner who gave you this mandate has not linked their account to their records at %(body)s: "
                    "nothing can be read for the organisation yet.", body=context["name"])  # fmt: skip
        return render_template(TEMPLATE, problem=problem, **context)
    represented.record(EMPLOYER_ACCOUNT, "", who.under)
    db.session.commit()
    try:
        reading, mine = _mine(who, fund, person)
        accounts = [(employer, records.employer_account(reads.read(who.account_id, fund, "employer_account",
                                                                   employer.reference).answer))
                    for employer in mine]  # fmt: skip
    except reads.NoReadingError as error:
        return no_reading(TEMPLATE, error.problem, context)
    except MalformedAnswerError:
        return no_reading(TEMPLATE, reads.MALFORMED, context)
    return render_template(TEMPLATE, reading=reading, accounts=accounts, **context)


def wage_list(workers: list[records.DeclaredWorker]) -> str:
    """The workers as the simulation's wage list is typed: number; name; months; wages (a decimal comma), a name
    that holds a ``;`` quoted as a spreadsheet quotes it."""
    written = io.StringIO()
    lines = csv.writer(written, delimiter=";", lineterminator="\n")
    lines.writerows((worker.nss, worker.name, worker.months, _wages(worker.wages)) for worker in workers)
    return written.getvalue().rstrip("\n")


def _wages(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _year() -> int:
    """The year of last year's declaration, as the page sends it (404 when it is not a year)."""
    typed = request.form.get("year", "")
    if not (typed.isascii() and typed.isdigit() and 2000 <= int(typed) <= 2100):
        abort(404)
    return int(typed)


@sessions.signed_in
@draft_quota  # a new application of a hosted form, as any other
def declaration_from_last_year(fund: str) -> Response:
    """Start the fund's simulation of this year's declaration with last year's workers and wages written in, for an
    employer whose account the request may read."""
    fund = _offered(fund)
    hosted, who = declaration_service(fund), declarant(fund)
    person, number, year = linking.person_of(who.account_id, fund), request.form.get("number", ""), _year()
    if hosted is None or person is None or number not in who.numbers:
        abort(404)
    represented.record(ANNUAL_DECLARATION, DECLARATION, who.under)
    db.session.commit()
    back = redirect(url_for(".fund_employers", fund=fund))
    try:
        employer = next((found for found in _mine(who, fund, person)[1] if found.number == number), None)
        if employer is None:
            abort(404)
        answer = reads.read(who.account_id, fund, ANNUAL_DECLARATION, employer.reference, year).answer
        workers = records.annual_declaration(answer)
    except (reads.NoReadingError, MalformedAnswerError) as error:
        missing = isinstance(error, reads.NoReadingError) and error.problem == reads.NOT_FOUND
        flash(_("%(body)s holds no declaration of %(year)s for this employer.", body=fund_name(fund), year=year)
              if missing else _("The declaration of %(year)s could not be read from %(body)s. Nothing was lost: try "
                                "again in a few minutes.", body=fund_name(fund), year=year), "warning")  # fmt: skip
        return back
    answers = {"employer_number": number, "year": str(year + 1), "wages": wage_list(workers)}
    return fund_services.start_prefilled(hosted, answers)
