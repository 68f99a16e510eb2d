"""Factories for back-office tests: people of a body with a role, signed in through the real pages."""

from __future__ import annotations

import re
import time
from typing import Any

import pyotp
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.backoffice.auth import issue_recovery_codes
from portal.catalogue.models import Body, Service
from portal.extensions import db
from portal.passwords import hash_password
from portal.staff.models import User

PASSWORD = "a long enough password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def create_user(app: Flask, role: str, body: str = "demo", email: str | None = None, two_factor: bool = True) -> User:
    """A new active user; roles that need a second factor are enrolled (TOTP secret, recovery codes) unless
    ``two_factor`` is False."""
    with app.app_context():
        body_row = db.session.scalar(select(Body).where(Body.code == body))
        assert body_row is not None, f"no body {body!r} is loaded"
        user = User(email=email or f"{role}@{body}.example.dz", name=f"{role.title()} {body.upper()}", role=role,
                    body=body_row, password_hash=hash_password(PASSWORD))  # fmt: skip
        if two_factor and user.needs_two_factor:
            user.totp_secret = pyotp.random_base32()
            issue_recovery_codes(user)  # enrolled as the setup page does
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def token(client: FlaskClient, path: str = "/fr/backoffice/sign-in") -> str:
    match = TOKEN.search(client.get(path).get_data(as_text=True))
    assert match is not None, f"no CSRF token on {path}"
    return match.group(1)


def session_data(app: Flask, cookie: str) -> Any:
    """What the signed session cookie holds, read with the app's secret key."""
    interface = app.session_interface
    assert isinstance(interface, SecureCookieSessionInterface)
    serializer = interface.get_signing_serializer(app)
    assert serializer is not None, "the app has no secret key"
    return serializer.loads(cookie)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    """The real sign-in: password, then the TOTP code when the role needs one."""
    response = client.post("/fr/backoffice/sign-in", data={"csrf_token": token(client), "email": user.email,
                                                          "password": password})  # fmt: skip
    if user.needs_two_factor:
        assert response.headers["Location"] == "/fr/backoffice/two-factor"
        second = "/fr/backoffice/two-factor"
        response = client.post(second, data={"csrf_token": token(client, second), "code": totp_code(client, user)})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def authenticator(user: User) -> pyotp.TOTP:
    """The user's authenticator app, on the secret they enrolled."""
    assert user.totp_secret is not None, f"{user.email} has no second factor"
    return pyotp.TOTP(user.totp_secret)


def totp_code(client: FlaskClient, user: User) -> str:
    """A code the server accepts now: the current time step's, or the next one's when the current one was used.

    A code is accepted once (replay), so a test signing one user in twice in 30 seconds takes the next step,
    which the server accepts for clock drift; a third time waits for the next step.
    """
    with client.application.app_context():
        last = db.session.scalar(select(User.totp_last_step).where(User.id == user.id))
    totp = authenticator(user)
    now = int(time.time()) // totp.interval
    step = max(now, (last or 0) + 1)
    if step > now + 1:
        time.sleep((step - 1) * totp.interval - time.time() + 0.1)
    return totp.generate_otp(step)


def service_id(app: Flask, slug: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Service.id).where(Service.slug == slug))
        assert found is not None
        return found


def editor_form(client: FlaskClient, path: str, **changes: Any) -> dict[str, Any]:
    """The editor's form as the page fills it, with some fields changed."""
    html = client.get(path).get_data(as_text=True)
    csrf = TOKEN.search(html)
    assert csrf is not None, f"no CSRF token on {path}"
    form: dict[str, Any] = {"csrf_token": csrf.group(1)}
    for name, value in re.findall(r'<input class="form-control" id="[^"]+" name="([^"]+)" value="([^"]*)"', html):
        form[name] = _unescape(value)
    for name, value in re.findall(
        r'<textarea class="form-control" id="[^"]+" name="([^"]+)" rows="\d">([^<]*)</textarea>', html
    ):
        form[name] = _unescape(value)
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version is not None, f"no version on {path}"
    form["version"] = version.group(1)
    for name in ("domain", "status", "maturity", "payment"):
        selected = re.search(
            rf'<select class="form-select" id="{name}" name="{name}"[^>]*>.*?value="([^"]+)" selected', html, re.S
        )
        form[name] = selected.group(1) if selected else ""
    for name in ("audiences", "life_events", "channels"):
        form[name] = re.findall(rf'name="{name}" value="([^"]+)" id="[^"]+" checked', html)
    form.update(changes)
    return form


def _unescape(value: str) -> str:
    return (
        value.replace("&#39;", "'")
        .replace("&#34;", '"')
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


def post_sign_in(client: FlaskClient, email: str, password: str) -> TestResponse:
    """The sign-in form sent with this email and password, as a browser would (its CSRF token first)."""
    return client.post(
        "/fr/backoffice/sign-in", data={"csrf_token": token(client), "email": email, "password": password}
    )
