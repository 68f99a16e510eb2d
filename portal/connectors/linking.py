"""Linking an account to a fund's records: the citizen gives their NSS and date of birth, the fund's system sends a
one-time code to the phone number it holds, the citizen types it; or the NIN verified by the national identity
provider matches the fund's record. Until the fund confirms, nothing personal is read."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select

from portal.connectors import client, reads
from portal.connectors.models import BY_CODE, BY_NIN, LINKED, PENDING, FundAnswer, FundLink
from portal.database import utcnow
from portal.extensions import db
from portal.registry.connector import Challenge, FundError, RefusedError

CODE_TRIES = 3  # codes typed for one challenge before the person must ask for another


def link_of(account_id: int, fund: str) -> FundLink | None:
    """The account's link to ``fund`` (pending or linked), if any."""
    found: FundLink | None = db.session.scalar(select(FundLink).where(FundLink.account_id == account_id,
                                                                      FundLink.fund == fund))  # fmt: skip
    return found


def person_of(account_id: int, fund: str) -> str | None:
    """The fund's reference of the account's person, once linked; None before."""
    link = link_of(account_id, fund)
    return link.person if link is not None and link.state == LINKED else None


def start(account_id: int, fund: str, nss: str, birth_date: date) -> FundLink | None:
    """Ask the fund to send its code; the pending link, or None when the fund knows nobody with both. Raises the
    contract's errors when the fund cannot answer. Commits."""
    challenge: Challenge | None = _call(account_id, fund, "find_person", nss, birth_date)
    link = link_of(account_id, fund)
    if challenge is None:
        db.session.commit()
        return None
    if link is None:
        link = FundLink(account_id=account_id, fund=fund)
        db.session.add(link)
    reads.forget(account_id, fund)  # another person's records must not show under the new link
    link.state, link.person, link.challenge, link.phone_hint = PENDING, "", challenge.reference, challenge.phone_hint
    link.attempts, link.method, link.linked_at = 0, "", None
    db.session.commit()
    return link


def confirm(account_id: int, fund: str, code: str) -> bool | None:
    """The code typed: True when the fund confirms (linked), False when it is wrong, None when no code awaits (never
    asked, or too many tries: ask for another). Raises the contract's errors when the fund cannot answer. Commits."""
    link = link_of(account_id, fund)
    if link is None or link.state != PENDING or link.attempts >= CODE_TRIES:
        return None
    link.attempts += 1
    db.session.commit()  # counted even if the fund does not answer
    try:
        person = _call(account_id, fund, "confirm_person", link.challenge, code)
    except RefusedError:
        person = None
    if person is None:
        db.session.commit()
        return False
    _linked(link, person, BY_CODE)
    return True


def by_nin(account_id: int, fund: str, nin: str, birth_date: date) -> bool:
    """Link with the NIN the identity provider verified: whether the fund's record matched. Commits."""
    person = _call(account_id, fund, "person_by_nin", nin, birth_date)
    if person is None:
        db.session.commit()
        return False
    link = link_of(account_id, fund)
    if link is None:
        link = FundLink(account_id=account_id, fund=fund)
        db.session.add(link)
    _linked(link, person, BY_NIN)
    return True


def unlink(account_id: int, fund: str) -> None:
    """End the link, and forget what was read through it. Commits."""
    link = link_of(account_id, fund)
    if link is not None:
        db.session.delete(link)
    reads.forget(account_id, fund)
    db.session.commit()


def _call(account_id: int, fund: str, operation: str, *args: Any) -> Any:
    """The client's call, its entry in the access log kept even when the fund fails."""
    try:
        return client.call(account_id, fund, operation, *args)
    except FundError:
        db.session.commit()
        raise


def _linked(link: FundLink, person: str, method: str) -> None:
    if link.person and link.person != person:
        reads.forget(link.account_id, link.fund)
    link.state, link.person, link.method, link.linked_at = LINKED, person, method, utcnow()
    link.challenge, link.attempts = "", 0
    db.session.commit()


def held_for(account_id: int) -> dict[str, list[dict[str, Any]]]:
    """What the platform holds of the funds' records for the account: its links and the answers kept."""
    links = db.session.scalars(select(FundLink).where(FundLink.account_id == account_id).order_by(FundLink.id))
    answers = db.session.scalars(select(FundAnswer).where(FundAnswer.account_id == account_id).order_by(FundAnswer.id))
    return {
        "links": [{"fund": link.fund, "state": link.state, "person": link.person, "method": link.method,
                   "linked_at": link.linked_at.isoformat() if link.linked_at else None} for link in links],
        "answers": [{"fund": row.fund, "operation": row.operation, "fetched_at": row.fetched_at.isoformat(),
                     "answer": row.answer} for row in answers],
    }  # fmt: skip


def forget_account(account_id: int) -> None:
    """Every link and kept answer of the account (it is closed); the caller commits."""
    for model in (FundAnswer, FundLink):
        db.session.execute(delete(model).where(model.account_id == account_id))
