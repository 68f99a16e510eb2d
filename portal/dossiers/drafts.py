"""Hosted forms kept on the server between steps, so that every step is Post/Redirect/Get: a step's page posts,
the answer is stored here, and the browser is sent to the address of the step to show. Back, reload and a
"Back" link then only read what is stored; nothing typed or attached is lost.

A draft's token is in the step's address and in the signed session of the browser that started it: another
browser cannot read it, and two tabs of one browser keep two drafts. A token belongs to one service: under another
service's address it is nobody's draft. The server keeps no more drafts of a browser than the browser remembers
(the one it forgets is deleted), and a draft untouched for a day is neither read back nor kept.

A draft saved while a citizen is signed in is also its account's: it is resumed from my space on any device of
that account, and waits ``DRAFT_DAYS`` (see ``portal.dossiers.account_drafts``); another account never reads it.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from flask import current_app, session
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError

from portal.catalogue.hosting import form_of
from portal.catalogue.models import Service
from portal.current_account import current_account_id
from portal.database import utcnow
from portal.dossiers import form_state, prefill
from portal.dossiers.models import FormDraft
from portal.dossiers.submission import Errors
from portal.extensions import db

SESSION_KEY = "drafts"
REMEMBERED = 10  # drafts a browser keeps at once
LIFETIME = timedelta(days=1)


def new_token() -> str:
    """A fresh draft for this browser: its token, remembered in the signed session; the draft the browser
    forgets to make room for it is deleted, so that one browser never keeps more than ``REMEMBERED``."""
    token = secrets.token_hex(16)
    remembered = list(session.get(SESSION_KEY, []))
    forgotten, kept = remembered[: -(REMEMBERED - 1)], remembered[-(REMEMBERED - 1) :]
    if forgotten:
        browsers = FormDraft.account_id.is_(None)  # an account's draft waits for its owner on every device
        db.session.execute(delete(FormDraft).where(FormDraft.token.in_(forgotten), browsers))
        db.session.commit()
    session[SESSION_KEY] = [*kept, token]
    return token


def owns(service: Service, token: str) -> bool:
    """Whether this browser started the draft ``token``, a draft of ``service`` (or not saved yet), or the account
    signed in saved it; a draft of another account is never this browser's, even one it started."""
    holder = db.session.execute(
        select(FormDraft.service_id, FormDraft.account_id).where(FormDraft.token == token)
    ).first()
    account_id = current_account_id()
    if holder is not None and holder.account_id is not None:
        return holder.account_id == account_id and holder.service_id == service.id
    if token not in session.get(SESSION_KEY, []):
        return False
    return holder is None or holder.service_id == service.id


@dataclass(frozen=True)
class Saved:
    """What a draft holds: the state, the errors of the step it was sent to, and why (``problem``), the exit
    the answers led to, or the reference of the dossier it became."""

    state: form_state.FormState
    errors: Errors = field(default_factory=dict)
    problem: str | None = None
    exit: str | None = None
    reference: str | None = None


def _row(service: Service, token: str) -> FormDraft | None:
    found: FormDraft | None = db.session.scalar(
        select(FormDraft).where(FormDraft.token == token, FormDraft.service_id == service.id)
    )
    return found


def load(service: Service, token: str) -> Saved | None:
    """What the draft holds, unless it is older than its lifetime (then it is forgotten, purged or not)."""
    row = _row(service, token)
    if row is None or row.updated_at < utcnow() - lifetime(row):
        return None
    state = form_state.FormState(**{key: value for key, value in row.state.items() if key in STATE_FIELDS})
    reference = row.errors.get("_reference") if row.problem == "sent" else None
    errors = {} if row.problem == "sent" else dict(row.errors)
    return Saved(state, errors, row.problem, row.exit_code, reference)


STATE_FIELDS = set(form_state.FormState.__dataclass_fields__)


def account_lifetime() -> timedelta:
    """How long an account's draft waits after its last change (``DRAFT_DAYS``)."""
    return timedelta(days=current_app.config["DRAFT_DAYS"])


def lifetime(row: FormDraft) -> timedelta:
    """A browser's draft lives a day; an account's draft ``DRAFT_DAYS``, until it is sent."""
    return account_lifetime() if row.account_id is not None and row.problem != "sent" else LIFETIME


def _store(service: Service, token: str, state: dict[str, Any], errors: dict[str, Any], problem: str | None,
           exit_code: str | None) -> None:  # fmt: skip
    values = {"state": state, "errors": errors, "problem": problem, "exit_code": exit_code}
    try:
        _write(service, token, values)
    except IntegrityError:  # the draft's first save sent twice at once (a double click): the other made the row
        db.session.rollback()
        _write(service, token, values)
    purge()


def _write(service: Service, token: str, values: dict[str, Any]) -> None:
    row = _row(service, token) or FormDraft(token=token, service_id=service.id)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at, row.warned_at = utcnow(), None
    row.account_id = row.account_id or prefill.applicant_id(form_of(service))
    db.session.add(row)
    db.session.commit()


def save(service: Service, token: str, shown: form_state.StepShown) -> None:
    """Keep the step to show next, with its errors (as text) and its problem."""
    errors = {name: [str(message) for message in messages] for name, messages in shown.errors.items()}
    _store(service, token, asdict(shown.state), errors, shown.problem, shown.exit)


def sent(service: Service, token: str, reference: str) -> None:
    """The draft became the dossier ``reference``: its steps now lead to the receipt (it keeps no answers)."""
    _store(service, token, {}, {"_reference": reference}, "sent", None)


def purge() -> int:
    """Browsers' drafts (and sent ones) untouched for a day are forgotten (their kept files are purged with the
    pending uploads); accounts' drafts wait for ``portal.dossiers.account_drafts.expire``."""
    browsers = or_(FormDraft.account_id.is_(None), FormDraft.problem == "sent")
    result = db.session.execute(delete(FormDraft).where(FormDraft.updated_at < utcnow() - LIFETIME, browsers))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
