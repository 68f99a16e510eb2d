"""The hosted services through the JSON API: a form's description, an application, a dossier's status.

The same functions as the pages do the work (``form_state``, ``uploads``): only the transport differs.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, ClassVar, NoReturn

from flask import current_app, g, request
from flask.views import MethodView
from flask_babel import gettext
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema
from marshmallow import EXCLUDE, Schema, fields, validate
from sqlalchemy import select

from portal.addresses import external_url
from portal.catalogue.hosting import form_of
from portal.catalogue.models import Service
from portal.dossiers import antivirus, forms, references, uploads
from portal.dossiers.form_state import FormState, HostedService, Refusal, open_service, submit_application
from portal.dossiers.models import Dossier, PendingUpload
from portal.dossiers.submission import Errors
from portal.dossiers.throttles import tracking_limit, upload_quota
from portal.extensions import csrf, db
from portal.inputs import ApiBlueprint
from portal.registry.hosted_form import ACCOUNT_NEEDED, HostedForm, standard_message, status_label

blueprint = ApiBlueprint("dossiers_api", __name__, url_prefix="/api/v1",
                      description="Hosted services: apply online and follow a dossier.")  # fmt: skip
csrf.exempt(blueprint)  # no cookie, no session: a client proves nothing by a cookie it sends


KEY_RULE = "Send an Idempotency-Key header of 16 to 64 visible ASCII characters."
VISIBLE_ASCII = r"^[\x21-\x7e]*$"  # what a header carries safely: no space, no control character
CODE_RULE = "Send the dossier's tracking code in the X-Tracking-Code header."


class IdempotencyHeaderSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    idempotency_key = fields.String(
        data_key="Idempotency-Key", required=True,
        validate=[validate.Length(min=16, max=64, error=KEY_RULE), validate.Regexp(VISIBLE_ASCII, error=KEY_RULE)],
        error_messages={"required": KEY_RULE},
        metadata={"description": "A random string of 16 to 64 characters that names this application: sent again "
                  "with the same application (after a timeout, say), it returns the same dossier; with another "
                  "application, 409."},
    )  # fmt: skip


class TrackingHeaderSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    tracking_code = fields.String(
        data_key="X-Tracking-Code", required=True,
        validate=[validate.Length(max=64), validate.Regexp(r"^[A-Za-z0-9 -]*$", error=CODE_RULE)],
        error_messages={"required": CODE_RULE},
        metadata={"description": "The tracking code given with the receipt, for instance ABCDE-FGHJK."},
    )  # fmt: skip


LOCALE_PATTERN = r"^([a-z]{2,3}([_-][A-Za-z]{2})?)?$"


class LocaleQuerySchema(Schema):
    # A language code (one not enabled falls back to Accept-Language), nothing else: not a text to read.
    locale = fields.String(load_default=None, validate=validate.Regexp(LOCALE_PATTERN),
                           metadata={"description": "ar or fr: the language of the labels."})  # fmt: skip


class DocumentInSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "A document kind of the service's form."})
    filename = fields.String(required=True, validate=validate.Length(max=200))
    content = fields.String(required=True, metadata={"description": "The file's bytes, in base64."})


class ApplicationSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    locale = fields.String(load_default=None, metadata={"description": "ar or fr: the applicant's language."})
    answers = fields.Dict(keys=fields.String(), required=True, metadata={"description": "Field name -> answer."})
    contact = fields.Dict(keys=fields.String(), load_default=dict,
                          metadata={"description": "applicant_name, applicant_email, applicant_phone"})  # fmt: skip
    documents = fields.List(fields.Nested(DocumentInSchema), load_default=list)


class ReceiptSchema(Schema):
    reference = fields.String(required=True)
    tracking_code = fields.String(required=True, metadata={"description": "Private: shown once, keep it."})
    status = fields.String(required=True)
    tracking_url = fields.String(required=True)
    created = fields.Boolean(required=True, metadata={"description": "False when the same key was sent before."})


class EventSchema(Schema):
    at = fields.DateTime(required=True)
    kind = fields.String(
        required=True, metadata={"description": "status, reply, or antivirus (a file set aside: it had a virus)"}
    )
    status = fields.String()
    message = fields.String()


class DossierStatusSchema(Schema):
    reference = fields.String(required=True)
    service = fields.String(required=True)
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    waiting_for_applicant = fields.Boolean(required=True)
    closed = fields.Boolean(required=True)
    submitted_at = fields.DateTime(required=True)
    history = fields.List(fields.Nested(EventSchema))


def _open(slug: str) -> HostedService:
    hosted = open_service(slug)
    if hosted is None:
        abort(404, message=f"No hosted service takes applications under the slug {slug!r}.")
        raise AssertionError  # abort raised already; this tells the type checker
    return hosted


def use_locale(wanted: str | None) -> str:
    """The language of the answer's labels: ``wanted`` if enabled, else the request's Accept-Language."""
    locales = current_app.config["LOCALES"]
    g.lang_code = wanted if wanted in locales else (request.accept_languages.best_match(locales)
                                                    or current_app.config["DEFAULT_LOCALE"])  # fmt: skip
    return str(g.lang_code)


@blueprint.route("/services/<slug>/form")
class FormDescription(MethodView):
    @blueprint.response(200)
    @blueprint.alt_response(404, schema=ErrorSchema, description="No hosted service takes applications there.")
    def get(self, slug: str) -> dict[str, Any]:
        """The form of a hosted service: its fields (with labels in every locale), steps and documents. A ``digits``
        field says how many digits it takes (spaces, dashes and Arabic-Indic digits are read too); a ``date`` is
        sent as an ISO 8601 date (``2026-05-10``)."""
        form = _open(slug).form
        schema = form.schema()
        return {
            "fields": [{"name": name, "type": item.metadata.get("widget"), "required": bool(item.required),
                        "label": item.metadata["label"], "help": item.metadata.get("help", {}),
                        "choices": item.metadata.get("choices", {}),
                        **({"digits": item.metadata["digits"]} if "digits" in item.metadata else {})}
                       for name, item in schema.fields.items()],
            "steps": [{"code": step.code, "titles": dict(step.titles), "fields": list(step.fields)}
                      for step in forms.steps_of(form)[:-1]],
            "documents": [{"kind": item.kind, "labels": dict(item.labels), "types": list(item.types),
                           "max_bytes": item.max_bytes, "max_files": item.max_files, "required": item.required}
                          for item in form.documents],
            "anonymous_field": form.anonymous_field,
        }  # fmt: skip


@blueprint.route("/services/<slug>/dossiers")
class Applications(MethodView):
    decorators: ClassVar[list[Any]] = [upload_quota]

    @blueprint.arguments(ApplicationSchema)
    @blueprint.arguments(IdempotencyHeaderSchema, location="headers", as_kwargs=True, error_status_code=400)
    @blueprint.response(201, ReceiptSchema)
    @blueprint.alt_response(200, schema=ReceiptSchema, description="The same Idempotency-Key was sent before.")
    @blueprint.alt_response(400, schema=ErrorSchema, description=KEY_RULE)
    @blueprint.alt_response(404, schema=ErrorSchema, description="No hosted service takes applications there.")
    @blueprint.alt_response(
        409, schema=ErrorSchema, description="This Idempotency-Key was sent before with a different application: "
        "a new application needs a new key."
    )  # fmt: skip
    @blueprint.alt_response(
        422, schema=ErrorSchema, description="The answers, the contact or the documents are not valid."
    )
    def post(self, application: dict[str, Any], slug: str, idempotency_key: str) -> Any:
        """Apply: one dossier per ``Idempotency-Key`` header (a random string of 16 to 64 characters)."""
        hosted = _open(slug)
        if hosted.form.account == ACCOUNT_NEEDED:  # the API knows no citizen's account yet
            abort(403, message="This service needs a citizen's account: apply on its pages, signed in.")
        locale = use_locale(application["locale"])
        errors: Errors = {}
        kept = _documents(hosted.service, hosted.form, application["documents"], errors)
        state = FormState(answers=application["answers"], contact=application["contact"], key=idempotency_key)
        outcome = submit_application(hosted, state, kept, errors, locale)
        if isinstance(outcome, Refusal) or not outcome.created:
            # The files of this request were stored by it alone: a refused application sends them again with its
            # next try, and a replay's dossier already has its own copies.
            uploads.discard(kept)
        if isinstance(outcome, Refusal):
            _refuse(outcome)
        dossier = outcome.dossier
        receipt = {"reference": dossier.reference, "tracking_code": outcome.tracking_code, "status": dossier.status,
                   "tracking_url": external_url("dossiers.track", lang_code=locale, reference=dossier.reference),
                   "created": outcome.created}  # fmt: skip
        return receipt, 201 if outcome.created else 200


def _refuse(refusal: Refusal) -> NoReturn:
    if refusal.problem == "key_reused":
        abort(409, message=gettext("This Idempotency-Key was already used for another application. Nothing "
                                   "has been created: send this application with a new key."))  # fmt: skip
    abort(422, message="The application is not valid.", errors=refusal.errors)
    raise AssertionError  # abort raised already; this tells the type checker


def _documents(service: Service, form: HostedForm, sent: list[dict[str, str]], errors: Errors) -> list[PendingUpload]:
    kept = []
    for index, item in enumerate(sent):
        document = form.document(item["kind"])
        name = f"documents[{index}]"
        try:
            data = base64.b64decode(item["content"], validate=True)
        except (binascii.Error, ValueError):
            errors[name] = ["The content is not valid base64."]
            continue
        if document is None:
            errors[name] = [f"Unknown document kind {item['kind']!r}."]
            continue
        try:
            kept.append(uploads.keep_pending(service, document, item["filename"], data))
        except uploads.RefusedFileError as refused:
            errors[name] = [refused.message]
    return kept


@blueprint.route("/dossiers/<reference>")
class DossierStatus(MethodView):
    decorators: ClassVar[list[Any]] = [tracking_limit()]

    @blueprint.arguments(TrackingHeaderSchema, location="headers", as_kwargs=True, error_status_code=400)
    @blueprint.arguments(LocaleQuerySchema, location="query", as_kwargs=True)
    @blueprint.response(200, DossierStatusSchema)
    @blueprint.alt_response(400, schema=ErrorSchema, description=CODE_RULE)
    @blueprint.alt_response(404, schema=ErrorSchema, description="No dossier has this reference and tracking code.")
    @blueprint.alt_response(429, schema=ErrorSchema, description="Too many tries from this address: wait a minute.")
    def get(self, reference: str, tracking_code: str, locale: str | None) -> dict[str, Any]:
        """A dossier's status and history, for whoever sends its tracking code in the X-Tracking-Code header."""
        locale = use_locale(locale)
        found: Any = db.session.scalar(
            select(Dossier).where(Dossier.reference == references.normalise_reference(reference))
        )
        code = tracking_code
        if found is None or not references.code_is_right(found, code):
            abort(404, message="No dossier has this reference and tracking code.")
        return dossier_status(found, locale)


def dossier_status(found: Dossier, locale: str) -> dict[str, Any]:
    """A dossier as its applicant follows it (``DossierStatusSchema``): its status and its public history, the
    standard messages in ``locale``."""
    form = form_of(found.service)
    status = form.status(found.status) if form else None
    return {
        "reference": found.reference, "service": found.service.slug, "status": found.status,
        "status_label": status_label(form, found.status, locale),
        "waiting_for_applicant": bool(status and status.asks_applicant), "closed": found.closed,
        "submitted_at": found.submitted_at,
        "history": [{"at": event.at, "kind": event.kind, "status": event.status,
                     "message": antivirus.notice(event.message) if event.kind == "antivirus"
                     else event.message or standard_message(form, event.status, locale)}
                    for event in found.events if event.public],
    }  # fmt: skip
