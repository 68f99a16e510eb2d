"""Every back-office route × every role × own body / another body, generated from the app's URL map.

A route whose view declares no permission makes this test fail, so a new page cannot ship unguarded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule

from portal.accounts.models import Account
from portal.catalogue.models import Body
from portal.extensions import db
from portal.jobs.models import Job
from portal.payments.models import Payment
from portal.staff.access import ANONYMOUS, PERMISSIONS
from portal.staff.models import ROLES, User
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import PASSWORD, create_user, service_id, sign_in, token
from tests.portal.dossiers.helpers import create_dossier

SCOPES = ("own", "other")


def backoffice_rules(app: Flask) -> list[Rule]:
    """Every route under /<locale>/backoffice, whichever module's blueprint registers it."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/<lang_code>/backoffice/")]
    # Sign-out ends the session: it is checked last.
    return sorted(rules, key=lambda rule: rule.endpoint == "backoffice.sign_out")


def permission_of(app: Flask, endpoint: str) -> str | None:
    """The permission the endpoint's view declares (``requires`` or ``public`` sets it), if any."""
    return getattr(app.view_functions[endpoint], "permission", None)


def test_every_backoffice_route_declares_who_may_use_it(app: Flask) -> None:
    known = {*PERMISSIONS, ANONYMOUS}
    undeclared = [rule.endpoint for rule in backoffice_rules(app) if permission_of(app, rule.endpoint) not in known]
    assert undeclared == []


# Applicants' dossiers are seen by their body's team only: not even the ministry's administrators see another's.
STRICTLY_SCOPED = {"dossiers.handle", "payments.read", "payments.refund"}
OBJECTS = {"service_id", "user_id", "dossier_id", "document_id", "job_id", "payment_id"}


def expected(permission: str, role: str | None, scope: str, has_object: bool) -> str:
    """allowed, redirect to sign-in, forbidden (403) or not found (404: another body's object is invisible)."""
    if permission == ANONYMOUS:
        return "allowed"
    if role is None:
        return "sign-in"
    if role not in PERMISSIONS[permission]:
        return "forbidden"
    if has_object and scope == "other" and (role != "ministry_admin" or permission in STRICTLY_SCOPED):
        return "not found"
    return "allowed"


def outcome(status: int, location: str) -> str:
    if status == 403:
        return "forbidden"
    if status == 404:
        return "not found"
    if status == 302 and "/backoffice/sign-in" in location:
        return "sign-in"
    return "allowed" if status < 400 or status in {409, 422} else f"status {status}"


def dead_job(app: Flask, body: str) -> int:
    """A job of ``body`` that stopped after failing (what the failed jobs' page lists)."""
    with app.app_context():
        body_id = db.session.scalar(select(Body.id).where(Body.code == body))
        job = Job(kind="email", key=f"email:test-{body}", payload={"message": 0}, body_id=body_id, state="dead")
        db.session.add(job)
        db.session.commit()
        return job.id


def paid_payment(app: Flask, body: str) -> int:
    """A payment to ``body`` (what the back office's payment pages show)."""
    with app.app_context():
        body_id = db.session.scalar(select(Body.id).where(Body.code == body))
        account = Account(identifier=f"payer-{body}@example.dz", channel="email", password_hash="-")
        db.session.add(account)
        db.session.flush()
        payment = Payment(reference=f"{body_id:010d}", account_id=account.id, body_id=body_id, purpose="fee",
                          amount=150000, currency="012", idempotency_key=body, locale="fr", gateway="satim",
                          state="paid")  # fmt: skip
        db.session.add(payment)
        db.session.commit()
        return payment.id


