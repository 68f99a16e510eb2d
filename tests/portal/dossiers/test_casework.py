"""Case handling: a body's queue and its filters, status changes with a message in the applicant's language,
internal notes, assignment, the applicant's answer, the audit log, and the emails (SMTP or the outbox)."""

from __future__ import annotations

import io
import socket
from datetime import timedelta
from email.message import Message
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from portal.database import utcnow
from portal.dossiers.models import Dossier, OutboxMessage
from portal.extensions import db
from portal.jobs.models import Job
from portal.staff.models import AuditEvent
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user, sign_in
from tests.portal.dossiers.helpers import FACTS, file_complaint, pdf_bytes


def agent_of(app: Flask, body: str = "mintest", email: str | None = None) -> FlaskClient:
    client = app.test_client()
    sign_in(client, create_user(app, "agent", body, email=email))
    return client


def dossier_id(app: Flask, reference: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        assert found is not None, f"no dossier {reference}"
        return found


def test_the_queue_shows_the_bodys_dossiers_with_filters(portal_app: Flask) -> None:
    applicant = portal_app.test_client()
    first, second = file_complaint(applicant), file_complaint(applicant, category="suggestion", anonymous="true")
    with portal_app.app_context():  # the first one is long overdue
        db.session.execute(
            update(Dossier).where(Dossier.reference == first).values(due_at=utcnow() - timedelta(days=2))
        )
        db.session.commit()
    agent = agent_of(portal_app)
    queue = agent.get("/fr/backoffice/dossiers").get_data(as_text=True)
    assert first in queue and second in queue and "2 dossiers" in queue
    assert "سليمة بن علي" in queue and "Anonyme" in queue  # the suggestion was anonymous
    overdue = agent.get("/fr/backoffice/dossiers?overdue=1").get_data(as_text=True)
    assert first in overdue and second not in overdue
    assert "en retard" in overdue
    assert first not in agent.get("/fr/backoffice/dossiers?status=in_review").get_data(as_text=True)
    other_body = agent_of(portal_app, "demo")
    assert first not in other_body.get("/fr/backoffice/dossiers").get_data(as_text=True)


def test_an_answer_reaches_the_applicant_in_their_language_and_is_audited(portal_app: Flask) -> None:
    applicant = portal_app.test_client()
    reference = file_complaint(applicant)
    agent = agent_of(portal_app)
    number = dossier_id(portal_app, reference)
    page = agent.get(f"/fr/backoffice/dossiers/{number}").get_data(as_text=True)
    assert "لم أتقاض أجر الساعات الإضافية" in page and "Langue du demandeur" in page
    assert "Télécharger « Les faits, jour par jour » (CSV)" in page
    listed = agent.get(f"/fr/backoffice/dossiers/{number}/answers/facts.csv").get_data(as_text=True)
    assert listed.removeprefix("\ufeff").splitlines() == FACTS.splitlines()
    answer = "راسلت المفتشية مستخدمكم، وستسوى أجور ساعاتكم الإضافية خلال هذا الشهر."
    changed = agent.post(f"/fr/backoffice/dossiers/{number}/status", data={"status": "answered", "message": answer})
    assert changed.status_code == 302
    agent.post(f"/fr/backoffice/dossiers/{number}/note", data={"note": "Vérifié avec le service paiement."})
    tracking = applicant.get(f"/ar/track/{reference}").get_data(as_text=True)
    assert "تم الرد" in tracking and answer in tracking
    assert "Vérifié avec le service paiement." not in tracking  # internal notes stay inside
    with portal_app.app_context():
        emails = list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        assert [email.subject for email in emails] == [f"تم استلام الملف {reference}", f"الملف {reference}: تم الرد"]
        assert answer in emails[1].text and "السلام عليكم" in emails[1].text
        assert all(email.sent_at is None and email.recipient == "salima@example.dz" for email in emails)
        actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.target == reference)))
        assert actions == ["dossier.status", "dossier.note"]
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None and dossier.closed
    again = agent.post(f"/fr/backoffice/dossiers/{number}/status", data={"status": "in_review", "message": ""})
    assert "ne peut pas être donné" in agent.get(again.headers["Location"]).get_data(as_text=True)


def test_the_applicant_answers_a_request_with_text_and_documents(portal_app: Flask) -> None:
    applicant = portal_app.test_client()
    reference = file_complaint(applicant)
    agent = agent_of(portal_app)
    number = dossier_id(portal_app, reference)
    agent.post(f"/fr/backoffice/dossiers/{number}/status", data={"status": "info_requested", "message": ""})
    page = applicant.get(f"/ar/track/{reference}").get_data(as_text=True)
    assert "في انتظار ردكم" in page and "تحتاج المصالح المختصة إلى معلومات" in page  # the standard message, in Arabic
    empty = applicant.post(f"/ar/track/{reference}/reply", data={"message": " "})
    assert empty.status_code == 422 and "اكتبوا ردكم." in empty.get_data(as_text=True)
    answer = {"message": "أرفق كشف الراتب.", "documents": (io.BytesIO(pdf_bytes()), "كشف.pdf")}
    replied = applicant.post(f"/ar/track/{reference}/reply", content_type="multipart/form-data", data=answer)
    assert replied.status_code == 302
    with portal_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None and dossier.status == "in_review"
        [document] = dossier.documents
        assert document.filename == "كشف.pdf" and document.event_id == dossier.events[-1].id
    seen = agent.get(f"/fr/backoffice/dossiers/{number}").get_data(as_text=True)
    assert "أرفق كشف الراتب." in seen and "كشف.pdf" in seen and "Réponse du demandeur" in seen
    late = applicant.post(f"/ar/track/{reference}/reply", data={"message": "مرة أخرى"})
    assert late.status_code == 409


