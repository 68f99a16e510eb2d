"""The employer's account at a fund (CACOBATPH's Tasrihatcom): declared wages and paid contributions by year and by
worker, for each employer that the fund says the linked person declares for *and* that is an organisation the
account owns or declares for, with the same number at that fund. Neither side alone opens an employer's account:
an organisation's numbers are declared by its owner, and the fund knows nothing of the platform's organisations."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for

from portal.accounts import organisations, sessions
from portal.accounts.models import DECLARANT, OWNER
from portal.accounts.views_funds import Page, fund_name, no_reading, open_fund
from portal.connectors import client, linking, reads, records
from portal.registry.connector import MalformedAnswerError

TEMPLATE = "accounts/fund_employers.html"


def _numbers(account_id: int, fund: str) -> set[str]:
    """The numbers at ``fund`` of the organisations the account owns or declares for."""
    members = [member for member in organisations.memberships_of(account_id) if member.role in (OWNER, DECLARANT)]
    return {str(getattr(member.organisation, f"{fund}_number", "") or "") for member in members} - {""}


@sessions.signed_in
def fund_employers(fund: str) -> Page:
    account, fund = sessions.signed_in_account(), open_fund(fund)
    if not (client.offers(fund, "employers_of") and client.offers(fund, "employer_account")):
        abort(404)
    person = linking.person_of(account.id, fund)
    if person is None:
        return redirect(url_for(".fund_link", fund=fund))
    context = {"fund": fund, "name": fund_name(fund), "errors": {}}
    numbers = _numbers(account.id, fund)
    try:
        reading = reads.read(account.id, fund, "employers_of", person)
        mine = [employer for employer in records.employers(reading.answer) if employer.number in numbers]
        accounts = [(employer, records.employer_account(reads.read(account.id, fund, "employer_account",
                                                                   employer.reference).answer))
                    for employer in mine]  # fmt: skip
    except reads.NoReadingError as error:
        return no_reading(TEMPLATE, error.problem, context)
    except MalformedAnswerError:
        return no_reading(TEMPLATE, reads.MALFORMED, context)
    return render_template(TEMPLATE, reading=reading, accounts=accounts, **context)
