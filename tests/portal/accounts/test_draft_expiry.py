"""The scheduled job on accounts' drafts: the owner is warned by email, in their language, a few days before a
draft is deleted; the draft is deleted with its files once its time has come, and never before the warning."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import Message
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from portal.accounts.models import AccountAttribute
from portal.database import utcnow
from portal.dossiers.models import FormDraft
from portal.extensions import db
from portal.jobs.queue import _periodic
from tests.conftest import AppFactory
from tests.portal.accounts.test_drafts import ME, _signed_in, start_a_draft
from tests.portal.dossiers.conftest import smtp_server  # noqa: F401 - the fixture
from tests.portal.dossiers.test_steps import WHO


def _age(app: Flask, days: float, warned_days_ago: float | None = None) -> None:
    """Make the draft last saved ``days`` ago (and its warning sent ``warned_days_ago``)."""
    warned = utcnow() - timedelta(days=warned_days_ago) if warned_days_ago is not None else None
    with app.app_context():
        values = {"updated_at": utcnow() - timedelta(days=days), "warned_at": warned}
        db.session.execute(update(FormDraft).values(**values))
        db.session.commit()


def _run(app: Flask) -> str:
    return app.test_cli_runner().invoke(args=["accounts", "expire-drafts"]).output.strip()


def test_the_owner_is_warned_in_their_language_then_the_draft_is_deleted(
    make_app: AppFactory,
    tmp_path: Path,
    smtp_server: list[Any],  # noqa: F811
) -> None:
    port = smtp_server.pop(0)
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1",
                   MAIL_PORT=port, DRAFT_DAYS=30, DRAFT_WARNING_DAYS=3)  # fmt: skip
    client = _signed_in(app, ME)
    start_a_draft(client)
    with app.app_context():
        db.session.execute(update(AccountAttribute).where(AccountAttribute.name == "language").values(value="ar"))
        db.session.commit()
    _age(app, 26)
    assert _run(app) == "warned: 0; deleted: 0"  # not yet within the warning's days
    _age(app, 28)
    assert _run(app) == "warned: 1; deleted: 0"
    assert _run(app) == "warned: 0; deleted: 0"  # warned once
    app.test_cli_runner().invoke(args=["jobs", "sweep"])  # the worker sends it
    warning: Message = smtp_server[-1]
    text = warning.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert warning["To"] == ME and "عطلة تجريبية" in text and "ستُحذف" in text and "/ar/my/" in text
    _age(app, 31)  # not warned a day before (the job was stopped): warned again, not deleted
    assert _run(app) == "warned: 1; deleted: 0"
    _age(app, 31, warned_days_ago=2)
    assert _run(app) == "warned: 0; deleted: 1"
    with app.app_context():
        assert db.session.scalars(select(FormDraft)).all() == []


def test_a_draft_changed_again_waits_anew(hosted_app: Flask) -> None:
    client = _signed_in(hosted_app, ME)
    second_step = start_a_draft(client)
    _age(hosted_app, 29, warned_days_ago=2)
    page = client.get(second_step).get_data(as_text=True)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert key is not None
    client.post(second_step[:-2], data={"key": key.group(1), "step": "1", "action": "back", **WHO})  # a change
    assert _run(hosted_app) == "warned: 0; deleted: 0"
    with hosted_app.app_context():
        [draft] = db.session.scalars(select(FormDraft)).all()
        assert draft.warned_at is None and draft.updated_at > utcnow() - timedelta(minutes=1)
    _age(hosted_app, 40)
    assert client.get(second_step, follow_steps=False).status_code == 302  # past its days: no longer read


def test_the_job_is_scheduled() -> None:
    assert "account-drafts" in {entry.name for entry in _periodic}
