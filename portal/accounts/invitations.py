"""Invitations to join an organisation: sent by an owner to an email address, with a one-time link that expires
after ``INVITATION_DAYS``; only an account signed in whose verified email address is the one invited accepts it,
once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import Enum
from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from portal.accounts import notices, organisations, profile
from portal.accounts.identifiers import Identifier
from portal.accounts.models import EMAIL, Account, Organisation, OrganisationInvitation
from portal.addresses import external_url
from portal.database import utcnow
from portal.extensions import db

INVITATION_DAYS = 7
INVITATION = "invitation"  # the message's template


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(organisation: Organisation, by: Account, email: str, role: str, locale: str) -> None:
    """Invite ``email`` to join in ``role``: the link goes to that address, in ``locale`` (committed)."""
    token = secrets.token_urlsafe(32)
    db.session.add(OrganisationInvitation(organisation_id=organisation.id, email=email, role=role,
                                          token_digest=_digest(token), invited_by_id=by.id,
                                          expires_at=utcnow() + timedelta(days=INVITATION_DAYS)))  # fmt: skip
    link = external_url("accounts.invitation", lang_code=locale, token=token)
    notices.tell(Identifier(EMAIL, email), INVITATION, locale, organisation=organisation.name(locale), accept=link,
                 days=str(INVITATION_DAYS))  # fmt: skip
    db.session.commit()


def pending_of(organisation_id: int) -> list[OrganisationInvitation]:
    """The invitations of the organisation not accepted yet, still valid."""
    statement = select(OrganisationInvitation).where(
        OrganisationInvitation.organisation_id == organisation_id, OrganisationInvitation.accepted_at.is_(None),
        OrganisationInvitation.expires_at > utcnow()).order_by(OrganisationInvitation.id)  # fmt: skip
    return list(db.session.scalars(statement))


class Answer(Enum):
    VALID = "valid"
    UNKNOWN = "unknown"  # no such link, or expired
    USED = "used"  # accepted already
    OTHER_ADDRESS = "other_address"  # the signed-in account has not proved the address invited


def find(token: str) -> OrganisationInvitation | None:
    found: OrganisationInvitation | None = db.session.scalar(
        select(OrganisationInvitation).where(OrganisationInvitation.token_digest == _digest(token))
    )
    return found


def check(invitation: OrganisationInvitation | None, account: Account) -> Answer:
    if invitation is None or invitation.expires_at <= utcnow():
        return Answer.UNKNOWN
    if invitation.accepted_at is not None:
        return Answer.USED
    if invitation.email.lower() not in profile.verified_emails(account):
        return Answer.OTHER_ADDRESS
    return Answer.VALID


def accept(invitation: OrganisationInvitation, account: Account) -> Answer:
    """The account joins (committed), if the invitation is still its to accept."""
    answer = check(invitation, account)
    if answer is not Answer.VALID:
        return answer
    once = (update(OrganisationInvitation).where(OrganisationInvitation.id == invitation.id,
                                                 OrganisationInvitation.accepted_at.is_(None))
            .values(accepted_at=utcnow()))  # fmt: skip
    result = cast(CursorResult[Any], db.session.execute(once, execution_options={"synchronize_session": False}))
    if result.rowcount != 1:  # another request accepted it first
        db.session.rollback()
        return Answer.USED
    organisations.join(account.id, invitation.organisation_id, invitation.role)
    db.session.commit()
    return answer