@pytest.mark.parametrize("role", [None, *ROLES])
def test_access_matrix(make_app: AppFactory, role: str | None, tmp_path: Path) -> None:
    app = make_app(UPLOAD_FOLDER=str(tmp_path / "uploads"))
    app.test_cli_runner().invoke(args=["programmes", "demo"])  # the dashboard's pages need a programme
    body = "mintest" if role in {"ministry_admin", "analyst"} else "demo"
    own_dossier, own_document = create_dossier(app, "labour-inspection-report" if body == "mintest" else "demo-leave")
    other_dossier, other_document = create_dossier(app, "hiring-aid")
    targets = {
        "own": {"service_id": service_id(app, "maternity-benefit"),
                "user_id": create_user(app, "agent", "demo", "target@demo.example.dz").id,
                "dossier_id": own_dossier, "document_id": own_document, "job_id": dead_job(app, body),
                "payment_id": paid_payment(app, body)},
        "other": {"service_id": service_id(app, "unemployment-benefit"),
                  "user_id": create_user(app, "agent", "pilote", "target@pilote.example.dz").id,
                  "dossier_id": other_dossier, "document_id": other_document, "job_id": dead_job(app, "pilote"),
                  "payment_id": paid_payment(app, "pilote")},
    }  # fmt: skip
    client = app.test_client()
    if role is not None:
        sign_in(client, create_user(app, role, body))
    csrf = token(client, "/fr/backoffice/sign-in")
    mismatches = []
    for rule in backoffice_rules(app):
        permission = permission_of(app, rule.endpoint)
        assert permission is not None, f"{rule.endpoint} declares no permission"
        has_object = bool(rule.arguments & OBJECTS)
        for scope in SCOPES if has_object else ("own",):
            given = {**targets[scope], "figure": "timeline", "row_id": 1, "name": "wages"}  # rule rows: no body
            values = {"lang_code": "fr", **{name: given[name] for name in rule.arguments if name in given}}
            path = app.url_map.bind("localhost").build(rule.endpoint, values)
            method = "GET" if "GET" in (rule.methods or set()) else "POST"
            if rule.endpoint in {"backoffice.sign_in", "backoffice.two_factor", "backoffice.two_factor_setup"}:
                method = "GET"
            response = client.open(path, method=method, data={"csrf_token": csrf} if method == "POST" else None)
            want = expected(permission, role, scope, has_object)
            if rule.endpoint == "backoffice.sign_out":
                want = "sign-in"  # signed out, or never signed in: both end on the sign-in page
            got = outcome(response.status_code, response.headers.get("Location", ""))
            if want != got and not (permission == ANONYMOUS and got == "sign-in"):  # no sign-in under way
                mismatches.append(f"{method} {path} ({scope}): expected {want}, got {got}")
    assert mismatches == []
    assert (
        outcome(client.get("/fr/backoffice/").status_code, client.get("/fr/backoffice/").headers.get("Location", ""))
        == "sign-in"
    )  # sign-out, checked last, ended the session


# The role hierarchy, written out: whom each administrator may change (role or deactivation), and which roles
# they may give (by a role change or when creating an account). Nobody acts on a peer or a superior.
CHANGES = {
    "ministry_admin": {"body_admin", "editor", "publisher", "agent", "analyst"},
    "body_admin": {"editor", "publisher", "agent", "analyst"},
}
GRANTS = {"ministry_admin": set(ROLES), "body_admin": set(ROLES) - {"ministry_admin"}}


def stored(app: Flask, user_id: int) -> tuple[str, bool]:
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user is not None
        return user.role, user.active


@pytest.mark.parametrize("actor", sorted(CHANGES))
def test_role_hierarchy(app: Flask, actor: str) -> None:
    """Every admin role × every target role, in the ministry's own body: allowed or refused, as stored."""
    client = app.test_client()
    sign_in(client, create_user(app, actor, "mintest", f"{actor}@actor.example.dz"))
    csrf = token(client, "/fr/backoffice/users")
    got, want = {}, {}
    for target in ROLES:
        changed, deactivated, promoted = (
            create_user(app, role, "mintest", f"{target}-{n}@mintest.example.dz").id
            for n, role in enumerate((target, target, "agent"))
        )
        new_role = "editor" if target == "agent" else "agent"
        client.post(f"/fr/backoffice/users/{changed}/role", data={"csrf_token": csrf, "role": new_role})
        client.post(f"/fr/backoffice/users/{deactivated}/deactivate", data={"csrf_token": csrf})
        client.post(f"/fr/backoffice/users/{promoted}/role", data={"csrf_token": csrf, "role": target})
        created = client.post("/fr/backoffice/users/new", data={"csrf_token": csrf, "name": "New", "role": target,
                                                                "email": f"{target}@new.example.dz",
                                                                "password": PASSWORD})  # fmt: skip
        allowed_change, allowed_grant = target in CHANGES[actor], target in GRANTS[actor]
        got[target] = (stored(app, changed), stored(app, deactivated), stored(app, promoted)[0], created.status_code)
        want[target] = (
            (new_role if allowed_change else target, True),
            (target, not allowed_change),
            target if allowed_grant or target == "agent" else "agent",
            302 if allowed_grant else 422,
        )
    assert got == want
