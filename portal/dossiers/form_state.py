"""Where an applicant is in a hosted form, and where their next request takes them, for the pages and the API.

The pages send the form a step at a time: each request carries the state (the answers so far, the step, the
kept uploads, the idempotency key) and a move; :func:`advance` checks what it must (the step with the answers
so far, so that a rule across steps is checked as soon as it can be), and says which step to show, with which
errors, or sends the application. The JSON API sends everything at once through :func:`submit_application`,
the same final check and sending. :class:`FormState` is plain data, so that it could be stored between requests.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.catalogue.hosting import form_of, takes_applications
from portal.catalogue.models import Service
from portal.catalogue.queries import service_by_slug
from portal.clock import today
from portal.dossiers import forms, my_documents, prefill, uploads
from portal.dossiers.models import PendingUpload
from portal.dossiers.submission import (
    CONTACT_FIELDS,
    ContactSchema,
    Errors,
    KeyReusedError,
    Outcome,
    document_errors,
    estimate_of,
    is_anonymous,
    load_answers,
    load_contact,
    submit,
)
from portal.extensions import db
from portal.i18n import format_quantity
from portal.registry import get_registry
from portal.registry.current_rules import rules
from portal.registry.hosted_form import Exit, HostedForm, Step, exit_in
from portal.registry.rule_book import NoRuleError

Problem = Literal["invalid", "key_reused", "unavailable", "exit"]


def new_key() -> str:
    """A fresh idempotency key for a form that is starting (or must make a new application)."""
    return secrets.token_hex(16)


@dataclass(frozen=True)
class HostedService:
    """A published hosted service that takes applications now, with the form its plugin declares."""

    service: Service
    form: HostedForm

    @property
    def steps(self) -> list[Step]:
        return forms.steps_of(self.form)


def open_service(slug: str) -> HostedService | None:
    """The hosted service under ``slug`` if it is published, its body enabled, and it takes applications now."""
    service = service_by_slug(slug, list(get_registry().bodies))
    form = form_of(service) if service is not None else None
    if service is None or form is None or not takes_applications(service):
        return None
    return HostedService(service, form)


@dataclass
class FormState:
    """An application in progress: the answers so far and the contact as sent (text from the pages, JSON values from
    the API), the step shown, the tokens of the files already kept, and the key that makes sending it twice make
    one dossier."""

    step: int = 0
    answers: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] = field(default_factory=dict)
    uploads: list[str] = field(default_factory=list)
    key: str = field(default_factory=new_key)


@dataclass(frozen=True)
class Move:
    """What the applicant asked: the next step (or sending, on the last), the previous one, or an earlier one."""

    kind: Literal["next", "back", "goto"] = "next"
    target: int = 0  # for goto


@dataclass(frozen=True)
class StepInput:
    """One request of the pages: the state it carries, the move, the kept files to remove, the CSV files sent for
    lists (field -> content), the documents' files (document kind -> files), and the citizen's account signed in
    (the dossier records it), if any."""

    state: FormState
    move: Move = Move()
    removed: frozenset[str] = frozenset()
    tables: dict[str, bytes] = field(default_factory=dict)
    documents: dict[str, list[uploads.SentFile]] = field(default_factory=dict)
    account_id: int | None = None
    reused: dict[str, int] = field(default_factory=dict)  # document kind -> a document of the account sent before


@dataclass(frozen=True)
class StepShown:
    """A step to show (``state.step``), with the files kept so far, and errors when ``problem`` says why; or, when
    ``problem`` is ``exit``, the exit the answers lead to (``exit``: its code)."""

    state: FormState
    kept: list[PendingUpload]
    errors: Errors = field(default_factory=dict)
    problem: Problem | None = None
    exit: str | None = None


def refused_step(state: FormState, kept: list[PendingUpload], errors: Errors) -> StepShown:
    """The step ``state.step`` shown again with its errors, or the exit they name."""
    code = exit_in(errors)
    if code is not None:
        return StepShown(state, kept, errors, "exit", code)
    return StepShown(state, kept, errors, "invalid")


@dataclass(frozen=True)
class Refusal:
    """An application not sent: ``invalid`` (see the errors), or ``key_reused`` for another application."""

    problem: Problem
    errors: Errors


def start() -> StepShown:
    """The first step of a new application."""
    return StepShown(FormState(), [])


def advance(hosted: HostedService, sent: StepInput, locale: str) -> StepShown | Outcome:
    """Where this request takes the applicant: a step to show (with errors or not), or the dossier it made."""
    steps = hosted.steps
    kept = [upload for upload in uploads.pending_uploads(hosted.service, sent.state.uploads)
            if upload.token not in sent.removed]  # fmt: skip
    state = replace(sent.state, step=min(sent.state.step, len(steps) - 1), answers=dict(sent.state.answers),
                    uploads=[upload.token for upload in kept])  # fmt: skip
    errors = read_tables(hosted.form, sent.tables, state.answers)
    if sent.move.kind == "goto":
        return StepShown(replace(state, step=min(sent.move.target, state.step)), kept)
    if sent.move.kind == "back":
        return StepShown(replace(state, step=max(state.step - 1, 0)), kept)
    if state.step < len(steps) - 1:
        errors = {**check_step(hosted.form, steps, state.step, state.answers), **errors}
        if errors:
            first = forms.first_step_with(steps, errors, state.step)
            return refused_step(replace(state, step=min(first, state.step)), kept, errors)
        return StepShown(replace(state, step=state.step + 1), kept)
    return _send(hosted, state, kept, sent, errors, locale)


def read_tables(form: HostedForm, tables: dict[str, bytes], answers: dict[str, Any]) -> Errors:
    """A CSV file sent for a list replaces what was typed in it; a file that cannot be read is an error."""
    errors: Errors = {}
    for name, item in form.schema().fields.items():
        if item.metadata.get("widget") != "table" or name not in tables:
            continue
        try:
            answers[name] = forms.decode_csv(tables[name], forms.TABLE_FILE_BYTES)
        except ValueError as error:
            errors[name] = [str(error)]
    return errors


def check_step(form: HostedForm, steps: list[Step], step: int, answers: dict[str, Any]) -> Errors:
    """The errors of the fields up to ``step``, checked with the answers so far (a date against an earlier date);
    a rule that speaks of a later step's field waits for that step."""
    so_far = tuple(name for item in steps[: step + 1] for name in item.fields)
    _answers, errors = load_answers(form, {name: answers[name] for name in so_far if name in answers}, only=so_far)
    return {name: messages for name, messages in errors.items() if name in so_far or name == "_schema"}


