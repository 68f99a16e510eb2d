"""The applicant's pages: the form of a hosted service, step by step; the receipt; tracking and answering."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from portal.catalogue.hosting import form_of, takes_applications
from portal.catalogue.models import Service
from portal.catalogue.queries import service_by_slug
from portal.dossiers import documents, forms, handling, references, uploads
from portal.dossiers.models import Dossier, PendingUpload
from portal.dossiers.submission import (
    CONTACT_FIELDS,
    ContactSchema,
    Errors,
    KeyReusedError,
    document_errors,
    estimate_of,
    load_answers,
    load_contact,
    submit,
)
from portal.dossiers.throttles import tracking_limit, upload_quota
from portal.downloads import csv_download
from portal.extensions import db
from portal.i18n import current_locale
from portal.inputs import parse_id
from portal.registry import get_registry
from portal.registry.hosted_form import Document, HostedForm

KEY = re.compile(r"^[0-9a-f]{32}$")
TABLE_FILE_BYTES = 5 * 1024 * 1024  # a list of 10,000 workers takes about 600 kB
REPLY_DOCUMENTS = 5  # files an applicant may attach to one answer
REPLY_DOCUMENT = Document("reply", {"ar": "وثيقة مرفقة", "fr": "Pièce jointe"}, required=False)
Page = str | Response | tuple[str, int]
# The receipt shows the tracking code to the browser that sent the application for this long. The session
# cookie only says when it was sent (it is signed, not encrypted: it never holds the code).
RECEIPT_SHOWS_CODE = 3600  # seconds


def open_service(slug: str) -> tuple[Service, HostedForm]:
    """A published hosted service that takes applications now, with its form; else 404."""
    service = service_by_slug(slug, list(get_registry().bodies))
    form = form_of(service) if service is not None else None
    if service is None or form is None or not takes_applications(service):
        abort(404)
    return service, form


@upload_quota
def apply(slug: str) -> Page:
    service, form = open_service(slug)
    steps = forms.steps_of(form)
    if request.method == "GET":
        return _render(service, form, 0, {}, {}, {}, [], secrets.token_hex(16))
    raw = forms.raw_values(form.schema(), request.form)
    loaded = _table_files(form, raw)
    contact = forms.raw_values(ContactSchema(), request.form)
    key = request.form.get("key", "")
    if not KEY.match(key):
        key = secrets.token_hex(16)
    kept = [item for item in uploads.pending_uploads(service, request.form.getlist("upload"))
            if item.token not in request.form.getlist("remove")]  # fmt: skip
    posted_step = request.form.get("step", "0")
    step = min(parse_id(posted_step) or 0, len(steps) - 1)
    action = request.form.get("action", "next")
    chosen = parse_id(action.removeprefix("goto-")) if action.startswith("goto-") else None
    if chosen is not None:
        return _render(service, form, min(chosen, step), raw, contact, {}, kept, key)
    if action == "back":
        return _render(service, form, max(step - 1, 0), raw, contact, {}, kept, key)
    if step < len(steps) - 1:
        # The answers so far, so that a rule across steps (a date against an earlier date) is checked now.
        so_far = tuple(name for item in steps[: step + 1] for name in item.fields)
        _answers, errors = load_answers(form, {name: raw[name] for name in so_far if name in raw}, only=so_far)
        errors.update(loaded)
        if errors:
            first = forms.first_step_with(steps, errors, step)
            return _render(service, form, min(first, step), raw, contact, errors, kept, key), 422
        return _render(service, form, step + 1, raw, contact, {}, kept, key)
    return _submit(service, form, raw, contact, kept, key, loaded)


def _submit(service: Service, form: HostedForm, raw: dict[str, str], contact_raw: dict[str, str],
            kept: list[PendingUpload], key: str, errors: Errors) -> Page:  # fmt: skip
    steps = forms.steps_of(form)
    kept = kept + _receive_files(service, form, kept, errors)
    answers, answer_errors = load_answers(form, raw)
    contact, contact_errors = load_contact(form, answers, contact_raw)
    errors.update(answer_errors)
    errors.update(contact_errors)
    for name, messages in document_errors(form, kept).items():
        errors.setdefault(name, messages)
    if errors:
        in_answers = [name for name in errors if name in form.schema().fields]
        first = forms.first_step_with(steps, in_answers, len(steps) - 1)
        return _render(service, form, first, raw, contact_raw, errors, kept, key), 422
    try:
        outcome = submit(service, form, answers, contact, kept, key, current_locale())
    except KeyReusedError:
        problem = {
            "_schema": [
                _(
                    "This form had already been sent with other answers: nothing new has been sent. "
                    "Check your answers below; sending this page again makes a new application."
                )
            ]
        }
        return _render(service, form, len(steps) - 1, raw, contact_raw, problem, kept, secrets.token_hex(16)), 409
    except SQLAlchemyError:
        db.session.rollback()
        problem = {"_schema": [_("Your application could not be saved because of a technical problem. Nothing you "
                                 "typed or attached is lost: please send it again in a moment.")]}  # fmt: skip
        return _render(service, form, len(steps) - 1, raw, contact_raw, problem, kept, key), 503
    receipts = dict(session.get("receipts", {}))
    receipts[outcome.dossier.reference] = int(time.time())
    session["receipts"] = dict(list(receipts.items())[-5:])
    _remember(outcome.dossier.reference)
    return redirect(url_for(".receipt", reference=outcome.dossier.reference))


def _table_files(form: HostedForm, raw: dict[str, str]) -> Errors:
    """A CSV file sent for a list replaces what was typed in it; a file that cannot be read is an error."""
    errors: Errors = {}
    for name, item in form.schema().fields.items():
        file = request.files.get(f"{name}-file")
        if item.metadata.get("widget") != "table" or not file or not file.filename:
            continue
        try:
            raw[name] = forms.decode_csv(uploads.read_limited(file.stream, TABLE_FILE_BYTES), TABLE_FILE_BYTES)
        except ValueError as error:
            errors[name] = [str(error)]
    return errors


def table_template(slug: str, name: str) -> Response:
    """The CSV template of a list of a hosted form: its header and an example line, in the page's language."""
    _service, form = open_service(slug)
    item = form.schema().fields.get(name)
    if item is None or item.metadata.get("widget") != "table":
        abort(404)
    locale = current_locale()
    header = [labels.get(locale, code) for code, labels in item.metadata["columns"].items()]
    return csv_download(f"{slug}-{name}.csv", header, [item.metadata["example"]] if item.metadata["example"] else [],
                        delimiter=";")  # fmt: skip


