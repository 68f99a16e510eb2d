"""The citizen's own data through the JSON API, for the apps they allowed (OAuth 2 bearer tokens, see
``oauth_server``): the profile, the dossiers with their history and documents' names, and an answer to a body
that waits for one. Every query is scoped to the token's account: another's dossier is not found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask.views import MethodView
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, fields, validate
from werkzeug.wrappers import Response

from portal.accounts import export, my_dossiers, oauth_server
from portal.accounts.models import Account
from portal.accounts.oauth_scopes import DOSSIERS_READ, DOSSIERS_WRITE, PROFILE, SCOPES
from portal.catalogue.hosting import form_of
from portal.dossiers import handling
from portal.dossiers.api import DossierStatusSchema, LocaleQuerySchema, dossier_status, use_locale
from portal.dossiers.models import Dossier
from portal.extensions import csrf, db
from portal.inputs import READABLE_PATTERN, ApiBlueprint

blueprint = ApiBlueprint("accounts_api", __name__, url_prefix="/api/v1/me",
                         description="The citizen's own profile and dossiers, for the apps they allowed "
                         "(OAuth 2: see the oauth2 security scheme).")  # fmt: skip
csrf.exempt(blueprint)  # a bearer token, never a cookie
SECURITY_SCHEME = "oauth2"
F = TypeVar("F", bound=Callable[..., Any])


@blueprint.after_request
def kept_by_no_cache(response: Response) -> Response:
    """A person's data: no cache keeps it."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def security_scheme(base_url: str) -> dict[str, Any]:
    """The OpenAPI security scheme: the authorization code flow (with PKCE S256) and what each scope allows."""
    return {
        "type": "oauth2",
        "description": "Public clients (mobile apps) registered by the platform's staff: the authorization code "
        "with PKCE (S256, required), refresh tokens rotated at each use, revocation at /api/v1/oauth/revoke "
        "(RFC 7009). The consent page is in Arabic at /ar/... and in French at /fr/... .",
        "flows": {"authorizationCode": {
            "authorizationUrl": f"{base_url}/ar/account/apps/authorize",
            "tokenUrl": f"{base_url}/api/v1/oauth/token",
            "refreshUrl": f"{base_url}/api/v1/oauth/token",
            "scopes": {scope.name: scope.doc for scope in SCOPES.values()},
        }},
    }  # fmt: skip


def protected(scope: str) -> Callable[[F], F]:
    """An operation for a bearer token with ``scope``: guarded, and documented as such."""

    def decorate(view: F) -> F:
        view = blueprint.alt_response(401, schema=ErrorSchema, description=oauth_server.NO_TOKEN + " " +
                                      oauth_server.BAD_TOKEN)(view)  # fmt: skip
        view = blueprint.alt_response(403, schema=ErrorSchema, description=f"The token lacks the scope {scope}.")(view)
        view = blueprint.doc(security=[{SECURITY_SCHEME: [scope]}])(view)
        return oauth_server.require(scope)(view)  # type: ignore[return-value]

    return decorate


class AttributeSchema(Schema):
    value = fields.String(required=True)
    source = fields.String(required=True, metadata={"description": "declared or verified"})
    verified_by = fields.String(required=True, metadata={"description": "Who verified it, when it is verified."})
    verified_at = fields.String(allow_none=True, metadata={"description": "ISO 8601"})
    updated_at = fields.String(allow_none=True, metadata={"description": "ISO 8601"})


class ProfileSchema(Schema):
    identifier = fields.String(required=True, metadata={"description": "The email or E.164 number it signs in with."})
    channel = fields.String(required=True, metadata={"description": "email, phone or identity"})
    attributes = fields.Dict(
        keys=fields.String(), values=fields.Nested(AttributeSchema), required=True,
        metadata={"description": "nin, nss, family_name_ar, given_names_ar, family_name_latin, given_names_latin, "
                  "birth_date, email, phone, language: those the person has."},
    )  # fmt: skip


class DossierLineSchema(Schema):
    reference = fields.String(required=True)
    status = fields.String(required=True, attribute="status_code")
    status_label = fields.String(required=True, attribute="status")
    body = fields.String(required=True, metadata={"description": "The body handling it, in the asked locale."})
    acronym = fields.String(required=True)
    title = fields.String(required=True, metadata={"description": "The service's title."})
    expected = fields.String(required=True, metadata={"description": "What is expected of the person, a sentence."})
    waiting_for_applicant = fields.Boolean(required=True, attribute="waiting")
    submitted_at = fields.DateTime(required=True)


