"""Acting for another: under a mandate (for a person, or for an organisation), or as an owner or a declarant of an
organisation. The browser holds only what it acts as (``acting_for`` in the session: a mandate's number, or
``organisation:<number>``), read and checked again on every request (:func:`standing`): a mandate revoked, past its end
date or no longer its grantor's to give, or a place in the organisation lost, stops at once, on the next request, and
this browser is back to its own account."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, g, has_request_context, request, session
from flask_babel import gettext as _

from portal.accounts import mandates, organisations, profile, sessions
from portal.accounts.models import DECLARANT, OWNER, Mandate, Organisation
from portal.current_account import Acting
from portal.extensions import db
from portal.i18n import current_locale

KEY = sessions.ACTING
AS_MEMBER = "organisation:"  # the session's value when acting as a member of an organisation
MEMBER_ROLES = (OWNER, DECLARANT)  # the roles that act for their organisation (a viewer follows its dossiers)


@dataclass(frozen=True)
class Standing:
    """What this request acts as, checked now: the mandate, or the organisation the account declares for."""

    acting: Acting
    mandate: Mandate | None
    organisation: Organisation | None

    @property
    def choice(self) -> str:
        """Its value in the switcher and the session."""
        return str(self.mandate.id) if self.mandate is not None else f"{AS_MEMBER}{self.acting.organisation_id}"

    def name(self, locale: str) -> str:
        """For whom it acts, as the banner says."""
        if self.organisation is not None:
            return self.organisation.name(locale)
        return profile.person_name(self.mandate.grantor, locale) if self.mandate is not None else ""


def under_mandate(found: Mandate | None, account_id: int) -> Standing | None:
    if found is None or not mandates.in_force(found, account_id):
        return None
    services = frozenset(found.services) if found.services is not None else None
    return Standing(Acting(account_id, found.grantor_id, found.organisation_id, services), found, found.organisation)


def as_member(organisation_id: int, account_id: int) -> Standing | None:
    """A member who declares for the organisation: its dossiers are its own and the organisation's."""
    member = organisations.membership(account_id, organisation_id)
    if member is None or member.role not in MEMBER_ROLES:
        return None
    return Standing(Acting(account_id, account_id, organisation_id, None), None, member.organisation)


def _read(value: object, account_id: int) -> Standing | None:
    if isinstance(value, int):
        return under_mandate(db.session.get(Mandate, value), account_id)
    text = str(value)
    number = text.removeprefix(AS_MEMBER)
    return as_member(int(number), account_id) if text.startswith(AS_MEMBER) and number.isdigit() else None


def _load() -> Standing | None:
    value, account = session.get(KEY), sessions.current()
    if value is None or account is None:
        return None
    found = _read(value, account.id)
    if found is None:
        session.pop(KEY, None)
        flash(_("You can no longer act for the person or the organisation you chose (a mandate revoked or ended, a "
                "role changed): you are acting for yourself again."), "warning")  # fmt: skip
    return found


def standing() -> Standing | None:
    """What this request acts as, checked now (once per request)."""
    if "_acting" not in g:
        g._acting = _load()
    found: Standing | None = g._acting
    return found


def current() -> Acting | None:
    """Who acts for whom on this request, for the modules beneath."""
    found = standing()
    return found.acting if found is not None else None


def choices(account_id: int) -> list[Standing]:
    """Everything the account may act as now: its mandates in force, and its organisations where it declares."""
    found = [under_mandate(mandate, account_id) for mandate in mandates.usable_by(account_id)]
    found += [as_member(member.organisation_id, account_id) for member in organisations.memberships_of(account_id)]
    return [item for item in found if item is not None]


def start(account_id: int, choice: str) -> Standing | None:
    """Act as ``choice`` (a mandate's number, ``organisation:<number>``) from the next request, if the account may."""
    found = _read(int(choice) if choice.isdigit() else choice, account_id)
    if found is not None:
        session[KEY] = found.mandate.id if found.mandate is not None else choice
        g.pop("_acting", None)
    return found


def stop() -> None:
    session.pop(KEY, None)
    g.pop("_acting", None)


def party_id() -> int | None:
    """The account this request works for: the one acted for, else the one signed in."""
    acting = current()
    return acting.account_id if acting is not None else sessions.current_id()


def party_profile() -> dict[str, str]:
    """The profile a form is prefilled from: the person acted for (nothing when acting for an organisation)."""
    found = standing()
    if found is None:
        return profile.prefill_values(sessions.current())
    return profile.prefill_values(found.mandate.grantor) if found.mandate and found.organisation is None else {}


def represented_name(found: Mandate, locale: str) -> str:
    """Who a mandate is for, as the lists name them."""
    if found.organisation is not None:
        return found.organisation.name(locale)
    return profile.person_name(found.grantor, locale)


@dataclass(frozen=True)
class Banner:
    """What the "acting for" banner says."""

    name: str


BANNER_BLUEPRINTS = ("accounts", "dossiers")  # the pages of my space and of the forms (never a cached, shared one)


def banner() -> dict[str, Banner | None]:
    """The banner's context for the pages of my space and of the forms."""
    personal = has_request_context() and request.blueprint in BANNER_BLUEPRINTS
    found = standing() if personal and sessions.current() is not None else None
    return {"acting_banner": Banner(found.name(current_locale())) if found is not None else None}
