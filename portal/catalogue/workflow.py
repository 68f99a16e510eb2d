"""Draft, in review, published, retired: every step saved as a revision and written to the audit log.

A published service stays live, unchanged, while its next version is edited as a draft; publication
copies the draft onto it. Two people saving the same draft: the second save names the conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.catalogue.content import apply, completeness, publication_checklist, snapshot
from portal.catalogue.indexing import reindex
from portal.catalogue.models import Body, Revision, Service, ServiceDraft, Term
from portal.catalogue.scope import scoped_services
from portal.catalogue.status import status_set
from portal.database import utcnow
from portal.extensions import db
from portal.staff import audit
from portal.staff.models import User

WORKFLOW_LABELS = {"draft": _l("Draft"), "in_review": _l("In review"), "published": _l("Published")}
# What each revision records, in the reader's language (the code stays stored).
REVISION_LABELS = {"saved": _l("Saved"), "submitted": _l("Sent for review"),
                   "sent_back": _l("Sent back to the editors"), "published": _l("Published")}  # fmt: skip


class WorkflowError(Exception):
    """A step that cannot be taken now; ``problems`` are sentences for the person."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class ConflictError(Exception):
    """Someone saved the draft after this person opened it."""

    def __init__(self, draft: ServiceDraft) -> None:
        super().__init__(f"draft of service {draft.service_id} is at version {draft.version}")
        self.draft = draft


def draft_of(service: Service) -> ServiceDraft | None:
    found: ServiceDraft | None = db.session.scalar(select(ServiceDraft).where(ServiceDraft.service_id == service.id))
    return found


def working_copy(service: Service) -> tuple[dict[str, Any], int, str]:
    """What the editor shows: the draft if there is one, else the live content; with its version and state."""
    draft = draft_of(service)
    if draft is not None:
        return draft.data, draft.version, draft.state
    return snapshot(service), 0, "published" if service.is_public else "draft"


@dataclass(frozen=True)
class WorkItem:
    """A service on the editors' home: its state, whether each language is ready for publication (the
    publication checklist's own checks) and, for a draft a publisher sent back, their comment."""

    service: Service
    state: str
    complete: dict[str, bool]
    sent_back: str | None  # the publisher's comment (may be empty) when the draft was sent back


def worklist(user: User, locales: list[str]) -> list[WorkItem]:
    """The services in the user's scope, each with its state and how complete its text is in each locale."""
    rows = []
    for service in db.session.scalars(scoped_services(user).order_by(Service.body_id, Service.slug)):
        draft = draft_of(service)
        data, _version, state = working_copy(service)
        sent_back = draft.review_comment if draft is not None and was_sent_back(draft) else None
        rows.append(WorkItem(service, state, {locale: completeness(data, locale) for locale in locales}, sent_back))
    return rows


def was_sent_back(draft: ServiceDraft) -> bool:
    """A draft a publisher sent back and not yet sent for review again (saves since then do not count)."""
    last = db.session.scalar(select(Revision.action)
                             .where(Revision.service_id == draft.service_id, Revision.action != "saved")
                             .order_by(Revision.number.desc()).limit(1))  # fmt: skip
    return draft.state == "draft" and last == "sent_back"


def save(service: Service, data: dict[str, Any], base_version: int, user: User) -> ServiceDraft:
    """Save the draft; if someone saved since ``base_version``, raise ConflictError and change nothing."""
    draft = draft_of(service)
    current = draft.version if draft is not None else 0
    if current != base_version and draft is not None:
        raise ConflictError(draft)
    if draft is None:
        draft = ServiceDraft(service=service, data=data, version=1, updated_by_id=user.id)
        db.session.add(draft)
    else:
        draft.data, draft.version, draft.state = data, draft.version + 1, "draft"
        draft.updated_at, draft.updated_by_id = utcnow(), user.id
    _revision(service, "saved", data, user)
    audit.record("service.save", service.slug, service.body_id)
    db.session.commit()
    return draft


def create(body: Body, slug: str, data: dict[str, Any], user: User) -> Service:
    """A new service of the user's body, created unpublished: citizens see it once it is published."""
    domain = db.session.scalar(select(Term).where(Term.vocabulary == "domain", Term.code == data["domain"]))
    service = Service(slug=slug, body=body, domain=domain, from_plugin=False, status=data["status"],
                      maturity=data["maturity"])  # fmt: skip
    db.session.add(service)
    db.session.flush()
    apply(service, data, user.email)
    db.session.add(ServiceDraft(service=service, data=data, version=1, updated_by_id=user.id))
    _revision(service, "saved", data, user)
    audit.record("service.create", slug, body.id)
    db.session.commit()
    return service


def submit(service: Service, user: User) -> None:
    draft = _require_draft(service, "draft")
    draft.state = "in_review"
    _revision(service, "submitted", draft.data, user)
    audit.record("service.submit", service.slug, service.body_id)
    db.session.commit()


def send_back(service: Service, comment: str, user: User) -> None:
    draft = _require_draft(service, "in_review")
    draft.state, draft.review_comment = "draft", comment.strip()
    _revision(service, "sent_back", draft.data, user)
    audit.record("service.send_back", service.slug, service.body_id, comment=comment.strip())
    db.session.commit()


def checklist(service: Service, draft: ServiceDraft) -> list[str]:
    """What stops the draft's publication, as sentences: shown to the publisher before the button, and
    checked again when it is pressed."""
    return publication_checklist(draft.data, service, current_app.config["LOCALES"])


def publish(service: Service, user: User) -> None:
    draft = _require_draft(service, "in_review")
    missing = checklist(service, draft)
    if missing:
        raise WorkflowError(missing)
    apply(service, draft.data, user.email)
    status_set(service, service.status, user.email, "backoffice")
    service.published_at, service.withdrawn_at = service.published_at or utcnow(), None
    _revision(service, "published", draft.data, user)
    db.session.delete(draft)
    db.session.flush()
    reindex([service])
    audit.record("service.publish", service.slug, service.body_id)
    db.session.commit()


def retire(service: Service, user: User) -> None:
    if not service.is_public:
        raise WorkflowError([])
    service.withdrawn_at, service.updated_at = utcnow(), utcnow()
    audit.record("service.retire", service.slug, service.body_id)
    db.session.commit()


def _require_draft(service: Service, state: str) -> ServiceDraft:
    draft = draft_of(service)
    if draft is None or draft.state != state:
        raise WorkflowError([])
    return draft


def _revision(service: Service, action: str, data: dict[str, Any], user: User) -> None:
    number = (db.session.scalar(select(func.max(Revision.number)).where(Revision.service_id == service.id)) or 0) + 1
    db.session.add(Revision(service_id=service.id, number=number, action=action, data=data, author_id=user.id))


def revisions(service: Service) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(Revision.service_id == service.id).order_by(Revision.number)))
