"""What a hosted service does with an application, whether it comes from the pages or from the JSON API:
validate the answers, the contact and the documents, then make the dossier in one transaction."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_babel import gettext
from marshmallow import EXCLUDE, Schema, ValidationError
from marshmallow.decorators import VALIDATES_SCHEMA
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.catalogue.models import Service
from portal.database import utcnow
from portal.dossiers import antivirus, forms, notifications, references, represented
from portal.dossiers.models import SCAN_PENDING, Dossier, DossierDocument, DossierEvent, PendingUpload
from portal.extensions import db
from portal.i18n import Translated, current_locale
from portal.registry import fields
from portal.registry.hosted_form import Estimate, ExitNotice, HostedForm

Errors = dict[str, list[str]]
CONTACT_FIELDS = ("applicant_name", "applicant_email", "applicant_phone")


class ContactSchema(Schema):
    """How the body reaches the applicant; the same for every hosted service."""

    applicant_name = fields.text(
        Translated("Full name"), max_length=200, autocomplete="name", named=Translated("your full name")
    )
    applicant_email = fields.email(
        Translated("Email address"),
        Translated("To be told of each step of the handling of your dossier."),
        required=False,
    )
    applicant_phone = fields.phone(Translated("Telephone number"))


def flatten(messages: Mapping[str, Any], schema: Schema | None = None) -> Errors:
    """marshmallow's messages as field -> messages in the applicant's language, each naming its field (the
    ``schema``'s label in front of those that do not)."""
    found: Errors = {}
    for name, value in messages.items():
        items = value if isinstance(value, list) else [value]
        item = schema.fields.get(name) if schema is not None else None
        label = item.metadata.get("label") if item is not None else None
        found[name] = [message if isinstance(message, ExitNotice) else fields.localise(message, label)
                       for message in items if not isinstance(message, dict)]  # fmt: skip
    return found


def load_answers(form: HostedForm, raw: Mapping[str, Any], only: tuple[str, ...] | None = None) -> tuple[dict, Errors]:
    """Validated answers (all of them, with the plugin's cross-field rules, or only some fields), or errors: every
    error at once, those of the cross-field rules on the well-formed answers included."""
    schema = form.schema(only=only) if only else form.schema()
    try:
        return schema.load(dict(raw), unknown=EXCLUDE), {}
    except ValidationError as error:
        errors = flatten(error.normalized_messages(), schema)
        valid = error.valid_data if isinstance(error.valid_data, dict) else {}
        for name, messages in rules_on_well_formed(schema, valid).items():
            errors.setdefault(name, []).extend(message for message in messages if message not in errors[name])
        return {}, errors


def rules_on_well_formed(schema: Schema, valid: dict[str, Any]) -> Errors:
    """The errors of the schema's cross-field rules that marshmallow skips once a field is malformed, run on the
    well-formed answers: a wrong number and an age over the limit show together. A rule that cannot read what
    it needs from part of the answers (a missing key) waits until the fields it reads are well-formed."""
    found: Errors = {}
    for name, many, options in schema._hooks[VALIDATES_SCHEMA]:
        if many or not options.get("skip_on_field_errors", True):
            continue  # marshmallow ran it already
        try:
            getattr(schema, name)(dict(valid), partial=None, many=False, unknown=EXCLUDE)
        except ValidationError as refused:
            for key, messages in flatten(refused.normalized_messages(), schema).items():
                found.setdefault(key, []).extend(messages)
        except (KeyError, TypeError):
            continue
    return found


def is_anonymous(form: HostedForm, answers: Mapping[str, Any]) -> bool:
    return bool(form.anonymous_field and answers.get(form.anonymous_field) is True)


def load_contact(form: HostedForm, answers: Mapping[str, Any], raw: Mapping[str, Any]) -> tuple[dict, Errors]:
    if is_anonymous(form, answers):
        return dict.fromkeys(CONTACT_FIELDS, ""), {}
    schema = ContactSchema()
    try:
        return schema.load(dict(raw), unknown=EXCLUDE), {}
    except ValidationError as error:
        return {}, flatten(error.normalized_messages(), schema)


def document_errors(form: HostedForm, uploads: list[PendingUpload]) -> Errors:
    errors: Errors = {}
    for document in form.documents:
        count = sum(1 for upload in uploads if upload.kind == document.kind)
        label = document.labels.get(current_locale(), "")
        if document.required and count == 0:
            errors[f"document-{document.kind}"] = [gettext("Attach “%(document)s”.", document=label)]
        elif count > document.max_files:
            errors[f"document-{document.kind}"] = [
                gettext("Attach at most %(count)s files for “%(document)s”.", count=document.max_files, document=label)
            ]
    return errors


def estimate_of(form: HostedForm, answers: Mapping[str, Any]) -> Estimate | None:
    return form.estimate(answers) if form.estimate is not None else None


@dataclass(frozen=True)
class Outcome:
    dossier: Dossier
    tracking_code: str
    created: bool  # False: the same application was sent again, the first dossier is returned


class KeyReusedError(Exception):
    """The idempotency key already made a dossier from another application: nothing is created, nothing shown."""


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def request_digest(answers: Mapping[str, Any], contact: Mapping[str, str], uploads: list[PendingUpload]) -> str:
    """What identifies an application, whichever way it came: its answers (as stored), its contact, and its
    documents by kind and content. A replay has the same; another application under the same key does not."""
    canonical = {
        "answers": answers, "contact": dict(contact),
        "documents": sorted([upload.kind, upload.digest] for upload in uploads),
    }  # fmt: skip
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def replayed(service: Service, key: str, digest: str) -> Outcome | None:
    """The first receipt when this key was used for this very application; refused when used for another."""
    statement = select(Dossier).where(Dossier.service_id == service.id, Dossier.idempotency_key == key_digest(key))
    found: Dossier | None = db.session.scalar(statement)
    if found is None:
        return None
    if not hmac.compare_digest(found.request_digest, digest):
        raise KeyReusedError
    return Outcome(found, references.tracking_code(found.reference), created=False)


def submit(
    service: Service, form: HostedForm, answers: Mapping[str, Any], contact: Mapping[str, str],
    uploads: list[PendingUpload], key: str, locale: str, account_id: int | None = None,
) -> Outcome:  # fmt: skip
    """Make the dossier (of the citizen's account ``account_id``, if one is signed in), its first status, its
    documents and the email, all in one transaction: a database error leaves nothing behind (the pending uploads
    stay pending). The same key with the same application
    returns the first dossier; with another application it raises :class:`KeyReusedError`."""
    digest = request_digest(form.schema().dump(answers), contact, uploads)
    found = replayed(service, key, digest)
    if found is not None:
        return found
    try:
        dossier = _make(service, form, answers, contact, uploads, key, locale, digest)
        dossier.account_id = account_id
        represented.mark(dossier, service.slug)
        notifications.queue(dossier, "received", status=form.statuses[0], code=notifications.SECRET_MASK)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        found = replayed(service, key, digest)  # a double click: the other request made it first
        if found is None:
            raise
        return found
    return Outcome(dossier, references.tracking_code(dossier.reference), created=True)


def _make(
    service: Service, form: HostedForm, answers: Mapping[str, Any], contact: Mapping[str, str],
    uploads: list[PendingUpload], key: str, locale: str, digest: str,
) -> Dossier:  # fmt: skip
    now = utcnow()
    number = references.next_number(service.body_id, now.year)
    reference = references.format_reference(service.body.acronym, now.year, number)
    first = form.statuses[0]
    estimate = estimate_of(form, answers)
    dossier = Dossier(
        reference=reference, service=service, body_id=service.body_id, locale=locale, status=first.code,
        tracking_hash=references.tracking_hash(reference, references.tracking_code(reference)),
        idempotency_key=key_digest(key), request_digest=digest, answers=form.schema().dump(answers),
        estimate=forms.estimate_data(estimate),
        submitted_at=now, due_at=now + timedelta(days=form.processing_days), **contact,
    )  # fmt: skip
    dossier.events.append(DossierEvent(kind="status", status=first.code))  # the standard message, in any language
    db.session.add(dossier)
    attach(dossier, uploads)
    return dossier


def attach(dossier: Dossier, uploads: list[PendingUpload], event: DossierEvent | None = None) -> None:
    """Make the pending uploads documents of the dossier (of one of its entries: a reply), each with its antivirus
    scan asked for; the pending uploads are removed. In the caller's transaction, flushed."""
    documents = [DossierDocument(kind=upload.kind, filename=upload.filename, content_type=upload.content_type,
                                 size=upload.size, storage_key=upload.storage_key,
                                 event_id=event.id if event is not None else None)
                 for upload in uploads]  # fmt: skip
    dossier.documents.extend(documents)
    fresh = [document for document, upload in zip(documents, uploads, strict=True) if not reused(document, upload)]
    for upload in uploads:
        db.session.delete(upload)
    db.session.flush()
    antivirus.scan_later(fresh)


def reused(document: DossierDocument, upload: PendingUpload) -> bool:
    """A copy of a document sent before keeps its origin and the antivirus's verdict on it (one still waiting for
    its scan is scanned as a new one): whether it has its verdict."""
    source = db.session.get(DossierDocument, upload.reused_id) if upload.reused_id is not None else None
    if source is None:
        return False
    document.origin_id = source.origin_id or source.id
    if source.scan_status == SCAN_PENDING:
        return False
    document.scan_status, document.scanned_at = source.scan_status, source.scanned_at
    document.scan_signature = source.scan_signature
    return True
