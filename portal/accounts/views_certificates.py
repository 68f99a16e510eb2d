"""The certificates my space issues from a fund's records, read live at the moment of issue: CNAS's certificate
of affiliation, CASNOS's certificate of being up to date with contributions. Each is a PDF in the holder's language
that anyone checks at ``/verify/<code>`` (``portal.certificates``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import profile, sessions
from portal.accounts.models import Account
from portal.accounts.throttles import certificate_limit
from portal.certificates import document, issuing, keys
from portal.certificates.issuing import DAY, IDENTIFIER, TERM, TEXT, Fact
from portal.clock import today
from portal.connectors import client, linking, reads, records
from portal.extensions import db
from portal.i18n import current_locale
from portal.registry.connector import MalformedAnswerError

REGIMES = {"salaried": "Salaried workers", "voluntary_abroad": "Voluntary affiliation abroad"}


def _affiliation(record: records.Affiliation) -> list[Fact] | None:
    if not record.affiliated:
        return None
    return [Fact("Affiliated since", record.since.isoformat(), DAY),
            Fact("Scheme", REGIMES.get(record.regime, record.regime), TERM),
            Fact("Social security number (NSS)", record.number, IDENTIFIER)]  # fmt: skip


def _up_to_date(record: records.RetirementAccount) -> list[Fact] | None:
    if record.arrears or not record.years:
        return None
    return [Fact("Up to date with contributions on", today().isoformat(), DAY),
            Fact("Last year of contributions", str(record.years[0].year), TEXT)]  # fmt: skip


@dataclass(frozen=True)
class Offer:
    """A certificate my space issues: the read it certifies, the record page it is offered on, its facts (None:
    the record does not allow it) and how long it stays valid."""

    operation: str
    page: str
    parse: Callable[[Any], Any]
    facts: Callable[[Any], list[Fact] | None]
    valid_days: int


DAYS = 90  # what the page says: "valid 90 days"
AFFILIATION = Offer("affiliation_certificate", "accounts.fund_affiliation", records.affiliation, _affiliation, DAYS)
CURRENT = Offer("retirement_account", "accounts.fund_retirement_account", records.retirement_account, _up_to_date, DAYS)
OFFERS = {"affiliation": AFFILIATION, "up_to_date": CURRENT}


def offered_on(operation: str) -> str | None:
    """The certificate a record page offers, if any (and if the platform has a signing key)."""
    found = [kind for kind, offer in OFFERS.items() if offer.operation == operation]
    return found[0] if found and keys.offered() else None


def _holder(account: Account) -> str:
    values = profile.prefill_values(account)
    first, other = ("ar", "latin") if current_locale() == "ar" else ("latin", "ar")
    return values.get(f"full_name_{first}") or values.get(f"full_name_{other}") or ""


@sessions.signed_in
@certificate_limit
def fund_certificate(fund: str, kind: str) -> Response:
    """Issue the certificate from a live reading of the fund's records, and download it."""
    account, offer = sessions.signed_in_account(), OFFERS.get(kind)
    if offer is None or not keys.offered() or not client.offers(fund, offer.operation):
        abort(404)
    person = linking.person_of(account.id, fund)
    if person is None:
        return redirect(url_for(".fund_link", fund=fund))
    back = redirect(url_for(offer.page, fund=fund))
    holder = _holder(account)
    if not holder:
        flash(_("A certificate bears your name: write it in your profile first."), "warning")
        return redirect(url_for(".profile_page"))
    try:
        reading = reads.read(account.id, fund, offer.operation, person)
        facts = offer.facts(offer.parse(reading.answer)) if reading.live else None
    except (reads.NoReadingError, MalformedAnswerError):
        reading, facts = None, None
    if reading is None or not reading.live:
        flash(_("A certificate is issued only from what the fund's system says now, and it is not answering. Try "
                "again in a few minutes."), "warning")  # fmt: skip
        return back
    if facts is None:
        flash(_("Your records at the fund do not allow this certificate."), "warning")
        return back
    certificate = issuing.issue(account.id, fund, kind, holder, facts, current_locale(), offer.valid_days)
    db.session.commit()
    return document.pdf_response(certificate, current_locale())
