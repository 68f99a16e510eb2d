"""My space's dossiers: those of the account, whichever body handles them, with what each expects of its owner; and
an anonymous dossier added to the account with its reference and tracking code (the tracking page's own check).
Another account's dossier is never listed, nor added."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from flask_babel import gettext
from sqlalchemy import ColumnElement, CursorResult, select, update
from sqlalchemy.orm import selectinload

from portal.accounts import profile
from portal.accounts.models import Account, Organisation
from portal.catalogue.hosting import form_of
from portal.catalogue.models import Service
from portal.dossiers import references
from portal.dossiers.models import Dossier
from portal.extensions import db
from portal.registry.hosted_form import status_label


@dataclass(frozen=True)
class DossierLine:
    """A dossier as my space lists it."""

    reference: str
    status_code: str
    body: str
    acronym: str
    title: str
    status: str
    expected: str  # what is expected of the owner, in a sentence
    waiting: bool  # the body waits for an answer from the owner
    submitted_at: object
    acted: str = ""  # sent under a mandate: by whom, for which organisation


def dossiers_of(account_id: int, locale: str) -> list[DossierLine]:
    """Every dossier of the account, the latest first."""
    return dossiers_where([Dossier.account_id == account_id], locale)


def dossiers_where(conditions: Sequence[ColumnElement[bool]], locale: str) -> list[DossierLine]:
    """The dossiers that meet ``conditions`` (an account's, an organisation's, a mandate's), the latest first."""
    statement = (
        select(Dossier)
        .where(*conditions)
        .options(selectinload(Dossier.service).selectinload(Service.texts), selectinload(Dossier.body))
        .order_by(Dossier.submitted_at.desc(), Dossier.id.desc())
    )
    return [line_of(dossier, locale) for dossier in db.session.scalars(statement)]


def dossier_of(account_id: int, reference: str) -> Dossier | None:
    """The account's dossier of this reference; another's, or none, is None."""
    reference = references.normalise_reference(reference)
    return db.session.scalar(select(Dossier).where(Dossier.reference == reference, Dossier.account_id == account_id))


def line_of(dossier: Dossier, locale: str) -> DossierLine:
    form = form_of(dossier.service)
    status = form.status(dossier.status) if form else None
    text = dossier.service.text(locale) or next(iter(dossier.service.texts.values()), None)
    body = dossier.body.name(locale)
    if status is not None and status.asks_applicant:
        expected = gettext("%(body)s is waiting for your answer: open the dossier to answer.", body=body)
    elif dossier.closed or (status is not None and status.final):
        expected = gettext("Nothing: the dossier is closed.")
    else:
        expected = gettext("Nothing for now: %(body)s is handling your dossier.", body=body)
    title = text.title if text else dossier.service.slug
    return DossierLine(dossier.reference, dossier.status, body, dossier.body.acronym, title,
                       status_label(form, dossier.status, locale), expected, bool(status and status.asks_applicant),
                       dossier.submitted_at, _acted(dossier, locale))  # fmt: skip


def _acted(dossier: Dossier, locale: str) -> str:
    """Who sent the dossier for its organisation (a member or a representative) or for its owner (a representative);
    nothing for one its owner sent for themself."""
    organisation = db.session.get(Organisation, dossier.organisation_id) if dossier.organisation_id else None
    sender = dossier.representative_id or (dossier.account_id if organisation is not None else None)
    representative = db.session.get(Account, sender) if sender else None
    who = profile.person_name(representative, locale) if representative is not None else ""
    if organisation is not None:
        where = organisation.name(locale)
        return gettext("Sent for %(organisation)s by %(who)s.", organisation=where, who=who) if who else where
    return gettext("Sent for you by %(who)s, your representative.", who=who) if who else ""


class Attached(Enum):
    ADDED = "added"
    ALREADY_MINE = "already_mine"
    NO_MATCH = "no_match"  # no dossier with this reference and code
    TAKEN = "taken"  # the dossier is another account's


def attach(account_id: int, reference: str, code: str) -> Attached:
    """Add the dossier of this reference and tracking code to the account (committed), unless it is another's."""
    reference = references.normalise_reference(reference)
    dossier: Dossier | None = (
        db.session.scalar(select(Dossier).where(Dossier.reference == reference)) if reference else None
    )
    if dossier is None or not references.code_is_right(dossier, code):
        return Attached.NO_MATCH
    if dossier.account_id == account_id:
        return Attached.ALREADY_MINE
    unclaimed = update(Dossier).where(Dossier.id == dossier.id, Dossier.account_id.is_(None))
    result = cast(CursorResult[Any], db.session.execute(unclaimed.values(account_id=account_id),
                                                        execution_options={"synchronize_session": False}))  # fmt: skip
    db.session.commit()
    return Attached.ADDED if result.rowcount == 1 else Attached.TAKEN  # another account took it first
