"""My data's pages: who saw my data, download everything (JSON, PDF), close my account. Each reads only the
signed-in account's own rows."""

from __future__ import annotations

import json

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import access_log, acting, closure, export, organisations, sessions
from portal.accounts.throttles import own_secret_limits
from portal.dossiers.acknowledgement import in_algiers
from portal.downloads import as_attachment
from portal.extensions import db
from portal.i18n import current_locale
from portal.passwords import password_matches
from portal.payments import lists, refunds

Page = str | Response | tuple[str, int]


@sessions.signed_in
def accesses() -> Page:
    account = sessions.signed_in_account()
    return render_template("accounts/accesses.html", accesses=access_log.accesses_of(account.id, current_locale()),
                           when=in_algiers, errors={})  # fmt: skip


@sessions.signed_in
def my_payments() -> Page:
    """The payments of my account, newest first (each opens its page, which asks the gateway while open), with what
    was refunded of them; under a mandate, the represented person's that it allows, read-only, the read written in
    their access log."""
    found = lists.reach(acting.party_id() or sessions.signed_in_account().id)
    payments = lists.payments_of(found)
    if found.read_only:
        lists.seen(found, lists.LISTED)
        db.session.commit()
    return render_template("accounts/payments.html", payments=payments, read_only=found.read_only, errors={},
                           refunded=refunds.refunded_sums([payment.id for payment in payments]))  # fmt: skip


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = as_attachment(Response(body, mimetype=mimetype), filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@sessions.signed_in
def export_json() -> Response:
    data = export.as_json(sessions.signed_in_account())
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    return _download(body, "application/json", "my-data.json")


@sessions.signed_in
def export_pdf() -> Response:
    locale = current_locale()
    return _download(export.as_pdf(sessions.signed_in_account(), locale), "application/pdf", f"my-data-{locale}.pdf")


@sessions.signed_in
@own_secret_limits[0]
@own_secret_limits[1]
def close() -> Page:
    account = sessions.signed_in_account()
    if request.method == "GET":
        return render_template("accounts/close.html", errors={})
    if not password_matches(account.password_hash, request.form.get("password", "")):
        errors = {"password": [_("This password is not right.")]}
        return render_template("accounts/close.html", errors=errors), 422
    kept = organisations.kept_by_alone(account.id)
    if kept:  # an organisation always keeps an owner
        names = ", ".join(organisation.name(current_locale()) for organisation in kept)
        errors = {"password": [_("You are the only owner of %(names)s: make another person an owner, or remove its "
                                 "people, before you close your account.", names=names)]}  # fmt: skip
        return render_template("accounts/close.html", errors=errors), 409
    closure.close(account)
    sessions.end()
    flash(_("Your account is closed. Your dossiers stay with the bodies that handle them."), "success")
    return redirect(url_for("accounts.sign_in"))
