"""Routes of the back office's shell, under /<locale>/backoffice: sign-in, people, audit and the landing page.

Every module registers its own back-office pages (``portal.staff.pages``); every route declares who may use it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin

from portal.backoffice import home, people, sign_in
from portal.catalogue.workflow import WORKFLOW_LABELS
from portal.extensions import limiter, login_manager
from portal.staff import sessions
from portal.staff.audit import action_label, actor_label
from portal.staff.models import User
from portal.staff.pages import backoffice_blueprint

blueprint = backoffice_blueprint(
    "backoffice",
    __name__,
    [
        ("/sign-in", "sign_in", sign_in.sign_in, ["GET", "POST"]),
        ("/two-factor", "two_factor", sign_in.two_factor, ["GET", "POST"]),
        ("/two-factor/setup", "two_factor_setup", sign_in.two_factor_setup, ["GET", "POST"]),
        ("/sign-out", "sign_out", sign_in.sign_out, ["POST"]),
        ("/password", "password", sign_in.password, ["GET", "POST"]),
        ("/", "home", home.home, ["GET"]),
        ("/users", "users", people.users, ["GET"]),
        ("/users/new", "new_user", people.new_user, ["GET", "POST"]),
        ("/users/<int:user_id>/deactivate", "deactivate", people.deactivate, ["POST"]),
        ("/users/<int:user_id>/role", "change_role", people.change_role, ["POST"]),
        ("/audit", "audit", people.audit_log, ["GET"]),
        ("/audit.csv", "audit_csv", people.audit_csv, ["GET"]),
    ],
    template_folder="templates",
)
ROLE_LABELS = {
    "ministry_admin": _l("Ministry administrator"), "body_admin": _l("Body administrator"), "editor": _l("Editor"),
    "publisher": _l("Publisher"), "agent": _l("Agent"), "analyst": _l("Ministry analyst"),
}  # fmt: skip


@blueprint.context_processor
def _labels() -> dict[str, Any]:
    return {"workflow_labels": WORKFLOW_LABELS, "role_labels": ROLE_LABELS, "action_label": action_label,
            "actor_label": actor_label}  # fmt: skip


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


def _of_limiter(hook: Any) -> bool:
    """A hook the limiter registered: one of its bound methods, or a partial bound to it."""
    return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())


@login_manager.user_loader
def _load_user(token: str) -> User | None:
    return sessions.load(token)
