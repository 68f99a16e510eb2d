"""Who may do what, checked on every back-office route, and body scope applied in the queries themselves."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, select

from portal.extensions import db
from portal.staff import sessions
from portal.staff.models import ROLE_RANK, ROLES, User

P = ParamSpec("P")
R = TypeVar("R")
EVERYONE = frozenset(ROLES)
EDITORS = frozenset({"ministry_admin", "editor", "publisher"})
PUBLISHERS = frozenset({"ministry_admin", "publisher"})
ADMINS = frozenset({"ministry_admin", "body_admin"})
PERMISSIONS: dict[str, frozenset[str]] = {
    "enter": EVERYONE,  # the back office's own pages: home, password, sign-out
    "services.read": EDITORS | ADMINS,
    "services.edit": EDITORS,
    "services.review": PUBLISHERS,
    "users.manage": ADMINS,
    "audit.read": ADMINS,
    "dashboard.read": frozenset({"ministry_admin", "analyst"}),
    # Dossiers hold applicants' personal data: only their body's agents and administrators handle them.
    "dossiers.handle": frozenset({"agent"}) | ADMINS,
    "outbox.read": ADMINS,
    "jobs.manage": ADMINS,  # failed background jobs: see them, try them again
    "rules.manage": frozenset({"ministry_admin"}),  # rates and durations are the ministry's to change
    # Payments hold who paid what: their body's agents and administrators only (scoped strictly, as dossiers).
    "payments.read": frozenset({"agent"}) | ADMINS,
    "payments.refund": frozenset({"agent", "body_admin"}),  # a second one approves a refund above the threshold
}
ANONYMOUS = "anonymous"  # the sign-in pages


def requires(permission: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Sign-in, the second factor where the role needs it, then the role's permission; else 403."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_user.is_authenticated:
                return redirect(url_for("backoffice.sign_in", next=request.path))  # type: ignore[return-value]
            if current_user.needs_two_factor and not sessions.second_factor_passed():
                flash(_("Your role needs the second step of sign-in."), "warning")
                return sessions.await_second_factor(current_user, _return_to())  # type: ignore[return-value]
            if current_user.role not in PERMISSIONS[permission]:
                abort(403)
            return view(*args, **kwargs)

        guarded.permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorate


def _return_to() -> str:
    """Where to come back after the second factor: this page, unless it was a form sent (never replayed)."""
    return request.path if request.method == "GET" else ""


def public(view: Callable[P, R]) -> Callable[P, R]:
    """Mark a back-office route that anyone may open (sign-in, second factor)."""
    view.permission = ANONYMOUS  # type: ignore[attr-defined]
    return view


def is_ministry(user: Any) -> bool:
    return bool(user.role == "ministry_admin")


def within_body(user: User, statement: Select[Any], body_column: Any) -> Select[Any]:
    """``statement`` limited to the user's body, unless the user is a ministry administrator (who sees every body's
    catalogue and team; dossiers are scoped strictly, without this)."""
    return statement if is_ministry(user) else statement.where(body_column == user.body_id)


def scoped_users(user: User) -> Select[Any]:
    return within_body(user, select(User).order_by(User.email), User.body_id)


def user_for(admin: User, user_id: int) -> User:
    found: User = db.first_or_404(scoped_users(admin).where(User.id == user_id))
    return found


def outranks(user: User, role: str) -> bool:
    """Whether ``user`` may change an account of ``role``: only one of a strictly lower rank."""
    return ROLE_RANK[user.role] > ROLE_RANK[role]


def grantable_roles(user: User) -> list[str]:
    """The roles ``user`` may give: none above their own."""
    return [role for role in ROLES if ROLE_RANK[role] <= ROLE_RANK[user.role]]


def managed_user(admin: User, user_id: int) -> User:
    """A user ``admin`` may change: in scope (else 404) and of a lower role (else 403).

    As nobody outranks a ministry administrator, no one can demote or deactivate one here, so the platform
    always keeps its active ministry administrators.
    """
    found = user_for(admin, user_id)
    if not outranks(admin, found.role):
        abort(403)
    return found
