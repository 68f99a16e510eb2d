"""The drafts of a citizen's account: listed in my space with their service, when they were last saved and when
they will be deleted; deleted by their owner, or by the scheduled job ``DRAFT_DAYS`` after their last change, with
the files kept for them, once their owner was warned (``DRAFT_WARNING_DAYS`` before). The accounts module passes
the account's id: every query here is scoped by it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.catalogue.models import Service
from portal.database import utcnow
from portal.dossiers import uploads
from portal.dossiers.drafts import account_lifetime
from portal.dossiers.models import FormDraft
from portal.extensions import db

SENT = "sent"  # a draft that became a dossier: not a draft of my space any more
GRACE = timedelta(days=1)  # a draft is deleted no sooner than this after its owner was warned


def _open() -> Select[Any]:
    return select(FormDraft).where(FormDraft.account_id.is_not(None), FormDraft.problem.is_distinct_from(SENT))


def drafts_of(account_id: int) -> list[FormDraft]:
    """The account's drafts still waiting, the latest saved first."""
    statement = (
        _open()
        .where(FormDraft.account_id == account_id, FormDraft.updated_at >= utcnow() - account_lifetime())
        .options(selectinload(FormDraft.service).selectinload(Service.texts))
        .order_by(FormDraft.updated_at.desc(), FormDraft.id.desc())
    )
    return list(db.session.scalars(statement))


def draft_of(account_id: int, draft_id: int) -> FormDraft | None:
    """The account's draft ``draft_id``; None when there is none, or it is another account's."""
    found: FormDraft | None = db.session.scalar(
        _open().where(FormDraft.id == draft_id, FormDraft.account_id == account_id)
    )
    return found


def deleted_on(draft: FormDraft) -> datetime:
    """When the job deletes the draft if it is not changed again."""
    return draft.updated_at + account_lifetime()


def delete_draft(draft: FormDraft) -> None:
    """Delete the draft and the files kept for it (committed)."""
    uploads.discard(uploads.pending_uploads(draft.service, list(draft.state.get("uploads", []))))
    db.session.delete(draft)
    db.session.commit()


def to_warn() -> list[FormDraft]:
    """Drafts whose owner has not been told yet that they will be deleted within ``DRAFT_WARNING_DAYS``."""
    days = current_app.config["DRAFT_DAYS"] - current_app.config["DRAFT_WARNING_DAYS"]
    statement = _open().where(FormDraft.warned_at.is_(None), FormDraft.updated_at < utcnow() - timedelta(days=days))
    return list(db.session.scalars(statement.options(selectinload(FormDraft.service).selectinload(Service.texts))))


def expire() -> int:
    """Delete the drafts untouched for ``DRAFT_DAYS`` whose owner was warned at least a day ago (a warning sent late,
    after the job was stopped, still leaves a day), with their files: how many."""
    now = utcnow()
    statement = _open().where(FormDraft.updated_at < now - account_lifetime(), FormDraft.warned_at < now - GRACE)
    expired = list(db.session.scalars(statement))
    for draft in expired:
        delete_draft(draft)
    return len(expired)
