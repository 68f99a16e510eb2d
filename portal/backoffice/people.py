"""Users of a body (admins create and deactivate them) and the audit log with its CSV export."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, select
from werkzeug.wrappers import Response

from portal.catalogue.models import Body
from portal.downloads import csv_download
from portal.extensions import db
from portal.inputs import parse_id
from portal.passwords import MIN_PASSWORD, hash_password
from portal.staff import audit, sessions
from portal.staff.access import grantable_roles, is_ministry, managed_user, outranks, requires, scoped_users
from portal.staff.models import AuditEvent, User

Page = str | Response | tuple[str, int]
AUDIT_PAGE = 200


@requires("users.manage")
def users() -> Page:
    found = list(db.session.scalars(scoped_users(current_user)))
    managed = {user.id for user in found if outranks(current_user, user.role)}
    return render_template("backoffice/users.html", users=found, managed=managed, roles=grantable_roles(current_user))


@requires("users.manage")
def new_user() -> Page:
    if request.method == "GET":
        return _new_user_page({})
    form = request.form
    problems = _user_problems(form)
    if problems:
        for problem in problems:
            flash(problem, "danger")
        return _new_user_page(form), 422
    chosen = db.session.get(Body, parse_id(form.get("body")) or 0) if is_ministry(current_user) else None
    body_id = chosen.id if chosen is not None else current_user.body_id
    user = User(email=form["email"].strip().lower(), name=form["name"].strip(), role=form["role"], body_id=body_id,
                password_hash=hash_password(form["password"]))  # fmt: skip
    db.session.add(user)
    audit.record("user.create", user.email, body_id, role=user.role)
    db.session.commit()
    flash(_("The account has been created."), "success")
    return redirect(url_for(".users"))


def _new_user_page(form: Mapping[str, str]) -> str:
    """The form, offering only the roles the admin may give (and every body to the ministry)."""
    bodies = list(db.session.scalars(select(Body).order_by(Body.position))) if is_ministry(current_user) else []
    return render_template("backoffice/user_new.html", bodies=bodies, roles=grantable_roles(current_user), form=form)


def _user_problems(form: Mapping[str, str]) -> list[str]:
    get = form.get
    problems = []
    email = get("email", "").strip().lower()
    if "@" not in email:
        problems.append(_("Type a valid email address."))
    elif db.session.scalar(select(User.id).where(User.email == email)) is not None:
        problems.append(_("An account already uses this email address."))
    if not get("name", "").strip():
        problems.append(_("Type the person's name."))
    if get("role") not in grantable_roles(current_user):
        problems.append(_("Choose a role."))
    if len(get("password", "")) < MIN_PASSWORD:
        problems.append(_("The password must have at least %(count)s characters.", count=MIN_PASSWORD))
    return problems


@requires("users.manage")
def deactivate(user_id: int) -> Response:
    user = managed_user(current_user, user_id)  # never oneself, a peer or a superior
    user.active = False
    sessions.end_everywhere(user)  # a later reactivation does not bring old sessions back
    audit.record("user.deactivate", user.email, user.body_id)
    db.session.commit()
    flash(_("The account has been deactivated."), "success")
    return redirect(url_for(".users"))


@requires("users.manage")
def change_role(user_id: int) -> Response:
    user = managed_user(current_user, user_id)  # never oneself, a peer or a superior
    role = request.form.get("role", "")
    if role not in grantable_roles(current_user):
        flash(_("This role cannot be given here."), "danger")
    elif role != user.role:
        audit.record("user.role", user.email, user.body_id, before=user.role, after=role)
        user.role = role
        sessions.end_everywhere(user)  # the new role starts with a new sign-in (and its second factor)
        db.session.commit()
        flash(_("The role has been changed."), "success")
    return redirect(url_for(".users"))


def _events() -> Select[Any]:
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if not is_ministry(current_user):
        statement = statement.where(AuditEvent.body_id == current_user.body_id)
    if request.args.get("action"):
        statement = statement.where(AuditEvent.action == request.args["action"])
    if request.args.get("actor"):
        statement = statement.where(AuditEvent.actor_email.contains(request.args["actor"].strip().lower()))
    for name, bound in (("from", time.min), ("to", time.max)):
        day = _date(request.args.get(name, ""))
        if day is not None:
            moment = datetime.combine(day, bound)
            statement = statement.where(AuditEvent.at >= moment if name == "from" else AuditEvent.at <= moment)
    return statement


def _date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@requires("audit.read")
def audit_log() -> Page:
    events = list(db.session.scalars(_events().limit(AUDIT_PAGE)))
    actions = sorted(set(db.session.scalars(select(AuditEvent.action).distinct())))
    return render_template("backoffice/audit.html", events=events, actions=actions)


@requires("audit.read")
def audit_csv() -> Response:
    rows = ([event.at.isoformat(), event.action, audit.action_label(event.action), event.actor_email,
             event.body.code if event.body else "", event.target, event.address, event.details]
            for event in db.session.scalars(_events()))  # fmt: skip
    header = ["at", "action", "action_label", "actor", "body", "target", "address", "details"]
    return csv_download("audit.csv", header, rows)
