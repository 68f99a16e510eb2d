"""The service editor (back office): Arabic and French side by side, preview, workflow steps, revisions."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.catalogue import workflow
from portal.catalogue.content import differences, from_form, problems_to_save
from portal.catalogue.models import Revision, Service, Term
from portal.catalogue.scope import service_for
from portal.extensions import db
from portal.inputs import parse_id
from portal.staff.access import requires

Page = str | Response | tuple[str, int]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _locales() -> list[str]:
    return list(current_app.config["LOCALES"])


def _form_lists() -> dict[str, list[str]]:
    return {name: request.form.getlist(name) for name in ("audiences", "life_events", "channels")}


@requires("services.edit")
def edit(service_id: int) -> Page:
    service = service_for(current_user, service_id)
    data, version, state = workflow.working_copy(service)
    if request.method == "GET":
        return _editor(service, data, version, state)
    typed = from_form(request.form, _form_lists(), _locales())
    problems = problems_to_save(typed)
    if problems:
        return _editor(service, typed, parse_id(request.form.get("version")) or 0, state, problems=problems), 422
    try:
        workflow.save(service, typed, parse_id(request.form.get("version")) or 0, current_user)
    except workflow.ConflictError as conflict:
        theirs = conflict.draft
        return _editor(service, typed, theirs.version, theirs.state, conflict=theirs,
                       changes=differences(typed, theirs.data)), 409  # fmt: skip
    flash(_("The draft has been saved."), "success")
    return redirect(url_for(".edit", service_id=service.id))


def _editor(service: Service | None, data: dict[str, Any], version: int, state: str, **extra: Any) -> str:
    body = service.body if service is not None else current_user.body
    terms = db.session.scalars(select(Term).order_by(Term.vocabulary, Term.position))
    draft = workflow.draft_of(service) if service is not None else None
    checklist = workflow.checklist(service, draft) if service is not None and draft is not None else []
    return render_template(
        "catalogue/edit.html", service=service, body=body, data=data, version=version, state=state,
        draft=draft, checklist=checklist, terms=list(terms), locales=_locales(), problems=extra.pop("problems", {}),
        **extra,
    )  # fmt: skip


@requires("services.edit")
def create() -> Page:
    empty = {"texts": {locale: {} for locale in _locales()}, "domain": "", "audiences": [], "life_events": [],
             "channels": [], "status": "planned", "maturity": 1, "payment": "none", "planned_live_on": ""}  # fmt: skip
    if request.method == "GET":
        return _editor(None, empty, 0, "draft")
    typed = from_form(request.form, _form_lists(), _locales())
    slug = request.form.get("slug", "").strip()
    problems = problems_to_save(typed)
    if not SLUG.match(slug):
        problems["slug"] = _("The address name uses lowercase letters, digits and hyphens only.")
    elif db.session.scalar(select(Service.id).where(Service.slug == slug)) is not None:
        problems["slug"] = _("Another service already has this address name.")
    if problems:
        return _editor(None, typed, 0, "draft", problems=problems, slug=slug), 422
    service = workflow.create(current_user.body, slug, typed, current_user)
    flash(_("The service has been created as a draft."), "success")
    return redirect(url_for(".edit", service_id=service.id))


@requires("services.edit")
def submit(service_id: int) -> Response:
    return _step(service_id, workflow.submit, _("The draft has been sent for review."))


@requires("services.review")
def send_back(service_id: int) -> Response:
    comment = request.form.get("comment", "")
    return _step(service_id, lambda service, user: workflow.send_back(service, comment, user),
                 _("The draft has been sent back to its editors."))  # fmt: skip


@requires("services.review")
def publish(service_id: int) -> Response:
    return _step(service_id, workflow.publish, _("The service has been published."))


@requires("services.review")
def retire(service_id: int) -> Response:
    return _step(service_id, workflow.retire, _("The service has been withdrawn from the catalogue."))


def _step(service_id: int, action: Any, done: str) -> Response:
    service = service_for(current_user, service_id)
    try:
        action(service, current_user)
    except workflow.WorkflowError as error:
        db.session.rollback()
        for problem in error.problems or [_("This step is not possible in the service's current state.")]:
            flash(problem, "danger")
    else:
        flash(done, "success")
    return redirect(url_for(".edit", service_id=service.id))


@requires("services.read")
def preview(service_id: int) -> Page:
    """The draft as a citizen would see it, in the page's language (the language switch shows the other)."""
    service = service_for(current_user, service_id)
    data, _version, _state = workflow.working_copy(service)
    terms = {(term.vocabulary, term.code): term for term in db.session.scalars(select(Term))}
    texts = {code: SimpleNamespace(**values) for code, values in data["texts"].items()}
    shown = SimpleNamespace(
        slug=service.slug, body=service.body, status=data["status"], maturity=data["maturity"],
        updated_at=service.updated_at, domain=terms[("domain", data["domain"])],
        channels=[channel for channel in service.body.channels if channel.code in data["channels"]],
        text=lambda code: texts.get(code), terms_of=lambda name: [
            terms[(name, code)] for code in data["audiences" if name == "audience" else "life_events"]],
    )  # fmt: skip
    return render_template("catalogue/service.html", service=shown, structured_data={}, preview=True)


@requires("services.read")
def history(service_id: int) -> Page:
    service = service_for(current_user, service_id)
    found = workflow.revisions(service)
    numbers = [revision.number for revision in found]
    older = request.args.get("a", type=int) or (numbers[-2] if len(numbers) > 1 else None)
    newer = request.args.get("b", type=int) or (numbers[-1] if numbers else None)
    by_number: dict[int, Revision] = {revision.number: revision for revision in found}
    changes = []
    if older in by_number and newer in by_number:
        changes = differences(by_number[older].data, by_number[newer].data)
    return render_template("catalogue/history.html", service=service, revisions=found, older=older,
                           newer=newer, changes=changes)  # fmt: skip
