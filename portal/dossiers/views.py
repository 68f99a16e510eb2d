"""The applicant's pages: the form of a hosted service, step by step; the receipt; tracking and answering."""

from __future__ import annotations

import re
import time

from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.catalogue.hosting import form_of
from portal.current_account import allowed_service, current_account_id, current_acting
from portal.dossiers import (
    acknowledgement,
    documents,
    drafts,
    form_state,
    forms,
    handling,
    lists,
    notifications,
    prefill,
    references,
    represented,
    uploads,
)
from portal.dossiers.models import Dossier
from portal.dossiers.submission import ContactSchema, Errors, Outcome
from portal.dossiers.throttles import acknowledgement_limit, draft_quota, tracking_limit, upload_quota
from portal.downloads import csv_download
from portal.extensions import db
from portal.i18n import Translated, current_locale
from portal.inputs import parse_id
from portal.registry.hosted_form import Document, HostedForm

KEY = re.compile(r"^[0-9a-f]{32}$")
REPLY_DOCUMENTS = 5  # files an applicant may attach to one answer
REPLY_DOCUMENT = Document("reply", Translated("Attached document"), required=False)
Page = str | Response | tuple[str, int]
STEP_STATUS = {None: 200, "invalid": 422, "key_reused": 409, "unavailable": 503}
# The receipt shows the tracking code to the browser that sent the application for this long. The session
# cookie only says when it was sent (it is signed, not encrypted: it never holds the code).
RECEIPT_SHOWS_CODE = 3600  # seconds


def _hosted_or_404(slug: str) -> form_state.HostedService:
    """The hosted service; a service that needs an account sends an anonymous visitor to sign in, then back."""
    hosted = form_state.open_service(slug)
    if hosted is None or not allowed_service(slug):  # a representative reaches its mandate's services only
        abort(404)
    if prefill.needs_sign_in(hosted.form):
        back = request.path if request.method == "GET" else url_for(".apply", slug=slug)
        abort(redirect(url_for("accounts.sign_in", next=back)))
    return hosted


@draft_quota
@upload_quota
def apply(slug: str) -> Response:
    """A new application: a draft of its own (two tabs, two drafts), whose first step is shown. A page that
    still posts here (one opened before drafts) is answered as a step of a new draft."""
    hosted = _hosted_or_404(slug)
    token = drafts.new_token()
    if request.method == "POST":
        return _advance(hosted, token)
    return redirect(url_for(".apply_step", slug=slug, draft=token, step=0))


@upload_quota
def apply_post(slug: str, draft: str) -> Response:
    """A step sent: its answer is kept in the draft, then the browser is sent to the step to show (303)."""
    hosted = _hosted_or_404(slug)
    if not _owned(hosted, draft):
        return redirect(url_for(".apply", slug=slug))
    return _advance(hosted, draft)


def _owned(hosted: form_state.HostedService, draft: str) -> bool:
    return bool(KEY.match(draft)) and drafts.owns(hosted.service, draft)


def _advance(hosted: form_state.HostedService, token: str) -> Response:
    result = form_state.advance(hosted, _step_input(hosted.form), current_locale())
    slug = hosted.service.slug
    if isinstance(result, Outcome):
        drafts.sent(hosted.service, token, result.dossier.reference)
        return _to_receipt(result)
    drafts.save(hosted.service, token, result)
    if result.problem == "exit":
        return redirect(url_for(".apply_exit", slug=slug, draft=token), 303)
    pages = lists.pages_asked(hosted.form)  # the page of a list the applicant was reading
    return redirect(url_for(".apply_step", slug=slug, draft=token, step=result.state.step, **pages), 303)