def _receive_files(
    service: Service, form: HostedForm, kept: list[PendingUpload], errors: Errors
) -> list[PendingUpload]:
    """Each file sent with this request, checked and kept as pending, as long as the form keeps no more files of
    a document than it accepts (kept ones included); the refused ones are errors."""
    received = []
    for document in form.documents:
        room = document.max_files - sum(1 for upload in kept if upload.kind == document.kind)
        received += _receive(service, document, f"document-{document.kind}", errors, room)
    return received


def _receive(service: Service, document: Document, name: str, errors: Errors, room: int) -> list[PendingUpload]:
    """At most ``room`` files sent under ``name``, checked and kept; a file past that is refused, not stored."""
    accepted = []
    files = [file for file in request.files.getlist(name) if file and file.filename]
    if len(files) > room:
        label = document.labels.get(current_locale(), "")
        errors.setdefault(name, []).append(_("Attach at most %(count)s files for “%(document)s”.",
                                             count=document.max_files, document=label))  # fmt: skip
    for file in files[: max(room, 0)]:
        data = uploads.read_limited(file.stream, document.max_bytes)
        try:
            accepted.append(uploads.keep_pending(service, document, file.filename, data))
        except uploads.RefusedFileError as refused:
            errors.setdefault(name, []).append(refused.message)
    return accepted


