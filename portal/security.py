"""Response headers every page gets: no sniffing, no framing, a strict Content-Security-Policy; and in production
on an https address, Strict-Transport-Security, so a browser never again asks for the platform over http. And CSRF
on every form, checked by Flask-WTF on the methods that change something."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request
from flask_wtf import CSRFProtect
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


# One year, the platform's subdomains included: the value browsers' preload lists ask for at least.
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


def init_app(app: Flask) -> None:
    app.after_request(_secure_headers)
    if app.config["ENV"] == "production" and urlsplit(app.config["BASE_URL"]).scheme == "https":
        app.after_request(_strict_transport)


HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def allow_form_target(target: str) -> None:
    """This page's form may also lead to ``target`` (an address's scheme and host): the answer to an app's consent
    page goes back to the app, and browsers hold the redirect to form-action too."""
    parts = urlsplit(target)
    source = f"{parts.scheme}://{parts.netloc}" if parts.netloc else f"{parts.scheme}:"
    if parts.scheme and all(char.isalnum() or char in "+-.:/[]" for char in source):
        g.form_target = source


def _secure_headers(response: Response) -> Response:
    """Every response gets them; no view sets them itself, so they are added without looking first."""
    target = g.get("form_target")
    if target is None:
        response.headers.extend(HEADERS)
    else:
        policy = CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action 'self' {target}")
        response.headers.extend([("Content-Security-Policy", policy), *HEADERS[1:]])
    return response


def _strict_transport(response: Response) -> Response:
    response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return response


def init_csrf(app: Flask, csrf: CSRFProtect) -> None:
    """Flask-WTF's check, asked only on the methods it checks: before looking at the method, its hook looks up
    whether the view is exempt, which every GET would pay for to no purpose."""
    hooks = app.before_request_funcs.setdefault(None, [])
    known = len(hooks)
    csrf.init_app(app)
    hooks[known:] = [_on_checked_methods(hook) for hook in hooks[known:]]


BeforeRequest = Callable[[], Any]  # what Flask's before-request hooks are: None, or an answer in place of the view's


def _on_checked_methods(hook: BeforeRequest) -> BeforeRequest:
    @wraps(hook)
    def check() -> Any:
        if request.method in current_app.config["WTF_CSRF_METHODS"]:
            return hook()
        return None

    return check