def apply_step(slug: str, draft: str, step: int) -> Page:
    """A step of the form, read from the draft: Back and reload show it again, with the answers given."""
    hosted = _hosted_or_404(slug)
    if not _owned(hosted, draft):
        return redirect(url_for(".apply", slug=slug))
    saved = drafts.load(hosted.service, draft) or drafts.Saved(form_state.FormState())
    if saved.reference:
        return redirect(url_for(".receipt", reference=saved.reference))
    if step > saved.state.step:  # a step not reached yet: the one the applicant is at
        return redirect(url_for(".apply_step", slug=slug, draft=draft, step=saved.state.step))
    here = step == saved.state.step and saved.problem != "exit"
    kept = uploads.pending_uploads(hosted.service, saved.state.uploads)
    answers = prefill.fill(hosted.form, saved.state.answers)
    state = form_state.FormState(step, answers, saved.state.contact, [upload.token for upload in kept],
                                 saved.state.key)  # fmt: skip
    problem = saved.problem if here and saved.problem in STEP_STATUS else None
    shown = form_state.StepShown(state, kept, saved.errors if here else {}, problem)  # type: ignore[arg-type]
    page = form_state.step_page(hosted, shown, current_locale())
    return render_template("dossiers/apply.html", draft=draft, **page), STEP_STATUS[problem]


def apply_exit(slug: str, draft: str) -> Page:
    """The exit the answers led to: why the service is not for this person, the rule, what to do instead."""
    hosted = _hosted_or_404(slug)
    if not _owned(hosted, draft):
        return redirect(url_for(".apply", slug=slug))
    saved = drafts.load(hosted.service, draft)
    found = hosted.form.exit(saved.exit) if saved and saved.exit else None
    if saved is None or found is None:
        return redirect(url_for(".apply_step", slug=slug, draft=draft, step=0))
    return render_template("dossiers/exit.html", **form_state.exit_page(hosted, found, saved.state,
                                                                         current_locale()), draft=draft)  # fmt: skip


def _step_input(form: HostedForm) -> form_state.StepInput:
    """What a step's page sent: the state it carries, the move asked for, the files to remove and those sent."""
    key = request.form.get("key", "")
    state = form_state.FormState(
        step=parse_id(request.form.get("step", "0")) or 0,
        answers=prefill.lock(form, forms.raw_values(form.schema(), request.form)),
        contact=forms.raw_values(ContactSchema(), request.form),
        uploads=request.form.getlist("upload"),
        key=key if KEY.match(key) else form_state.new_key(),
    )
    return form_state.StepInput(
        state, _move(request.form.get("action", "next")), frozenset(request.form.getlist("remove")),
        tables=_tables(form), documents={item.kind: _sent(f"document-{item.kind}") for item in form.documents},
        account_id=prefill.applicant_id(form), reused=_reused(form),
    )  # fmt: skip


def _reused(form: HostedForm) -> dict[str, int]:
    """The documents sent before chosen instead of a file (``reuse-<kind>``: a document's id)."""
    if prefill.documents_owner(form) is None:
        return {}
    chosen = {item.kind: parse_id(request.form.get(f"reuse-{item.kind}", "")) for item in form.documents}
    return {kind: document_id for kind, document_id in chosen.items() if document_id is not None}


def _move(action: str) -> form_state.Move:
    """``back``, ``goto-<step>`` (the buttons that change an answer), else the next step."""
    chosen = parse_id(action.removeprefix("goto-")) if action.startswith("goto-") else None
    if chosen is not None:
        return form_state.Move("goto", chosen)
    return form_state.Move("back") if action == "back" else form_state.Move()


def _tables(form: HostedForm) -> dict[str, bytes]:
    """The CSV files sent for the form's lists (``<field>-file``), read up to just past their limit."""
    found = {}
    for name, item in form.schema().fields.items():
        file = request.files.get(f"{name}-file")
        if item.metadata.get("widget") == "table" and file and file.filename:
            found[name] = uploads.read_limited(file.stream, forms.TABLE_FILE_BYTES)
    return found


def _sent(name: str) -> list[uploads.SentFile]:
    """The files sent under ``name`` (an empty file input sends one without a name: not a file)."""
    return [uploads.SentFile(file.filename, file.stream) for file in request.files.getlist(name)
            if file and file.filename]  # fmt: skip


