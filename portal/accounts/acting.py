"""Acting for another under a mandate: the browser holds only the mandate's number (``acting_for`` in the session),
and the mandate is read and checked again on every request (:func:`current`): revoked, past its end date or no longer
its grantor's to give, it stops at once, on the next request, and this browser is back to its own account."""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, g, has_request_context, request, session
from flask_babel import gettext as _

from portal.accounts import mandates, profile, sessions
from portal.accounts.models import Mandate
from portal.current_account import Acting
from portal.extensions import db
from portal.i18n import current_locale

KEY = sessions.ACTING


def _load() -> Mandate | None:
    number = session.get(KEY)
    account = sessions.current()
    if number is None or account is None:
        return None
    mandate = db.session.get(Mandate, number) if isinstance(number, int) else None
    if not mandates.in_force(mandate, account.id):
        session.pop(KEY, None)
        flash(_("The mandate you were acting under has ended or was revoked: you are acting for yourself again."),
              "warning")  # fmt: skip
        return None
    return mandate


def mandate() -> Mandate | None:
    """The mandate this request acts under, checked now."""
    if "_acting" not in g:
        g._acting = _load()
    found: Mandate | None = g._acting
    return found


def current() -> Acting | None:
    """Who acts for whom on this request, for the modules beneath."""
    found = mandate()
    if found is None or found.grantee_id is None:
        return None
    services = frozenset(found.services) if found.services is not None else None
    return Acting(found.grantee_id, found.grantor_id, found.organisation_id, services)


def start(account_id: int, mandate_id: int) -> bool:
    """Act under the mandate from the next request, if the account may."""
    found = db.session.get(Mandate, mandate_id)
    if not mandates.in_force(found, account_id):
        return False
    session[KEY] = mandate_id
    g.pop("_acting", None)
    return True


def stop() -> None:
    session.pop(KEY, None)
    g.pop("_acting", None)


def party_id() -> int | None:
    """The account this request works for: the one acted for, else the one signed in."""
    acting = current()
    return acting.account_id if acting is not None else sessions.current_id()


def party_profile() -> dict[str, str]:
    """The profile a form is prefilled from: the person acted for (an organisation's mandate prefills nothing)."""
    found = mandate()
    if found is None:
        return profile.prefill_values(sessions.current())
    return profile.prefill_values(found.grantor) if found.organisation_id is None else {}


def represented_name(found: Mandate, locale: str) -> str:
    """Who a mandate is for, as the banner and the lists name them."""
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
    found = mandate() if personal and sessions.current() is not None else None
    return {"acting_banner": Banner(represented_name(found, current_locale())) if found is not None else None}
