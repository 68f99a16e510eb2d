"""Employers: an organisation made by an account (its first owner), its people and their roles, changed or removed
by an owner; an organisation always keeps an owner. Only its members see it: for anyone else it does not exist."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from sqlalchemy import func, select

from portal.accounts.models import OWNER, ROLES, Account, Organisation, OrganisationMember
from portal.extensions import db

FIELDS = ("name_ar", "name_latin", "cnas_number", "cacobatph_number", "nif")


def create(account: Account, values: Mapping[str, str]) -> Organisation:
    """A new organisation, its creator its owner (committed)."""
    organisation = Organisation(**{name: values.get(name) or "" for name in FIELDS})
    organisation.members.append(OrganisationMember(account_id=account.id, role=OWNER))
    db.session.add(organisation)
    db.session.commit()
    return organisation


def memberships_of(account_id: int) -> list[OrganisationMember]:
    """The account's organisations, with its role in each."""
    statement = (select(OrganisationMember).where(OrganisationMember.account_id == account_id)
                 .order_by(OrganisationMember.id))  # fmt: skip
    return list(db.session.scalars(statement))


def membership(account_id: int, organisation_id: int) -> OrganisationMember | None:
    """The account's place in the organisation, if it has one."""
    statement = select(OrganisationMember).where(OrganisationMember.account_id == account_id,
                                                 OrganisationMember.organisation_id == organisation_id)  # fmt: skip
    found: OrganisationMember | None = db.session.scalar(statement)
    return found


def is_owner(account_id: int, organisation_id: int) -> bool:
    found = membership(account_id, organisation_id)
    return found is not None and found.role == OWNER


def owned_by(account_id: int) -> list[Organisation]:
    """The organisations the account is an owner of (it may grant mandates for them)."""
    return [member.organisation for member in memberships_of(account_id) if member.role == OWNER]


class Change(Enum):
    DONE = "done"
    LAST_OWNER = "last_owner"  # the organisation would have no owner left
    NOT_FOUND = "not_found"


def _owners(organisation_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(OrganisationMember).where(
        OrganisationMember.organisation_id == organisation_id, OrganisationMember.role == OWNER)) or 0  # fmt: skip


def _member(organisation_id: int, member_id: int) -> OrganisationMember | None:
    found = db.session.get(OrganisationMember, member_id)
    return found if found is not None and found.organisation_id == organisation_id else None


def change_role(organisation_id: int, member_id: int, role: str) -> Change:
    """Give a member another role (committed), unless the organisation would be left without an owner."""
    member = _member(organisation_id, member_id)
    if member is None or role not in ROLES:
        return Change.NOT_FOUND
    if member.role == OWNER and role != OWNER and _owners(organisation_id) <= 1:
        return Change.LAST_OWNER
    member.role = role
    db.session.commit()
    return Change.DONE


def remove(organisation_id: int, member_id: int) -> Change:
    """Remove a member (committed), unless it is the last owner."""
    member = _member(organisation_id, member_id)
    if member is None:
        return Change.NOT_FOUND
    if member.role == OWNER and _owners(organisation_id) <= 1:
        return Change.LAST_OWNER
    db.session.delete(member)
    db.session.commit()
    return Change.DONE


def join(account_id: int, organisation_id: int, role: str) -> None:
    """The account joins the organisation in ``role`` (a member already keeps the higher of the two roles); the
    caller commits."""
    found = membership(account_id, organisation_id)
    if found is None:
        db.session.add(OrganisationMember(organisation_id=organisation_id, account_id=account_id, role=role))
    elif ROLES.index(role) < ROLES.index(found.role):
        found.role = role


def kept_by_alone(account_id: int) -> list[Organisation]:
    """The organisations the account is the only owner of while other people belong to them: it must hand them on
    before it closes."""
    return [organisation for organisation in owned_by(account_id)
            if _owners(organisation.id) == 1 and len(organisation.members) > 1]  # fmt: skip


def forget(account_id: int) -> None:
    """The account leaves every organisation (in the caller's transaction); one it alone belonged to is deleted."""
    for member in memberships_of(account_id):
        if len(member.organisation.members) == 1:
            db.session.delete(member.organisation)
        else:
            db.session.delete(member)
