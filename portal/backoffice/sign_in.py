"""Sign-in with a password, then a TOTP code for the roles that need one; sign-out; password change."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from portal.addresses import local_path
from portal.backoffice.auth import (
    authenticate,
    claim_totp_step,
    has_recovery_codes,
    issue_recovery_codes,
    new_totp_secret,
    provisioning_uri,
    second_factor_ok,
    totp_step,
)
from portal.extensions import db, limiter
from portal.passwords import MIN_PASSWORD, hash_password
from portal.second_factor import qr_svg
from portal.staff import audit, sessions
from portal.staff.access import public, requires
from portal.staff.models import User

Page = str | BaseResponse | tuple[str, int]
PER_ACCOUNT = "5 per minute; 20 per hour"  # sign-in and second-factor attempts of one account


def _account_key() -> str:
    return "account:" + request.form.get("email", "").strip().lower()


def _pending_account_key() -> str:
    """Second-factor attempts count per account, whichever addresses they come from."""
    return "second-factor:" + sessions.pending_user_id()


@public
@limiter.limit(PER_ACCOUNT, key_func=_account_key, methods=["POST"])
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
        return sessions.await_second_factor(user, _safe_next())
    return _signed_in(user, _safe_next(), second_factor=False)


def _safe_next() -> str:
    """The page to go back to after sign-in: a path of this site only, never another site's address."""
    return local_path(request.args.get("next", ""))


def _signed_in(user: User, next_page: str, second_factor: bool) -> BaseResponse:
    sessions.begin(user, second_factor)
    audit.record("sign_in", user.email, actor=user)
    db.session.commit()
    return redirect(next_page or url_for(".home"))


@public
@limiter.limit(PER_ACCOUNT, key_func=_pending_account_key, methods=["POST"])
@limiter.limit("10 per minute", methods=["POST"])
def two_factor() -> Page:
    user = sessions.pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for(".sign_in"))
    if request.method == "POST":
        if second_factor_ok(user, request.form.get("code", "")):
            return _past_second_factor(user)
        audit.record("sign_in.failed_second_factor", user.email, actor=user)
        db.session.commit()
        flash(_("This code is not right. Type the six digits your app shows now, or a recovery code."), "danger")
    return render_template("backoffice/two_factor.html")


def _past_second_factor(user: User) -> Page:
    """Signed in; someone left with no recovery code (all spent, or removed by an upgrade) gets ten new ones."""
    if has_recovery_codes(user):
        return _signed_in(user, session.get(sessions.NEXT, ""), second_factor=True)
    return _signed_in_with_new_recovery_codes(user)


def _signed_in_with_new_recovery_codes(user: User) -> str:
    """Signed in, and shown ten new recovery codes (once: only their digests are kept)."""
    codes = issue_recovery_codes(user)
    _signed_in(user, "", second_factor=True)
    return render_template("backoffice/recovery_codes.html", codes=codes)


@public
@limiter.limit("10 per minute", methods=["POST"])
def two_factor_setup() -> Page:
    user = sessions.pending_user()
    if user is None or user.totp_secret:
        return redirect(url_for(".sign_in"))
    if user.totp_pending is None:  # kept on the server: a cookie is signed, not encrypted
        user.totp_pending = new_totp_secret()
        db.session.commit()
    secret = user.totp_pending
    if request.method == "POST":
        step = totp_step(secret, request.form.get("code", ""))
        if step is not None and claim_totp_step(user, step):  # the enrolment code is spent like any other
            return _enrolled(user, secret)
        flash(_("This code is not right. Type the six digits your app shows now."), "danger")
    uri = provisioning_uri(user, secret)
    qr = qr_svg(uri, _("Scan with your authenticator app"))
    return render_template("backoffice/two_factor_setup.html", secret=secret, qr=qr)


def _enrolled(user: User, secret: str) -> str:
    user.totp_secret, user.totp_pending = secret, None
    audit.record("two_factor.enrolled", user.email, actor=user)
    return _signed_in_with_new_recovery_codes(user)


@public
def sign_out() -> BaseResponse:
    """Anyone may sign out (the form's CSRF token stands): a session that still owes the second factor is ended too,
    rather than sent back to the second step, and a sign-in left at its second step is forgotten. Only the back
    office's part of the browser's session goes: a citizen's account in the same browser stays signed in."""
    if current_user.is_authenticated:
        sessions.end_everywhere(current_user)  # a copied cookie is signed out too
        audit.record("sign_out", current_user.email)
        db.session.commit()
    sessions.end_here()
    return redirect(url_for(".sign_in"))


def _own_account_key() -> str:
    return "password:" + str(current_user.id)


@requires("enter")
@limiter.limit(PER_ACCOUNT, key_func=_own_account_key, methods=["POST"])  # the current password is guessed here too
def password() -> Page:
    if request.method == "POST":
        current, new, again = (request.form.get(name, "") for name in ("current", "new", "again"))
        problem = _password_problem(current, new, again)
        if problem:
            flash(problem, "danger")
            return render_template("backoffice/password.html"), 422
        current_user.password_hash = hash_password(new)
        sessions.end_everywhere(current_user)
        audit.record("password.change", current_user.email)
        db.session.commit()
        sessions.renew(current_user._get_current_object())  # only this browser stays signed in
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
