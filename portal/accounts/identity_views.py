"""The pages of the sign-in with the national identity provider: the way there (a redirect to the provider, with
PKCE, state and nonce), and the way back (the code exchanged, the ID token checked, the claims read, the account
found or made). Every failure is a page in the reader's language; nothing is saved from an answer refused."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import identity, identity_provider, sessions
from portal.accounts.throttles import identity_limit
from portal.addresses import canonical
from portal.i18n import current_locale

Page = str | Response | tuple[str, int]


def _refused(message: str, status: int) -> tuple[str, int]:
    return render_template("accounts/identity_error.html", message=message), status


def _unavailable() -> tuple[str, int]:
    return _refused(_("The national identity service cannot be reached at the moment. Try again in a few minutes, "
                      "or sign in with your email address or your number."), 503)  # fmt: skip


def _provider() -> Any:
    provider = identity_provider.client()
    if provider is None:
        abort(404)
    return provider


@identity_limit
def identity_sign_in() -> Page:
    import requests  # here: see identity_provider

    provider = _provider()
    identity_provider.forget_pending()
    try:
        response: Response = provider.authorize_redirect(canonical(url_for(".identity_return")))
    except (requests.RequestException, ValueError):
        return _unavailable()
    return response


def _claims(provider: Any) -> dict[str, Any]:
    """The ID token's claims (checked by Authlib), with the provider's user info for the same subject."""
    from authlib.common.errors import AuthlibBaseError  # here: see identity_provider

    token = provider.authorize_access_token(leeway=current_app.config["OIDC_LEEWAY"])
    checked = token.get("userinfo")
    if not checked or not token.get("id_token"):
        raise AuthlibBaseError(error="missing_id_token")
    info = dict(provider.userinfo())
    if info.get("sub") != checked["sub"]:
        raise AuthlibBaseError(error="userinfo_subject")
    return {**info, **checked, "id_token": token["id_token"]}


@identity_limit
def identity_return() -> Page:
    from authlib.common.errors import AuthlibBaseError  # here: see identity_provider
    from authlib.integrations.base_client import MismatchingStateError
    from joserfc.errors import JoseError
    from requests import RequestException

    provider = _provider()
    if request.args.get("error"):
        return _refused(_("The sign-in with the national identity was not completed. You can start again."), 401)
    try:
        claims = _claims(provider)
    except RequestException:
        return _unavailable()
    except MismatchingStateError:
        return _refused(_("This sign-in can no longer be completed: it was started in another browser, or was "
                          "already used. Start again."), 400)  # fmt: skip
    except (AuthlibBaseError, JoseError, ValueError, KeyError) as error:
        current_app.logger.warning("The identity provider's answer was refused: %r", error)
        return _refused(_("The answer of the national identity service could not be checked, so you are not signed "
                          "in. Start again."), 401)  # fmt: skip
    return _sign_in(claims)


def _sign_in(claims: dict[str, Any]) -> Page:
    try:
        values = identity.read_claims(claims, current_app.config["OIDC_CLAIMS"])
        subject = identity.read_subject(claims)
        account = identity.sign_in_with(identity_provider.issuer(), subject, values, current_locale())
    except identity.ClaimError as refused:
        if refused.attribute is None:
            return _refused(
                _(
                    "The identity the national identity service gave does not match the account it leads "
                    "to, so nothing was saved and you are not signed in. Contact the support."
                ),
                409,
            )
        what = identity.ATTRIBUTE_NAMES[refused.attribute]
        return _refused(_("The national identity service sent %(what)s in a form the platform cannot accept, so "
                          "nothing was saved and you are not signed in.", what=what), 422)  # fmt: skip
    sessions.begin(account)
    identity_provider.keep_id_token(str(claims["id_token"]))
    flash(_("You are signed in with your national identity."), "success")
    return redirect(url_for(".my_space"))
