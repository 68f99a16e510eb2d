"""The audit log: every action of a person, with who, when, from where, and on what."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_login import current_user

from portal.extensions import db
from portal.staff.models import AuditEvent, User


def record(
    action: str, target: str = "", body_id: int | None = None, actor: User | None = None, **details: Any
) -> None:
    """Add an event to the current transaction; the caller commits it with the change it describes."""
    person = actor or (current_user if current_user and current_user.is_authenticated else None)
    db.session.add(
        AuditEvent(
            action=action,
            actor_id=person.id if person is not None else None,
            actor_email=details.pop("email", None) or (person.email if person is not None else ""),
            body_id=body_id if body_id is not None else (person.body_id if person is not None else None),
            target=target,
            details=details,
            address=(request.remote_addr or "") if has_request_context() else "",
        )
    )
