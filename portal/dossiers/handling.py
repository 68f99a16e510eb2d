"""What happens to a dossier after submission: the body's agents change its status with a message, write
internal notes and assign it; the applicant answers a request for more information. Each step is one
transaction with its history entry, its audit event and, for the applicant, its email."""

from __future__ import annotations

from sqlalchemy import Select, select

from portal.dossiers import notifications
from portal.dossiers.models import Dossier, DossierEvent, PendingUpload
from portal.dossiers.submission import attach
from portal.extensions import db
from portal.registry.hosted_form import HostedForm
from portal.staff import audit
from portal.staff.models import User


class StepRefusedError(Exception):
    """The step does not apply to the dossier as it is now (closed, not waiting for the applicant...)."""


def scoped_dossiers(user: User) -> Select[tuple[Dossier]]:
    """A body's dossiers, for its own team only: applicants' files are not shown to another body, nor to the
    ministry's administrators unless the ministry itself handles the service."""
    return select(Dossier).where(Dossier.body_id == user.body_id)


def change_status(dossier: Dossier, form: HostedForm, code: str, message: str, agent: User) -> None:
    status = form.status(code)
    if status is None or code == dossier.status:
        raise StepRefusedError(code)
    if dossier.closed:
        raise StepRefusedError("closed")
    dossier.status, dossier.closed = code, status.final
    # An empty message stands for the status's standard message, shown in the language of whoever reads it.
    dossier.events.append(DossierEvent(kind="status", status=code, message=message.strip(), author_id=agent.id))
    audit.record("dossier.status", dossier.reference, dossier.body_id, agent, status=code)
    text = message.strip() or status.messages.get(dossier.locale, "")
    notifications.queue(dossier, "status", status=status, message=text)
    db.session.commit()


def add_note(dossier: Dossier, text: str, agent: User) -> None:
    dossier.events.append(DossierEvent(kind="note", message=text.strip(), author_id=agent.id, public=False))
    audit.record("dossier.note", dossier.reference, dossier.body_id, agent)
    db.session.commit()


def assign(dossier: Dossier, assignee: User | None, agent: User) -> None:
    dossier.assigned_to_id = assignee.id if assignee is not None else None
    name = assignee.name if assignee is not None else ""
    dossier.events.append(DossierEvent(kind="assignment", message=name, author_id=agent.id, public=False))
    audit.record("dossier.assign", dossier.reference, dossier.body_id, agent, to=assignee.email if assignee else "")
    db.session.commit()


def reply(dossier: Dossier, form: HostedForm, text: str, uploads: list[PendingUpload]) -> None:
    """The applicant's answer to a request for more information: text and documents; the dossier goes back to
    the body (``form.resumed``)."""
    current = form.status(dossier.status)
    if current is None or not current.asks_applicant:
        raise StepRefusedError(dossier.status)
    event = DossierEvent(kind="reply", status=form.resumed, message=text.strip())
    dossier.events.append(event)
    db.session.flush()
    attach(dossier, uploads, event)
    dossier.status = form.resumed
    audit.record("dossier.reply", dossier.reference, dossier.body_id, email="applicant")
    db.session.commit()