class DossierListSchema(Schema):
    items = fields.List(fields.Nested(DossierLineSchema), required=True)


class DocumentSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    size = fields.Integer(required=True)
    uploaded_at = fields.DateTime(required=True)
    available = fields.Boolean(required=True, attribute="open_to_applicant",
                               metadata={"description": "False: the antivirus set it aside."})  # fmt: skip


class MyDossierSchema(DossierStatusSchema):
    body = fields.String(required=True)
    title = fields.String(required=True)
    expected = fields.String(required=True)
    documents = fields.List(fields.Nested(DocumentSchema), required=True)


class ReplySchema(Schema):
    message = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=5000), validate.Regexp(READABLE_PATTERN)],
        metadata={"description": "The answer to the body, as the person wrote it."},
    )


NOT_MINE = "No dossier of this account has this reference."


def _account() -> Account:
    account = db.session.get(Account, oauth_server.token_account_id())
    if account is None:  # closing an account deletes its tokens: only a request racing the closing gets here
        abort(401, message=oauth_server.BAD_TOKEN)
        raise AssertionError  # abort raised already; this tells the type checker
    return account


def _mine(reference: str) -> Dossier:
    found = my_dossiers.dossier_of(oauth_server.token_account_id(), reference)
    if found is None:
        abort(404, message=NOT_MINE)
        raise AssertionError  # abort raised already; this tells the type checker
    return found


def _my_dossier(found: Dossier, locale: str) -> dict[str, Any]:
    line = my_dossiers.line_of(found, locale)
    return {**dossier_status(found, locale), "body": line.body, "title": line.title, "expected": line.expected,
            "documents": found.documents}  # fmt: skip


@blueprint.route("")
class Profile(MethodView):
    @protected(PROFILE)
    @blueprint.response(200, ProfileSchema)
    def get(self) -> dict[str, Any]:
        """The person's profile: each attribute with its provenance (declared, or verified and by whom)."""
        account = _account()
        return {"identifier": account.identifier, "channel": account.channel,
                "attributes": export.profile_json(account)}  # fmt: skip


@blueprint.route("/dossiers")
class Dossiers(MethodView):
    @protected(DOSSIERS_READ)
    @blueprint.arguments(LocaleQuerySchema, location="query", as_kwargs=True)
    @blueprint.response(200, DossierListSchema)
    def get(self, locale: str | None) -> dict[str, Any]:
        """The person's dossiers with every body, the latest first, with what each expects of them."""
        return {"items": my_dossiers.dossiers_of(oauth_server.token_account_id(), use_locale(locale))}


@blueprint.route("/dossiers/<reference>")
class OneDossier(MethodView):
    @protected(DOSSIERS_READ)
    @blueprint.arguments(LocaleQuerySchema, location="query", as_kwargs=True)
    @blueprint.response(200, MyDossierSchema)
    @blueprint.alt_response(404, schema=ErrorSchema, description=NOT_MINE)
    def get(self, reference: str, locale: str | None) -> dict[str, Any]:
        """One of the person's dossiers: its status, its history (the body's messages and the answers) and the
        names of its documents."""
        return _my_dossier(_mine(reference), use_locale(locale))


@blueprint.route("/dossiers/<reference>/replies")
class Replies(MethodView):
    @protected(DOSSIERS_WRITE)
    @blueprint.arguments(ReplySchema)
    @blueprint.arguments(LocaleQuerySchema, location="query", as_kwargs=True)
    @blueprint.response(201, MyDossierSchema)
    @blueprint.alt_response(404, schema=ErrorSchema, description=NOT_MINE)
    @blueprint.alt_response(409, schema=ErrorSchema, description="The dossier is not waiting for an answer.")
    @blueprint.alt_response(422, schema=ErrorSchema, description="The message is empty or too long.")
    def post(self, reply: dict[str, str], reference: str, locale: str | None) -> dict[str, Any]:
        """Answer the body that waits for the person's answer (a request for more information): the dossier goes
        back to the body, as when the person answers on the tracking page."""
        found = _mine(reference)
        form = form_of(found.service)
        if not reply["message"].strip():
            abort(422, message="Write the answer in message.")
        try:
            if form is None:
                raise handling.StepRefusedError(found.status)
            handling.reply(found, form, reply["message"], [])
        except handling.StepRefusedError:
            abort(409, message="This dossier is not waiting for an answer from the person.")
        return _my_dossier(found, use_locale(locale))