def receive_documents(
    hosted: HostedService, kept: list[PendingUpload], sent: dict[str, list[uploads.SentFile]], errors: Errors,
    reused: dict[str, int] | None = None, account_id: int | None = None,
) -> list[PendingUpload]:  # fmt: skip
    """The files kept after this request: those kept before, and each file sent, checked and kept as pending, as
    long as the form keeps no more files of a document than it accepts; the refused ones are errors. A file sent
    for a document of one file replaces the one kept (once the new one is accepted): choosing a file again is how
    a person replaces it. A document of the account chosen instead of a file (``reused``) is copied as one."""
    received, reused = list(kept), reused or {}
    for document in hosted.form.documents:
        mine = [upload for upload in kept if upload.kind == document.kind]
        files, chosen = sent.get(document.kind, []), reused.get(document.kind)
        replacing = document.max_files == 1 and (bool(files) or chosen is not None) and bool(mine)
        room = document.max_files - (0 if replacing else len(mine))
        accepted, problems = uploads.receive(hosted.service, document, files, room)
        if chosen is not None:
            copied, refused = my_documents.choose(hosted.service, document, chosen, account_id, room - len(accepted))
            accepted, problems = accepted + copied, problems + refused
        if replacing and accepted:
            received = [upload for upload in received if upload not in mine]
            uploads.discard(mine)
        received += accepted
        if problems:
            errors.setdefault(f"document-{document.kind}", []).extend(problems)
    return received


def submit_application(
    hosted: HostedService, state: FormState, kept: list[PendingUpload], errors: Errors, locale: str,
    account_id: int | None = None,
) -> Outcome | Refusal:  # fmt: skip
    """Check every answer (with the plugin's rules across fields), the contact and the documents, then make the
    dossier (of ``account_id``, when a citizen is signed in); ``errors`` already found (files refused, say) refuse
    it too."""
    answers, answer_errors = load_answers(hosted.form, state.answers)
    contact, contact_errors = load_contact(hosted.form, answers, state.contact)
    errors = {**errors, **answer_errors, **contact_errors}
    for name, messages in document_errors(hosted.form, kept).items():
        errors.setdefault(name, messages)
    if errors:
        return Refusal("invalid", errors)
    try:
        return submit(hosted.service, hosted.form, answers, contact, kept, state.key, locale, account_id)
    except KeyReusedError:
        return Refusal("key_reused", {})


