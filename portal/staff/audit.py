"""The audit log: every action of a person, with who, when, from where, and on what."""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
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


# What each stored action code means, in the reader's language: the page, its filter and the CSV show these;
# the code itself stays stored (and in the CSV's "action" column) so that exports can be filtered by it.
ACTION_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in.failed": _l("Sign-in refused (wrong email or password)"),
    "sign_in.failed_second_factor": _l("Sign-in refused (wrong second-factor code)"),
    "two_factor.enrolled": _l("Authenticator app enrolled"),
    "sign_out": _l("Signed out"),
    "job.retry": _l("Failed job tried again"),
    "password.change": _l("Password changed"),
    "user.create": _l("Account created"),
    "user.deactivate": _l("Account deactivated"),
    "user.role": _l("Role changed"),
    "service.create": _l("Service created"),
    "service.save": _l("Draft saved"),
    "service.submit": _l("Sent for review"),
    "service.send_back": _l("Sent back to the editors"),
    "service.publish": _l("Service published"),
    "service.retire": _l("Service withdrawn from the catalogue"),
    "rule.add": _l("Rule row added"),
    "rule.correct": _l("Rule row corrected"),
    "dossier.status": _l("Dossier status changed"),
    "dossier.note": _l("Internal note added to a dossier"),
    "dossier.assign": _l("Dossier assigned"),
    "dossier.reply": _l("Applicant replied"),
    "payment.state": _l("Payment state changed"),
    "payment.refund": _l("Refund asked"),
    "payment.refund_approved": _l("Refund approved"),
    "payment.refund_state": _l("Refund state changed"),
    "payment.mismatch_resolved": _l("Payment mismatch marked as resolved"),
}
# Who acted when it was not a person signed in: the command line, an applicant, a body's plugin at a sync.
ACTOR_LABELS = {
    "cli": _l("Command line"),
    "applicant": _l("The applicant"),
    "gateway": _l("Payment gateway"),
    "": _l("Nobody signed in"),
}
PLUGIN_PREFIX = "plugin:"


def action_label(code: str) -> str:
    """The action in the reader's language; an action without a label shows its code rather than nothing."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def actor_label(actor: str) -> str:
    """Who acted, in the reader's language: an email is shown as it is, a kind of actor is named."""
    if actor.startswith(PLUGIN_PREFIX):
        return str(_l("Plugin of %(body)s (sync)", body=actor.removeprefix(PLUGIN_PREFIX).upper()))
    label = ACTOR_LABELS.get(actor)
    return str(label) if label is not None else actor
