"""Routes of the back office, under /<locale>/backoffice; every route declares who may use it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin

from portal.backoffice import editor, people, sign_in
from portal.dashboard import views
from portal.dossiers import casework
from portal.extensions import limiter, login_manager
from portal.rules import views as rule_views
from portal.staff import sessions
from portal.staff.models import User

blueprint = Blueprint("backoffice", __name__, url_prefix="/<lang_code>/backoffice")
# (path, endpoint, view, methods); each view declares its permission (see access.py).
ROUTES: list[tuple[str, str, Callable[..., Any], list[str]]] = [
    ("/sign-in", "sign_in", sign_in.sign_in, ["GET", "POST"]),
    ("/two-factor", "two_factor", sign_in.two_factor, ["GET", "POST"]),
    ("/two-factor/setup", "two_factor_setup", sign_in.two_factor_setup, ["GET", "POST"]),
    ("/sign-out", "sign_out", sign_in.sign_out, ["POST"]),
    ("/password", "password", sign_in.password, ["GET", "POST"]),
    ("/", "home", editor.home, ["GET"]),
    ("/services/new", "create", editor.create, ["GET", "POST"]),
    ("/services/<int:service_id>", "edit", editor.edit, ["GET", "POST"]),
    ("/services/<int:service_id>/preview", "preview", editor.preview, ["GET"]),
    ("/services/<int:service_id>/history", "history", editor.history, ["GET"]),
    ("/services/<int:service_id>/submit", "submit", editor.submit, ["POST"]),
    ("/services/<int:service_id>/send-back", "send_back", editor.send_back, ["POST"]),
    ("/services/<int:service_id>/publish", "publish", editor.publish, ["POST"]),
    ("/services/<int:service_id>/retire", "retire", editor.retire, ["POST"]),
    ("/users", "users", people.users, ["GET"]),
    ("/users/new", "new_user", people.new_user, ["GET", "POST"]),
    ("/users/<int:user_id>/deactivate", "deactivate", people.deactivate, ["POST"]),
    ("/users/<int:user_id>/role", "change_role", people.change_role, ["POST"]),
    ("/audit", "audit", people.audit_log, ["GET"]),
    ("/audit.csv", "audit_csv", people.audit_csv, ["GET"]),
    ("/dashboard", "dashboard", views.dashboard, ["GET"]),
    ("/dashboard/figures.json", "dashboard_json", views.export_json, ["GET"]),
    ("/dashboard/<figure>.csv", "dashboard_csv", views.export_csv, ["GET"]),
    ("/dossiers", "queue", casework.queue, ["GET"]),
    ("/dossiers/<int:dossier_id>", "dossier", casework.dossier, ["GET"]),
    ("/dossiers/<int:dossier_id>/status", "dossier_status", casework.change_status, ["POST"]),
    ("/dossiers/<int:dossier_id>/note", "dossier_note", casework.add_note, ["POST"]),
    ("/dossiers/<int:dossier_id>/assign", "dossier_assign", casework.assign, ["POST"]),
    ("/dossiers/<int:dossier_id>/documents/<int:document_id>", "dossier_document", casework.document, ["GET"]),
    ("/dossiers/<int:dossier_id>/answers/<name>.csv", "dossier_list", casework.answer_list, ["GET"]),
    ("/outbox", "outbox", casework.outbox, ["GET"]),
    ("/rules", "rules", rule_views.rules_page, ["GET"]),
    ("/rules/new", "add_rule", rule_views.add_rule_row, ["POST"]),
    ("/rules/<int:row_id>", "correct_rule", rule_views.correct_rule_row, ["POST"]),
]
for path, endpoint, view, methods in ROUTES:
    blueprint.add_url_rule(path, endpoint, view, methods=methods)


WORKFLOW_LABELS = {"draft": _l("Draft"), "in_review": _l("In review"), "published": _l("Published")}
ROLE_LABELS = {
    "ministry_admin": _l("Ministry administrator"), "body_admin": _l("Body administrator"), "editor": _l("Editor"),
    "publisher": _l("Publisher"), "agent": _l("Agent"), "analyst": _l("Ministry analyst"),
}  # fmt: skip


@blueprint.context_processor
def _labels() -> dict[str, Any]:
    return {"workflow_labels": WORKFLOW_LABELS, "role_labels": ROLE_LABELS}


@blueprint.after_request
def _private(response):  # type: ignore[no-untyped-def]
    """Back-office pages are personal: never stored by a browser or a proxy."""
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "backoffice.sign_in"
    login_manager.session_protection = "strong"
    login_manager.anonymous_user = AnonymousUserMixin
    limiter.init_app(app)
    # Only the decorated sign-in routes are limited, and a decorated route checks its own limits; the
    # global before-request check (for application-wide limits, which there are none of) would cost every
    # catalogue request half a millisecond, so it is taken out.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    # Its after-request hook only adds rate-limit headers, which are off; its teardown releases what the
    # removed check would have held. Neither is needed on the routes that are not limited.
    app.after_request_funcs[None] = [hook for hook in app.after_request_funcs[None] if not _of_limiter(hook)]
    app.teardown_request_funcs[None] = [hook for hook in app.teardown_request_funcs[None] if not _of_limiter(hook)]
    app.register_blueprint(blueprint)
    app.register_blueprint(views.transparency_blueprint)


def _of_limiter(hook: Any) -> bool:
    """A hook the limiter registered: one of its bound methods, or a partial bound to it."""
    return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())


@login_manager.user_loader
def _load_user(token: str) -> User | None:
    return sessions.load(token)
