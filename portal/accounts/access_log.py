"""The log of accesses to an account's data: by a member of staff (case handling records each dossier it opens) or
by a fund's system (its connector calls :func:`record_access`). The account, and only the account, reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts import profile
from portal.accounts.models import FUND, MANDATE, STAFF, Account, AccountAccess, Organisation
from portal.catalogue.models import Body, Service
from portal.extensions import db

PURPOSES = {
    "case_handling": _l("handling of a dossier"),
    "document": _l("a document of a dossier"),
    "answers": _l("the answers of a dossier"),
    "entitlement_check": _l("a check of rights"),
    "submitted": _l("a form sent for you"),
    "opened": _l("a dossier opened"),
    "listed": _l("the list of your dossiers read"),
    "replied": _l("an answer sent for you"),
    "draft_deleted": _l("a draft deleted"),
    # the operations of a fund's connector (portal.registry.connector), called by the platform for the account
    "find_person": _l("finding your records to link your account"),
    "confirm_person": _l("confirming the link to your records"),
    "person_by_nin": _l("finding your records with your national identity"),
    "career": _l("your career record"),
    "retirement_account": _l("your retirement account"),
    "employer_account": _l("an employer's account"),
    "annual_declaration": _l("an employer's annual declaration"),
    "affiliation_certificate": _l("your affiliation"),
    "contributions_due": _l("your contributions due"),
    "paid_leave": _l("your paid leave"),
    "employers_of": _l("the employers you declare for"),
    "record_payment": _l("recording your payment"),
    "cancel_payment": _l("cancelling a payment refunded to you"),
    "payments_listed": _l("the list of your payments read"),
    "payment_opened": _l("a payment of yours opened"),
}
ROLES = {"agent": _l("an agent"), "body_admin": _l("an administrator"), "ministry_admin": _l("an administrator")}


def record_access(account: Account | int, actor_kind: str, actor: str, service: str, purpose: str) -> None:
    """Record that ``actor`` (a staff member's ``role:body``, or a fund's code) saw the account's data for
    ``service`` (a slug) and ``purpose``; the caller commits."""
    if actor_kind not in (STAFF, FUND, MANDATE):
        raise ValueError(f"unknown actor kind: {actor_kind}")
    account_id = account if isinstance(account, int) else account.id
    db.session.add(AccountAccess(account_id=account_id, actor_kind=actor_kind, actor=actor[:200],
                                 service=service[:120], purpose=purpose[:64]))  # fmt: skip


@dataclass(frozen=True)
class AccessLine:
    """An access as the account reads it."""

    at: datetime
    who: str
    service: str
    purpose: str


def accesses_of(account_id: int, locale: str) -> list[AccessLine]:
    """The account's own log, the latest first."""
    rows = db.session.scalars(select(AccountAccess).where(AccountAccess.account_id == account_id)
                              .order_by(AccountAccess.at.desc(), AccountAccess.id.desc()))  # fmt: skip
    return [AccessLine(row.at, _who(row, locale), _service(row.service, locale), _purpose(row.purpose))
            for row in rows]  # fmt: skip


def _body_name(code: str, locale: str) -> str:
    body = db.session.scalar(select(Body).where(Body.code == code))
    return body.name(locale) if body is not None else code.upper()


def _representative(actor: str, locale: str) -> str:
    """``<representative's id>:<organisation's id or nothing>`` as the represented person reads it."""
    representative, _sep, organisation = actor.partition(":")
    account = db.session.get(Account, int(representative)) if representative.isdigit() else None
    who = profile.person_name(account, locale) if account is not None else gettext("a former representative")
    found = db.session.get(Organisation, int(organisation)) if organisation.isdigit() else None
    if found is not None:
        return gettext("%(who)s, representative of %(organisation)s", who=who, organisation=found.name(locale))
    return gettext("%(who)s, your representative", who=who)


def _who(row: AccountAccess, locale: str) -> str:
    if row.actor_kind == MANDATE:
        return _representative(row.actor, locale)
    if row.actor_kind == FUND:
        return gettext("the information system of %(body)s", body=_body_name(row.actor, locale))
    role, _sep, body = row.actor.partition(":")
    return gettext("%(role)s of %(body)s", role=str(ROLES.get(role, _l("a member of staff"))),
                   body=_body_name(body, locale))  # fmt: skip


def _service(slug: str, locale: str) -> str:
    service = db.session.scalar(select(Service).where(Service.slug == slug)) if slug else None
    text = service.text(locale) if service is not None else None
    return text.title if text is not None else slug


def _purpose(code: str) -> str:
    return str(PURPOSES.get(code, code))