def _render(service: Service, form: HostedForm, step: int, raw: dict[str, str], contact: dict[str, str],
            errors: Errors, kept: list[PendingUpload], key: str) -> str:  # fmt: skip
    steps = forms.steps_of(form)
    locale = current_locale()
    schema = form.schema()
    shown = set(steps[step].fields)
    context: dict[str, Any] = {
        "service": service, "form": form, "steps": steps, "step": step, "key": key, "errors": errors,
        "fields": forms.field_views(schema, steps[step].fields, raw, errors, locale),
        "hidden": {name: value for name, value in raw.items() if name not in shown},
        "kept": kept, "documents": form.documents, "is_final": step == len(steps) - 1,
    }  # fmt: skip
    if context["is_final"]:
        answers, problems = load_answers(form, raw)
        context["summary"] = forms.answer_rows(form, schema.dump(answers), locale) if not problems else []
        estimate = estimate_of(form, answers) if not problems else None
        context["estimate"] = forms.estimate_rows(forms.estimate_data(estimate), locale)
        context["estimate_note"] = estimate.note.get(locale, "") if estimate else ""
        context["anonymous"] = bool(form.anonymous_field and answers.get(form.anonymous_field) is True)
        context["contact_fields"] = forms.field_views(ContactSchema(), CONTACT_FIELDS, contact, errors, locale)
    return render_template("dossiers/apply.html", **context)


def receipt(reference: str) -> Page:
    """The receipt, for the browser that sent the application (or proved it holds the code): references follow
    each other, so a stranger's guess must not reveal a service or an email address."""
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    sent_at = session.get("receipts", {}).get(dossier.reference)
    recent = isinstance(sent_at, int) and time.time() - sent_at < RECEIPT_SHOWS_CODE
    code = references.tracking_code(dossier.reference) if recent else None
    return render_template("dossiers/receipt.html", dossier=dossier, code=code)


def _dossier_or_404(reference: str) -> Dossier:
    found: Dossier | None = db.session.scalar(
        select(Dossier).where(Dossier.reference == references.normalise_reference(reference))
    )
    if found is None:
        abort(404)
    return found


def _remember(reference: str) -> None:
    """This browser proved it holds the tracking code of ``reference`` (kept in the signed session)."""
    tracked = [item for item in session.get("tracked", []) if item != reference]
    session["tracked"] = [*tracked, reference][-10:]


@tracking_limit("POST")
def track_form() -> Page:
    reference = references.normalise_reference(request.values.get("reference", ""))
    if request.method == "GET":
        return render_template("dossiers/track_form.html", reference=reference, error=None)
    code = request.form.get("code", "")
    dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference)) if reference else None
    if dossier is None or not references.code_matches(dossier.reference, code, dossier.tracking_hash):
        error = _("This reference and tracking code do not match any dossier. Check them and try again.")
        return render_template("dossiers/track_form.html", reference=reference, error=error), 422
    _remember(dossier.reference)
    return redirect(url_for(".track", reference=dossier.reference))


def _tracked_or_redirect(reference: str) -> Dossier | Response:
    dossier = _dossier_or_404(reference) if reference in session.get("tracked", []) else None
    if dossier is None:
        return redirect(url_for(".track_form", reference=reference))
    return dossier


def track(reference: str) -> Page:
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    return _tracking_page(dossier, {})


def _tracking_page(dossier: Dossier, errors: Errors, typed: str = "") -> str:
    form = form_of(dossier.service)
    locale = current_locale()
    status = form.status(dossier.status) if form else None
    return render_template(
        "dossiers/track.html", dossier=dossier, form=form, status=status, errors=errors, typed=typed,
        estimate=forms.estimate_rows(dossier.estimate, locale),
        answers=forms.answer_rows(form, dossier.answers, locale) if form else [],
        events=[event for event in dossier.events if event.public],
    )  # fmt: skip


@upload_quota
def reply(reference: str) -> Page:
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    form = form_of(dossier.service)
    if form is None:
        abort(404)
    text = request.form.get("message", "").strip()
    errors: Errors = {}
    if not text:
        errors["message"] = [_("Write your answer.")]
    accepted = _receive(dossier.service, REPLY_DOCUMENT, "documents", errors, REPLY_DOCUMENTS)
    if errors:
        return _tracking_page(dossier, errors, text), 422
    try:
        handling.reply(dossier, form, text, accepted)
    except handling.StepRefusedError:
        return _tracking_page(
            dossier, {"message": [_("This dossier is not waiting for an answer from you.")]}, text
        ), 409
    return redirect(url_for(".track", reference=dossier.reference, _anchor="history"))


def document(reference: str, document_id: int) -> Response:
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    return documents.send_document(dossier, document_id)
