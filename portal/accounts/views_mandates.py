"""The pages of mandates: my mandates (those I gave, those I received, a new one), accepting, declining and revoking
one; and the switcher that chooses for whom this browser acts."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import acting, mandates, organisations, profile, sessions
from portal.accounts.identifiers import shown
from portal.accounts.models import Account, Mandate
from portal.accounts.schemas_organisations import mandate_schema
from portal.accounts.throttles import offer_limit
from portal.accounts.views import read_form
from portal.dossiers.forms import field_views, raw_values
from portal.dossiers.submission import Errors
from portal.i18n import Translated, current_locale
from portal.inputs import parse_id

Page = str | Response | tuple[str, int]
ME = "me"
GRANT_ERRORS = {
    mandates.Granted.TO_ONESELF: ("to", lambda: _("You cannot give a mandate to yourself: enter the email address or "
                                                  "the mobile number of another person.")),
    mandates.Granted.NOT_OWNER: ("party", lambda: _("Only an owner of the organisation can give a mandate for it.")),
}  # fmt: skip


def _parties(account: Account) -> dict[str, Any]:
    """For whom the account may give a mandate: itself, and each organisation it owns."""
    found: dict[str, Any] = {ME: Translated("Myself")}
    for organisation in organisations.owned_by(account.id):
        found[str(organisation.id)] = {locale: organisation.name(locale) for locale in current_app.config["LOCALES"]}
    return found


def _services(errors: Errors) -> list[str] | None:
    """The services chosen (None: all of them); a choice of none is an error."""
    if request.form.get("scope", "all") == "all":
        return None
    known = mandates.hosted_services(current_locale())
    chosen = [slug for slug in request.form.getlist("service") if slug in known]
    if not chosen:
        errors["services"] = [_("Choose at least one service, or all services.")]
    return chosen


@sessions.signed_in
@offer_limit
def my_mandates() -> Page:
    account = sessions.signed_in_account()
    schema = mandate_schema(_parties(account))
    if request.method == "GET":
        return _mandates_page(schema, {}, {})
    raw = raw_values(schema, request.form)
    data, errors = read_form(schema, raw)
    services = _services(errors)
    if not errors:
        party = None if data["party"] == ME else parse_id(data["party"])
        result = mandates.grant(account, data["to"].value, party, services, data["ends_on"], current_locale())
        if result in GRANT_ERRORS:
            name, message = GRANT_ERRORS[result]
            errors = {name: [message()]}
    if errors:  # nothing is saved; what was typed is shown again with the errors
        return _mandates_page(schema, raw, errors), 422
    flash(_("The mandate has been offered. It works once the representative accepts it, in their space."), "success")
    return redirect(url_for(".my_mandates", _anchor="given-heading"))


def _mandates_page(schema: Any, values: dict[str, str], errors: Errors) -> str:
    account, locale = sessions.signed_in_account(), current_locale()
    chosen = set(request.form.getlist("service")) if request.method == "POST" else set()
    return render_template(
        "accounts/mandates.html", errors=errors, fields=field_views(schema, schema.fields, values, errors, locale),
        given=mandates.given_by(account.id), received=mandates.received_by(account), state=mandates.state,
        services=mandates.hosted_services(locale), chosen=chosen, scope=request.form.get("scope", "all"),
        for_whom=lambda mandate: acting.represented_name(mandate, locale), to_whom=_to_whom,
    )  # fmt: skip


def _to_whom(mandate: Mandate) -> str:
    if mandate.grantee is not None:
        return f"{profile.person_name(mandate.grantee, current_locale())} ({shown(mandate.grantee_identifier)})"
    return shown(mandate.grantee_identifier)


def _done(ok: bool, message: str, anchor: str) -> Response:
    if not ok:
        abort(404)
    flash(message, "success")
    return redirect(url_for(".my_mandates", _anchor=anchor))


@sessions.signed_in
def accept(mandate_id: int) -> Response:
    ok = mandates.accept(sessions.signed_in_account(), mandate_id)
    return _done(ok, _("You have accepted the mandate. Choose for whom you act from “Act for”."), "received-heading")


@sessions.signed_in
def decline(mandate_id: int) -> Response:
    ok = mandates.decline(sessions.signed_in_account(), mandate_id)
    return _done(ok, _("The mandate has ended: you no longer act under it."), "received-heading")


@sessions.signed_in
def revoke(mandate_id: int) -> Response:
    ok = mandates.revoke(sessions.signed_in_account().id, mandate_id)
    return _done(ok, _("The mandate has been revoked. The representative can no longer act under it."),
                 "given-heading")  # fmt: skip


@sessions.signed_in
def act_as() -> Page:
    account, locale = sessions.signed_in_account(), current_locale()
    if request.method == "GET":
        current = acting.standing()
        return render_template("accounts/act_as.html", choices=acting.choices(account.id), locale=locale,
                               current=current.choice if current else "", services=mandates.hosted_services(locale),
                               errors={})  # fmt: skip
    chosen = request.form.get("mandate", "")
    if not chosen:
        acting.stop()
        flash(_("You are acting for yourself again."), "success")
        return redirect(url_for(".my_space"))
    found = acting.start(account.id, chosen)
    if found is None:
        abort(404)
    flash(_("You are now acting for %(name)s.", name=found.name(locale)), "success")
    return redirect(url_for(".my_space"))