def test_an_agent_assigns_a_dossier_to_a_colleague_of_the_same_body(portal_app: Flask) -> None:
    reference = file_complaint(portal_app.test_client())
    number = dossier_id(portal_app, reference)
    colleague = create_user(portal_app, "agent", "mintest", email="colleague@mintest.example.dz")
    outsider = create_user(portal_app, "agent", "demo", email="outsider@demo.example.dz")
    agent = agent_of(portal_app)
    assert agent.post(f"/fr/backoffice/dossiers/{number}/assign", data={"user": outsider.id}).status_code == 404
    agent.post(f"/fr/backoffice/dossiers/{number}/assign", data={"user": colleague.id})
    assignee = portal_app.test_client()
    sign_in(assignee, colleague)
    assert reference in assignee.get("/fr/backoffice/dossiers?assigned=me").get_data(as_text=True)
    assert reference not in agent.get("/fr/backoffice/dossiers?assigned=me").get_data(as_text=True)
    assert reference not in agent.get("/fr/backoffice/dossiers?assigned=none").get_data(as_text=True)
    assert reference in agent.get("/fr/backoffice/dossiers").get_data(as_text=True)
    with portal_app.app_context():
        assert db.session.scalar(select(Dossier.assigned_to_id).where(Dossier.reference == reference)) == colleague.id


def test_with_smtp_configured_a_worker_sends_the_emails(
    make_app: AppFactory, tmp_path: Path, smtp_server: list[object]
) -> None:
    port = smtp_server.pop(0)
    assert isinstance(port, int)
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    reference = file_complaint(app.test_client())
    assert smtp_server == []  # the request only wrote the email and its job
    assert "ran: 1" in app.test_cli_runner().invoke(args=["jobs", "sweep"]).output
    [email] = smtp_server
    assert isinstance(email, Message)
    assert email["To"] == "salima@example.dz"
    assert reference in str(email["Subject"])
    payload = email.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert "رمز المتابعة الخاص" in payload.decode()
    with app.app_context():
        [kept] = db.session.scalars(select(OutboxMessage))
        assert kept.sent_at is not None and kept.attempts == 1
        [job] = db.session.scalars(select(Job))
        assert (job.kind, job.key, job.state, job.attempts) == ("email", f"email:{kept.id}", "done", 1)
    assert "ran: 0" in app.test_cli_runner().invoke(args=["jobs", "sweep"]).output  # sent once, never again
    assert len(smtp_server) == 1


def test_when_the_smtp_server_is_down_the_email_waits_and_is_retried(make_app: AppFactory, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), MAIL_SERVER="127.0.0.1",
                   MAIL_PORT=closed_port, JOB_MAX_ATTEMPTS=2, JOB_RETRY_DELAY=0.0)  # fmt: skip
    reference = file_complaint(app.test_client())
    runner = app.test_cli_runner()
    assert "ran: 1" in runner.invoke(args=["jobs", "sweep"]).output
    with app.app_context():
        [kept] = db.session.scalars(select(OutboxMessage))
        assert kept.sent_at is None and kept.attempts == 1 and "ConnectionRefusedError" in kept.last_error
        [job] = db.session.scalars(select(Job))
        assert (job.state, job.attempts) == ("queued", 1) and "ConnectionRefusedError" in job.last_error
    admin = app.test_client()
    sign_in(admin, create_user(app, "body_admin", "mintest"))
    outbox = admin.get("/fr/backoffice/outbox").get_data(as_text=True)
    assert reference in outbox and "non envoyé" in outbox
    assert "prochain essai" in admin.get("/fr/backoffice/jobs").get_data(as_text=True)
    assert "ran: 1" in runner.invoke(args=["jobs", "sweep"]).output  # the second and last attempt
    failures = admin.get("/fr/backoffice/jobs").get_data(as_text=True)
    assert "arrêté" in failures and "Courriel à un demandeur" in failures
    other_admin = app.test_client()
    sign_in(other_admin, create_user(app, "body_admin", "pilote"))
    assert reference not in other_admin.get("/fr/backoffice/outbox").get_data(as_text=True)
    assert "Courriel à un demandeur" not in other_admin.get("/fr/backoffice/jobs").get_data(as_text=True)
    with app.app_context():
        job_id = db.session.scalar(select(Job.id))
    assert other_admin.post(f"/fr/backoffice/jobs/{job_id}/retry").status_code == 404  # another body's job
    assert admin.post(f"/fr/backoffice/jobs/{job_id}/retry").status_code == 302
    with app.app_context():
        retried = db.session.get(Job, job_id)
        assert retried is not None and (retried.state, retried.attempts) == ("queued", 0)
    assert "queued: 1" in runner.invoke(args=["dossiers", "send-outbox"]).output