def _to_receipt(outcome: Outcome) -> Response:
    """This browser sent the application: it may see the receipt's tracking code for a while, and follow it."""
    reference = outcome.dossier.reference
    receipts = dict(session.get("receipts", {}))
    receipts[reference] = int(time.time())
    session["receipts"] = dict(list(receipts.items())[-5:])
    _remember(reference)
    return redirect(url_for(".receipt", reference=reference))


def table_template(slug: str, name: str) -> Response:
    """The CSV template of a list of a hosted form: its header and an example line, in the page's language."""
    item = _hosted_or_404(slug).form.schema().fields.get(name)
    if item is None or item.metadata.get("widget") != "table":
        abort(404)
    locale = current_locale()
    header = [labels.get(locale, code) for code, labels in item.metadata["columns"].items()]
    return csv_download(f"{slug}-{name}.csv", header, [item.metadata["example"]] if item.metadata["example"] else [],
                        delimiter=";")  # fmt: skip


def receipt(reference: str) -> Page:
    """The receipt, for the browser that sent the application (or proved it holds the code): references follow
    each other, so a stranger's guess must not reveal a service or an email address."""
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    sent_at = session.get("receipts", {}).get(dossier.reference)
    recent = isinstance(sent_at, int) and time.time() - sent_at < RECEIPT_SHOWS_CODE
    code = references.tracking_code(dossier.reference) if recent else None
    email = notifications.confirmation(dossier)
    return render_template("dossiers/receipt.html", dossier=dossier, code=code, email=email,
                           facts=acknowledgement.acknowledgement_of(dossier, current_locale()))  # fmt: skip


@acknowledgement_limit
def acknowledgement_pdf(reference: str) -> Response:
    """The acknowledgement of receipt as a PDF, for whoever may see the receipt: the browser that sent the
    application, or one that gave the reference and the tracking code."""
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    return acknowledgement.pdf_response(dossier, current_locale())


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
    if dossier is None or not references.code_is_right(dossier, code):
        error = _("This reference and tracking code do not match any dossier. Check them and try again.")
        return render_template("dossiers/track_form.html", reference=reference, error=error), 422
    _remember(dossier.reference)
    return redirect(url_for(".track", reference=dossier.reference))


def _tracked_or_redirect(reference: str) -> Dossier | Response:
    """The dossier, for a browser that proved it holds the tracking code, or for its owner's account signed in;
    else the tracking form."""
    if reference in session.get("tracked", []):
        return _dossier_or_404(reference)
    account_id, acting = current_account_id(), current_acting()
    reference = references.normalise_reference(reference)
    mine = select(Dossier).where(Dossier.reference == reference)
    mine = mine.where(*represented.reached_by(acting)) if acting else mine.where(Dossier.account_id == account_id)
    dossier = db.session.scalar(mine) if account_id is not None else None
    if dossier is None:
        return redirect(url_for(".track_form", reference=reference))
    represented.record(represented.OPENED, dossier.service.slug, acting)
    db.session.commit()
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
    accepted, refused = uploads.receive(dossier.service, REPLY_DOCUMENT, _sent("documents"), REPLY_DOCUMENTS)
    if refused:
        errors["documents"] = refused
    if errors:
        return _tracking_page(dossier, errors, text), 422
    try:
        handling.reply(dossier, form, text, accepted)
    except handling.StepRefusedError:
        return _tracking_page(
            dossier, {"message": [_("This dossier is not waiting for an answer from you.")]}, text
        ), 409
    represented.record(represented.REPLIED, dossier.service.slug)
    db.session.commit()
    return redirect(url_for(".track", reference=dossier.reference, _anchor="history"))


def document(reference: str, document_id: int) -> Response:
    dossier = _tracked_or_redirect(reference)
    if isinstance(dossier, Response):
        return dossier
    return documents.send_document(dossier, document_id, staff=False)
