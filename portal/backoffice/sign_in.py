"""Sign-in with a password, then a TOTP code for the roles that need one; sign-out; password change."""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response as BaseResponse

from portal.backoffice import audit
from portal.backoffice.access import public, requires
from portal.backoffice.auth import (
    MIN_PASSWORD,
    authenticate,
    hash_password,
    issue_recovery_codes,
    new_totp_secret,
    provisioning_uri,
    second_factor_ok,
    verify_totp,
)
from portal.backoffice.models import User
from portal.extensions import db, limiter

Page = str | BaseResponse | tuple[str, int]


def _account_key() -> str:
    return "account:" + request.form.get("email", "").strip().lower()


@public
@limiter.limit("5 per minute; 20 per hour", key_func=_account_key, methods=["POST"])
@limiter.limit("30 per minute", methods=["POST"])
def sign_in() -> Page:
    if request.method == "GET":
        return render_template("backoffice/sign_in.html", email="")
    email = request.form.get("email", "").strip()
    user = authenticate(email, request.form.get("password", ""))
    if user is None:
        audit.record("sign_in.failed", email, email=email.lower())
        db.session.commit()
        flash(_("The email or the password is not right."), "danger")
        return render_template("backoffice/sign_in.html", email=email), 401
    if user.needs_two_factor:
        session["pending_user"] = user.id
        session["next"] = _safe_next()
        return redirect(url_for(".two_factor" if user.totp_secret else ".two_factor_setup"))
    return _signed_in(user, _safe_next())


def _safe_next() -> str:
    target = request.args.get("next", "")
    parts = urlsplit(target)
    return target if target.startswith("/") and not parts.netloc and not target.startswith("//") else ""


def _signed_in(user: User, next_page: str) -> BaseResponse:
    session.pop("pending_user", None)
    session.pop("totp_setup", None)
    login_user(user)
    audit.record("sign_in", user.email, actor=user)
    db.session.commit()
    return redirect(next_page or url_for(".home"))


def _pending() -> User | None:
    user_id = session.get("pending_user")
    return db.session.get(User, user_id) if user_id else None


@public
@limiter.limit("10 per minute", methods=["POST"])
def two_factor() -> Page:
    user = _pending()
    if user is None or not user.totp_secret:
        return redirect(url_for(".sign_in"))
    if request.method == "POST":
        if second_factor_ok(user, request.form.get("code", "")):
            return _signed_in(user, session.pop("next", ""))
        audit.record("sign_in.failed_second_factor", user.email, actor=user)
        db.session.commit()
        flash(_("This code is not right. Type the six digits your app shows now, or a recovery code."), "danger")
    return render_template("backoffice/two_factor.html")


@public
@limiter.limit("10 per minute", methods=["POST"])
def two_factor_setup() -> Page:
    user = _pending()
    if user is None or user.totp_secret:
        return redirect(url_for(".sign_in"))
    secret = session.setdefault("totp_setup", new_totp_secret())
    if request.method == "POST" and verify_totp(secret, request.form.get("code", "")):
        user.totp_secret = secret
        codes = issue_recovery_codes(user)
        audit.record("two_factor.enrolled", user.email, actor=user)
        _signed_in(user, "")
        return render_template("backoffice/recovery_codes.html", codes=codes)
    if request.method == "POST":
        flash(_("This code is not right. Type the six digits your app shows now."), "danger")
    uri = provisioning_uri(user, secret)
    qr = segno.make(uri, error="m").svg_inline(scale=4, title=_("Scan with your authenticator app"))
    return render_template("backoffice/two_factor_setup.html", secret=secret, qr=qr)


@requires("enter")
def sign_out() -> BaseResponse:
    audit.record("sign_out", current_user.email)
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for(".sign_in"))


@requires("enter")
def password() -> Page:
    if request.method == "POST":
        current, new, again = (request.form.get(name, "") for name in ("current", "new", "again"))
        problem = _password_problem(current, new, again)
        if problem:
            flash(problem, "danger")
            return render_template("backoffice/password.html"), 422
        current_user.password_hash = hash_password(new)
        audit.record("password.change", current_user.email)
        db.session.commit()
        flash(_("Your password has been changed."), "success")
        return redirect(url_for(".home"))
    return render_template("backoffice/password.html")


def _password_problem(current: str, new: str, again: str) -> str:
    if authenticate(current_user.email, current) is None:
        return _("Your current password is not right.")
    if len(new) < MIN_PASSWORD:
        return _("The new password must have at least %(count)s characters.", count=MIN_PASSWORD)
    if new != again:
        return _("The two new passwords are not the same.")
    return ""
