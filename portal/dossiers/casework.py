"""Case handling in the back office: each body's queue of dossiers, a dossier, its status, notes and
assignment, its documents; the outbox for administrators. Every route is scoped to the user's body."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from portal import data_access
from portal.catalogue.hosting import form_of
from portal.catalogue.models import Service
from portal.database import utcnow
from portal.dossiers import acknowledgement, forms, handling
from portal.dossiers.documents import send_document
from portal.dossiers.handling import scoped_dossiers
from portal.dossiers.models import Dossier, OutboxMessage
from portal.downloads import csv_download
from portal.extensions import db
from portal.i18n import current_locale
from portal.inputs import parse_id
from portal.registry.hosted_form import status_label
from portal.staff.access import requires
from portal.staff.models import User

PER_PAGE = 50
Page = str | Response | tuple[str, int]


def dossier_for(user: User, dossier_id: int) -> Dossier:
    """One dossier of the user's body; another body's is simply not found."""
    found: Dossier = db.first_or_404(scoped_dossiers(user).where(Dossier.id == dossier_id))
    return found


def seen_by(user: User, dossier_id: int, purpose: str) -> Dossier:
    """One dossier of the user's body, whose reading is recorded in its account's access log."""
    found = dossier_for(user, dossier_id)
    data_access.staff_saw(found.account_id, user.role, found.body.code, found.service.slug, purpose)
    db.session.commit()
    return found


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def filtered(statement: Select[Any], args: dict[str, str]) -> Select[Any]:
    """The queue's filters: service, status, submitted between two days, overdue, assigned."""
    service_id = parse_id(args.get("service"))
    if service_id is not None:
        statement = statement.where(Dossier.service_id == service_id)
    if args.get("status"):
        statement = statement.where(Dossier.status == args["status"])
    since, until = _day("since"), _day("until")
    if since:
        statement = statement.where(Dossier.submitted_at >= datetime.combine(since, time.min, UTC))
    if until:
        statement = statement.where(Dossier.submitted_at <= datetime.combine(until, time.max, UTC))
    if args.get("overdue"):
        statement = statement.where(Dossier.closed.is_(False), Dossier.due_at < utcnow())
    if args.get("assigned") == "me":
        statement = statement.where(Dossier.assigned_to_id == current_user.id)
    elif args.get("assigned") == "none":
        statement = statement.where(Dossier.assigned_to_id.is_(None))
    return statement


@requires("dossiers.handle")
def queue() -> Page:
    args = request.args.to_dict()
    hosted = select(Service).where(Service.body_id == current_user.body_id, Service.hosted.is_(True))
    services = list(db.session.scalars(hosted.order_by(Service.slug)))
    statuses: dict[str, str] = {}
    for service in services:
        form = form_of(service)
        for status in form.statuses if form else ():
            statuses.setdefault(status.code, status.labels.get(current_locale(), status.code))
    statement = filtered(scoped_dossiers(current_user), args)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    page = min(max(parse_id(args.get("page")) or 1, 1), max((total + PER_PAGE - 1) // PER_PAGE, 1))
    loaded = statement.options(selectinload(Dossier.service).selectinload(Service.texts),
                               selectinload(Dossier.assigned_to))  # fmt: skip
    shown = (
        loaded.order_by(Dossier.submitted_at.desc(), Dossier.id.desc()).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    )
    rows = db.session.scalars(shown)
    return render_template("dossiers/queue.html", dossiers=list(rows), services=services, statuses=statuses,
                           args=args, total=total, page=page, pages=max((total + PER_PAGE - 1) // PER_PAGE, 1),
                           now=utcnow(), labels=_status_label)  # fmt: skip


def _status_label(dossier: Dossier) -> str:
    return status_label(form_of(dossier.service), dossier.status, current_locale())


@requires("dossiers.handle")
def dossier(dossier_id: int) -> Page:
    found = seen_by(current_user, dossier_id, "case_handling")
    form = form_of(found.service)
    team = db.session.scalars(select(User).where(User.body_id == found.body_id, User.active.is_(True),
                                                 User.role.in_(("agent", "body_admin", "ministry_admin")))
                              .order_by(User.name))  # fmt: skip
    lists = [(name, item.metadata["label"].get(current_locale(), name)) for name, item in
             (form.schema().fields.items() if form else ()) if item.metadata.get("widget") == "table"]  # fmt: skip
    return render_template("dossiers/dossier.html", dossier=found, form=form, team=list(team), now=utcnow(),
                           lists=lists, verification=acknowledgement.verification_code(found),
                           answers=forms.answer_rows(form, found.answers, current_locale()) if form else [],
                           label=_status_label(found),
                           estimate=forms.estimate_rows(found.estimate, current_locale()))  # fmt: skip


@requires("dossiers.handle")
def change_status(dossier_id: int) -> Response:
    found = dossier_for(current_user, dossier_id)
    form = form_of(found.service)
    if form is None:
        flash(_("The service of this dossier is no longer hosted here: its status cannot change."), "danger")
        return redirect(url_for(".dossier", dossier_id=found.id))
    try:
        handling.change_status(found, form, request.form.get("status", ""), request.form.get("message", ""),
                               current_user)  # fmt: skip
    except handling.StepRefusedError:
        flash(_("This status cannot be given to the dossier now."), "danger")
    else:
        flash(_("The status has been changed and the applicant informed."), "success")
    return redirect(url_for(".dossier", dossier_id=found.id))


@requires("dossiers.handle")
def add_note(dossier_id: int) -> Response:
    found = dossier_for(current_user, dossier_id)
    text = request.form.get("note", "").strip()
    if not text:
        flash(_("Write the note before saving it."), "danger")
    else:
        handling.add_note(found, text, current_user)
        flash(_("The note has been added. The applicant does not see it."), "success")
    return redirect(url_for(".dossier", dossier_id=found.id))


@requires("dossiers.handle")
def assign(dossier_id: int) -> Response:
    found = dossier_for(current_user, dossier_id)
    chosen = parse_id(request.form.get("user"))
    assignee = None
    if chosen is not None:
        assignee = db.session.scalar(select(User).where(User.id == chosen, User.body_id == found.body_id,
                                                        User.active.is_(True)))  # fmt: skip
        if assignee is None:
            abort(404)
    handling.assign(found, assignee, current_user)
    flash(_("The dossier has been assigned."), "success")
    return redirect(url_for(".dossier", dossier_id=found.id))


@requires("dossiers.handle")
def document(dossier_id: int, document_id: int) -> Response:
    return send_document(seen_by(current_user, dossier_id, "document"), document_id, staff=True)


@requires("dossiers.handle")
def answer_list(dossier_id: int, name: str) -> Response:
    """A list the applicant gave (the wages of a declaration), as the CSV file it can be opened in."""
    found = seen_by(current_user, dossier_id, "answers")
    value = found.answers.get(name)
    if not isinstance(value, str):
        abort(404)
    lines = [line.split(";") for line in value.splitlines() if line.strip()]
    return csv_download(f"{found.reference}-{name}.csv", lines[0] if lines else [], lines[1:], delimiter=";")


@requires("outbox.read")
def outbox() -> Page:
    """The body's emails to applicants: like its dossiers, which they speak of, never another body's."""
    statement = select(OutboxMessage).where(OutboxMessage.body_id == current_user.body_id)
    statement = statement.order_by(OutboxMessage.id.desc()).limit(200)
    return render_template("dossiers/outbox.html", messages=list(db.session.scalars(statement)))
