"""The optional second factor's pages: the code asked after the password, enrolment from the profile (a QR code and
the secret written out, then a code), the recovery codes shown once, and turning it off with the password and a
code. Every code and password typed here is throttled per account."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import sessions, two_factor
from portal.accounts.throttles import own_secret_limits
from portal.extensions import db
from portal.passwords import password_matches
from portal.second_factor import provisioning_uri, qr_svg

Page = str | Response | tuple[str, int]


@own_secret_limits[0]
@own_secret_limits[1]
def second_factor() -> Page:
    awaiting = sessions.awaiting_second_factor()
    if awaiting is None:
        return redirect(url_for(".sign_in"))
    account, back = awaiting
    if request.method == "GET":
        return render_template("accounts/second_factor.html", errors={})
    if two_factor.code_ok(account, request.form.get("code", "")):
        db.session.commit()
        sessions.begin(account)
        return redirect(back or url_for(".my_space"))
    db.session.rollback()
    wrong = _("This code is not right. Type the six digits your app shows now, or a recovery code.")
    return render_template("accounts/second_factor.html", errors={"code": [wrong]}), 422


@sessions.signed_in
@own_secret_limits[0]
@own_secret_limits[1]
def enrol() -> Page:
    account = sessions.signed_in_account()
    if account.totp_secret:
        return render_template("accounts/second_factor_on.html", errors={})
    secret = two_factor.offered_secret(account)  # kept on the server: a cookie is signed, not encrypted
    db.session.commit()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        codes = two_factor.confirm(account, request.form.get("code", ""))
        if codes is not None:
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes)
        errors = {"code": [_("This code is not right. Type the six digits your app shows now.")]}
    qr = qr_svg(provisioning_uri(account.identifier, secret), _("Scan with your authenticator app"))
    page = render_template("accounts/second_factor_setup.html", secret=secret, qr=qr, errors=errors)
    return (page, 422) if errors else page


@sessions.signed_in
@own_secret_limits[0]
@own_secret_limits[1]
def turn_off() -> Page:
    account = sessions.signed_in_account()
    password_right = password_matches(account.password_hash, request.form.get("password", ""))
    if not (password_right and two_factor.code_ok(account, request.form.get("code", ""))):
        db.session.rollback()
        errors = {"password": [_("The password or the code is not right.")]}
        return render_template("accounts/second_factor_on.html", errors=errors), 422
    two_factor.turn_off(account)
    db.session.commit()
    flash(_("The second factor is turned off. Your password alone signs you in."), "success")
    return redirect(url_for(".profile_page"))