def _send(hosted: HostedService, state: FormState, kept: list[PendingUpload], sent: StepInput, errors: Errors,
          locale: str) -> StepShown | Outcome:  # fmt: skip
    """The last step: receive its files, then send the application, or say which step to correct and why."""
    kept = receive_documents(hosted, kept, sent.documents, errors, sent.reused, sent.account_id)
    state = replace(state, uploads=[upload.token for upload in kept])
    last = len(hosted.steps) - 1
    try:
        result = submit_application(hosted, state, kept, errors, locale, sent.account_id)
    except SQLAlchemyError:
        db.session.rollback()
        problem = gettext("Your application could not be saved because of a technical problem. Nothing you typed "
                          "or attached is lost: please send it again in a moment.")  # fmt: skip
        return StepShown(replace(state, step=last), kept, {"_schema": [problem]}, "unavailable")
    if isinstance(result, Outcome):
        return result
    if result.problem == "key_reused":
        problem = gettext("This form had already been sent with other answers: nothing new has been sent. Check "
                          "your answers below; sending this page again makes a new application.")  # fmt: skip
        return StepShown(replace(state, step=last, key=new_key()), kept, {"_schema": [problem]}, "key_reused")
    in_answers = [name for name in result.errors if name in hosted.form.schema().fields]
    step = forms.first_step_with(hosted.steps, in_answers, last)
    return refused_step(replace(state, step=step), kept, result.errors)


def step_page(hosted: HostedService, shown: StepShown, locale: str) -> dict[str, Any]:
    """What the page of the step shown needs: its fields with their values and errors, the other answers carried
    along hidden, the kept files; on the last step, the summary, the estimate and the contact fields."""
    steps, state, schema = hosted.steps, shown.state, hosted.form.schema()
    names = steps[state.step].fields
    marks = prefill.prefilled(hosted.form, state.answers)
    views = [replace(view, prefilled=view.name in marks, locked=marks.get(view.name, False))
             for view in forms.field_views(schema, names, state.answers, shown.errors, locale)]  # fmt: skip
    page: dict[str, Any] = {
        "service": hosted.service, "form": hosted.form, "steps": steps, "step": state.step, "key": state.key,
        "errors": shown.errors, "fields": views,
        "hidden": {name: value for name, value in state.answers.items() if name not in names},
        "kept": shown.kept, "documents": hosted.form.documents, "is_final": state.step == len(steps) - 1,
    }  # fmt: skip
    if page["is_final"]:
        page.update(_last_step_page(hosted, state, shown.errors, locale))
    return page


def _last_step_page(hosted: HostedService, state: FormState, errors: Errors, locale: str) -> dict[str, Any]:
    """The summary of valid answers with their estimate, and the contact fields (none for an anonymous report)."""
    form = hosted.form
    answers, problems = load_answers(form, state.answers)
    estimate = estimate_of(form, answers) if not problems else None
    return {
        "summary": forms.answer_rows(form, form.schema().dump(answers), locale) if not problems else [],
        "estimate": forms.estimate_rows(forms.estimate_data(estimate), locale),
        "estimate_note": estimate.note.get(locale, "") if estimate else "",
        "anonymous": is_anonymous(form, answers),
        "reusable": _reusable(form),
        "contact_fields": forms.field_views(ContactSchema(), CONTACT_FIELDS, state.contact, errors, locale),
    }


def _reusable(form: HostedForm) -> dict[str, list[my_documents.MyDocument]]:
    """The signed-in applicant's documents each document of the form accepts (none for an anonymous service)."""
    account_id = prefill.documents_owner(form)
    if account_id is None:
        return {}
    return {document.kind: my_documents.fitting(account_id, document) for document in form.documents}


def exit_page(hosted: HostedService, found: Exit, state: FormState, locale: str) -> dict[str, Any]:
    """What the exit page shows: why, the rules that decide it (each one's name, value and legal text in force
    today) or the legal text, what to do instead, and the step whose answers led there."""
    rows = [row for row in (_rule_row(code, locale) for code in found.rules) if row]
    legal = found.legal.get(locale, "")
    return {
        "service": hosted.service, "exit": found, "step": state.step,
        "title": found.titles.get(locale, ""), "why": found.why.get(locale, ""),
        "instead": found.instead.get(locale, ""),
        "legal": "" if any(legal == reference for _label, _value, reference in rows) else legal,  # said once
        "link": found.link, "link_label": found.link_label.get(locale, ""), "rules": rows,
    }  # fmt: skip


def _rule_row(code: str, locale: str) -> tuple[str, str, str] | None:
    """A rule as the exit page names it: its label, its value in force today and its legal text."""
    definition = get_registry().rules.get(code)
    try:
        applied = rules().at(code, today())
    except NoRuleError:
        return None
    label = definition.labels.get(locale, code) if definition else code
    return label, format_quantity(str(applied.value), definition.unit if definition else ""), applied.cites(locale)
