"""An email keeps one identity (its Message-ID) whatever the number of attempts: a copy sent again after a worker
died once the server had taken it is recognisably the same email, to the recipient's mail program and to us."""

from __future__ import annotations

from email.message import Message
from pathlib import Path

from sqlalchemy import update

from portal.database import utcnow
from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from portal.jobs.models import QUEUED, Job
from tests.conftest import AppFactory
from tests.portal.dossiers.helpers import file_complaint


def test_an_email_sent_again_after_a_crash_carries_the_same_message_id(
    make_app: AppFactory, tmp_path: Path, smtp_server: list[object]
) -> None:
    port = smtp_server.pop(0)
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    file_complaint(app.test_client())
    runner = app.test_cli_runner()
    assert "ran: 1" in runner.invoke(args=["jobs", "sweep"]).output
    with app.app_context():  # the worker died after the server took the email, before it noted it sent
        db.session.execute(update(OutboxMessage).values(sent_at=None))
        db.session.execute(update(Job).values(state=QUEUED, run_after=utcnow()))
        db.session.commit()
    assert "ran: 1" in runner.invoke(args=["jobs", "sweep"]).output
    first, second = smtp_server
    assert isinstance(first, Message) and isinstance(second, Message)
    assert first["Message-ID"] == second["Message-ID"]
    assert str(first["Message-ID"]).endswith("@e-services.mtess.gov.dz>")  # the sender's domain
