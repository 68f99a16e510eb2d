"""Mandates: a person, or an owner for their organisation, lets another account act for them, for chosen services,
until a date. The mandate is offered to an email address or a telephone number; the account that signs in with it
accepts it (or declines). The grantor (or any owner of the organisation) revokes it at once. A mandate is checked
each time it is used (:func:`in_force`): revoked, past its end date, or its grantor no longer an owner, it stops."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update

from portal.accounts import notices, organisations, profile
from portal.accounts.identifiers import read_identifier
from portal.accounts.models import Account, Mandate, Organisation
from portal.addresses import external_url
from portal.catalogue.models import Body, Service
from portal.clock import today  # a mandate ends at the end of its last day in Algeria
from portal.database import utcnow
from portal.extensions import db
from portal.i18n.formats import format_day, speaking

MANDATE_OFFERED = "mandate_offered"  # the message's template


class Granted(Enum):
    DONE = "done"
    TO_ONESELF = "to_oneself"
    NOT_OWNER = "not_owner"


def grant(grantor: Account, to: str, organisation_id: int | None, services: list[str] | None, ends_on: date,
          locale: str) -> Granted:  # fmt: skip
    """Offer a mandate to the account that signs in with ``to`` (committed), and tell that address or number."""
    if to in profile.proven_identifiers(grantor):
        return Granted.TO_ONESELF
    if organisation_id is not None and not organisations.is_owner(grantor.id, organisation_id):
        return Granted.NOT_OWNER
    mandate = Mandate(grantor_id=grantor.id, organisation_id=organisation_id, grantee_identifier=to,
                      services=sorted(services) if services is not None else None, ends_on=ends_on)  # fmt: skip
    db.session.add(mandate)
    db.session.flush()
    _tell(mandate, grantor, locale)
    db.session.commit()
    return Granted.DONE


def _tell(mandate: Mandate, grantor: Account, locale: str) -> None:
    """Tell the address or number offered the mandate, in its account's language if it has one (else the grantor's):
    the same message whether or not an account signs in with it."""
    locale = profile.language_for(mandate.grantee_identifier) or locale
    to = read_identifier(mandate.grantee_identifier)
    if to is None:
        return
    with speaking(locale):
        organisation = db.session.get(Organisation, mandate.organisation_id) if mandate.organisation_id else None
        context = {"who": profile.person_name(grantor, locale), "day": format_day(mandate.ends_on, locale),
                   "party": organisation.name(locale) if organisation else profile.person_name(grantor, locale),
                   "space": external_url("accounts.my_mandates", lang_code=locale)}  # fmt: skip
    notices.tell(to, MANDATE_OFFERED, locale, **context)


def given_by(account_id: int) -> list[Mandate]:
    """The mandates the account gave, for itself or for an organisation it owns (given by any of its owners)."""
    owned = [organisation.id for organisation in organisations.owned_by(account_id)]
    statement = select(Mandate).where(or_(
        Mandate.grantor_id == account_id, Mandate.organisation_id.in_(owned))).order_by(Mandate.id.desc())  # fmt: skip
    return list(db.session.scalars(statement))


def received_by(account: Account) -> list[Mandate]:
    """The mandates offered to the account or accepted by it."""
    statement = select(Mandate).where(or_(
        Mandate.grantee_id == account.id,
        Mandate.grantee_identifier.in_(profile.proven_identifiers(account)) & Mandate.grantee_id.is_(None),
    )).order_by(Mandate.id.desc())  # fmt: skip
    return list(db.session.scalars(statement))


def of_organisation(organisation_id: int) -> list[Mandate]:
    statement = select(Mandate).where(Mandate.organisation_id == organisation_id).order_by(Mandate.id.desc())
    return list(db.session.scalars(statement))


def in_force(mandate: Mandate | None, representative_id: int) -> bool:
    """Whether ``representative_id`` may act under the mandate now: accepted by it, not revoked, not past its end
    date, and, for an organisation, granted by one of its owners still."""
    return (mandate is not None and mandate.grantee_id == representative_id and mandate.accepted_at is not None
            and mandate.revoked_at is None and mandate.ends_on >= today()
            and (mandate.organisation_id is None
                 or organisations.is_owner(mandate.grantor_id, mandate.organisation_id)))  # fmt: skip


def usable_by(account_id: int) -> list[Mandate]:
    """The mandates the account may act under now."""
    statement = select(Mandate).where(Mandate.grantee_id == account_id, Mandate.accepted_at.is_not(None),
                                      Mandate.revoked_at.is_(None), Mandate.ends_on >= today())  # fmt: skip
    return [mandate for mandate in db.session.scalars(statement) if in_force(mandate, account_id)]


def _offered_to(account: Account, mandate_id: int) -> Mandate | None:
    return next((mandate for mandate in received_by(account) if mandate.id == mandate_id), None)


def accept(account: Account, mandate_id: int) -> bool:
    """The account accepts a mandate offered to it (committed); False if there is none to accept."""
    mandate = _offered_to(account, mandate_id)
    if mandate is None:
        return False
    once = (update(Mandate).where(Mandate.id == mandate.id, Mandate.accepted_at.is_(None), Mandate.revoked_at.is_(None))
            .values(grantee_id=account.id, accepted_at=utcnow()))  # fmt: skip
    result = cast(CursorResult[Any], db.session.execute(once, execution_options={"synchronize_session": False}))
    db.session.commit()
    return result.rowcount == 1


def decline(account: Account, mandate_id: int) -> bool:
    """The representative declines a mandate offered, or gives up one accepted (committed)."""
    mandate = _offered_to(account, mandate_id)
    if mandate is None or mandate.revoked_at is not None:
        return False
    mandate.grantee_id, mandate.revoked_at = account.id, utcnow()
    db.session.commit()
    return True


def revoke(account_id: int, mandate_id: int) -> bool:
    """The grantor, or an owner of the organisation, ends the mandate at once (committed)."""
    mandate = next((found for found in given_by(account_id) if found.id == mandate_id), None)
    if mandate is None or mandate.revoked_at is not None:
        return False
    mandate.revoked_at = utcnow()
    db.session.commit()
    return True


PENDING, ACTIVE, REVOKED, ENDED = "pending", "active", "revoked", "ended"


def state(mandate: Mandate) -> str:
    """Where the mandate is: offered, in force, revoked (or declined), past its end date."""
    if mandate.revoked_at is not None:
        return REVOKED
    if mandate.ends_on < today():
        return ENDED
    return ACTIVE if mandate.accepted_at is not None else PENDING


def covers(services: frozenset[str] | None, body: str) -> bool:
    """Whether a mandate's services (None: every service) cover a body: every service, or one of the body's."""
    if services is None:
        return True
    statement = select(Service.id).join(Body).where(Body.code == body, Service.slug.in_(services)).limit(1)
    return db.session.scalar(statement) is not None


def hosted_services(locale: str) -> dict[str, str]:
    """The services a mandate may name (those hosted here): slug -> title in ``locale``."""
    services = db.session.scalars(select(Service).where(Service.hosted.is_(True)).order_by(Service.slug))
    found = {}
    for service in services:
        text = service.text(locale) or next(iter(service.texts.values()), None)
        found[service.slug] = text.title if text is not None else service.slug
    return found
