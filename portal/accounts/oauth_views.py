"""The apps' pages: the consent page an app sends a citizen to (OAuth 2's authorization endpoint), the token and
revocation endpoints the app calls, and my space's list of the apps I allowed, where I take that back."""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import my_apps, oauth_server, sessions
from portal.accounts.identifiers import shown
from portal.accounts.models_oauth import OAuthClient
from portal.accounts.oauth_scopes import SCOPES
from portal.dossiers.acknowledgement import in_algiers
from portal.dossiers.forms import left_to_right
from portal.extensions import csrf
from portal.security import allow_form_target

Page = str | Response | tuple[str, int]
RESUME = "resume"  # the query of an authorisation asked before signing in, carried through the sign-in page

endpoints = Blueprint("accounts_oauth", __name__, url_prefix="/api/v1/oauth")
csrf.exempt(endpoints)  # the app proves itself by its code and PKCE verifier, or its token; no cookie is read


def _sign_in_first() -> Response:
    """To the sign-in page, then back to this very request (its query travels encoded: redirect URIs hold '//')."""
    query = base64.urlsafe_b64encode(request.query_string).decode()
    return redirect(url_for("accounts.sign_in", next=url_for("accounts.authorize", resume=query)))


def _resumed() -> Response | None:
    encoded = request.args.get(RESUME)
    if encoded is None:
        return None
    try:
        query = base64.urlsafe_b64decode(encoded.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        query = ""
    return redirect(f"{url_for('accounts.authorize')}?{query}")


def authorize() -> Page:
    """Whether the signed-in citizen lets the app act for them, with what each scope allows: yes gives the app a
    code, no tells it so; a request that names no registered app or address is answered here, never redirected."""
    resumed = _resumed()
    if resumed is not None:
        return resumed
    account = sessions.current()
    if account is None:
        return _sign_in_first()
    from authlib.oauth2 import OAuth2Error  # here: see oauth_engine

    server = oauth_server.server()
    try:
        grant = server.get_consent_grant(end_user=account)
    except OAuth2Error as error:
        if error.redirect_uri:
            return server.handle_error_response(None, error)
        return render_template("accounts/authorize_error.html"), 400
    if request.method == "POST":
        allowed = request.form.get("decision") == "allow"
        return server.create_authorization_response(grant=grant, grant_user=account if allowed else None)
    client: OAuthClient = grant.client
    allow_form_target(grant.request.payload.redirect_uri)
    return render_template("accounts/authorize.html", client=client, action=request.full_path,
                           scopes=[SCOPES[name] for name in grant.request.scope.split()],
                           identifier=left_to_right(shown(account.identifier)))  # fmt: skip


@endpoints.post("/token")
def token() -> Response:
    """A code with its PKCE verifier, or a refresh token, for a new access token and refresh token."""
    return oauth_server.server().create_token_response()


@endpoints.post("/revoke")
def revoke() -> Response:
    """RFC 7009: the app signs out; its tokens of this consent stop."""
    return oauth_server.server().create_endpoint_response("revocation")


@sessions.signed_in
def apps() -> Page:
    account = sessions.signed_in_account()
    return render_template("accounts/apps.html", apps=my_apps.apps_of(account.id), when=in_algiers, errors={})


@sessions.signed_in
def revoke_app(client_id: int) -> Response:
    if not my_apps.revoke_app(sessions.signed_in_account().id, client_id):
        abort(404)
    flash(_("The app can no longer use your account. To use it again, you will be asked to allow it."), "success")
    return redirect(url_for("accounts.apps"))
