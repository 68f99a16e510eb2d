"""A citizen's session, apart from staff's: its own keys in the signed cookie (the account's ``id:version`` under
``account``), so that a citizen signed in is nobody to the back office, and staff signed in are nobody here. It ends
after ``ACCOUNT_IDLE_MINUTES`` without a request and ``ACCOUNT_MAX_HOURS`` after sign-in; signing out or a new
password ends every session of the account, on every browser (its session version is raised)."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from portal.accounts.models import Account
from portal.extensions import db
from portal.session_clock import SessionClock, parse_token, session_token

P = ParamSpec("P")
R = TypeVar("R")
KEY = "account"
CLOCK = SessionClock("account", "ACCOUNT_IDLE_MINUTES", "ACCOUNT_MAX_HOURS")
# What a citizen's browser may hold of their dossiers: gone with the session when they sign out.
DOSSIER_KEYS = ("tracked", "receipts")
ACTING = "acting_for"  # the number of the mandate this browser acts under (``portal.accounts.acting``)
PENDING_CODE = "account_code"  # the token of the one-time code this browser asked for
CODE_SENT_TO = "account_code_to"  # where it was sent (said on the page where the code is typed)
IDENTITY_TOKEN = "identity_id_token"  # noqa: S105 - the sealed ID token of a sign-in with the identity provider (its logout)
# After the right password of an account with a second factor: its ``id:version``, when, and the page to go back to.
AWAITING = "account_second_factor"
AWAIT_SECONDS = 300


def await_second_factor(account: Account, back: str) -> None:
    """The password was right: the account's code is asked next, for a few minutes."""
    session[AWAITING] = [session_token(account.id, account.session_version), time.time(), back]


def awaiting_second_factor() -> tuple[Account, str] | None:
    """The account whose code this browser is asked for, and the page to go back to, if not too late."""
    token, since, back = session.get(AWAITING) or ("", 0.0, "")
    parsed = parse_token(str(token))
    account = db.session.get(Account, parsed[0]) if parsed is not None else None
    fresh = isinstance(since, float) and time.time() - since < AWAIT_SECONDS
    if account is None or not fresh or parsed is None or account.session_version != parsed[1] or not account.active:
        return None
    return account, str(back)


def begin(account: Account) -> None:
    """Sign ``account`` in on this browser."""
    session.pop(AWAITING, None)
    session.pop(PENDING_CODE, None)
    session.pop(CODE_SENT_TO, None)
    session[KEY] = session_token(account.id, account.session_version)
    CLOCK.start()
    g.pop("_account", None)


def end() -> None:
    """Sign out this browser: the account's keys and what it opened of its dossiers; staff's keys stay."""
    for key in (KEY, IDENTITY_TOKEN, AWAITING, ACTING, *DOSSIER_KEYS):
        session.pop(key, None)
    CLOCK.stop()
    g.pop("_account", None)


def end_everywhere(account: Account) -> None:
    """End every session of ``account`` when the caller commits: the version their cookies carry is then stale."""
    account.session_version = Account.session_version + 1


def current() -> Account | None:
    """The account signed in on this browser: active, of the current version, neither idle too long nor too old."""
    if "_account" not in g:
        g._account = _load()
    found: Account | None = g._account
    return found


def signed_in_account() -> Account:
    """The account of a page guarded by :func:`signed_in`."""
    account = current()
    if account is None:
        abort(401)
    return account


def current_id() -> int | None:
    account = current()
    return account.id if account is not None else None


def _load() -> Account | None:
    parsed = parse_token(str(session.get(KEY, "")))
    if parsed is None:
        return None
    account = db.session.get(Account, parsed[0])
    if account is None or not account.active or account.session_version != parsed[1] or CLOCK.expired():
        if CLOCK.stop():
            flash(_("Your session has ended. Please sign in again."), "warning")
        session.pop(KEY, None)
        return None
    CLOCK.seen()
    return account


def signed_in(view: Callable[P, R]) -> Callable[P, R]:
    """A page of the account: others are sent to sign in, and brought back here afterwards."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        if current() is None:
            back = request.path if request.method == "GET" else url_for("accounts.my_space")
            return redirect(url_for("accounts.sign_in", next=back))  # type: ignore[return-value]
        return view(*args, **kwargs)

    return guarded
