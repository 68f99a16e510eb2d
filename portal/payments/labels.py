"""A payment's state in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.payments import states

STATE_LABELS = {
    states.CREATED: _l("Created"), states.STARTED: _l("Waiting for the bank"),
    states.AUTHORISED: _l("Authorised"), states.PAID: _l("Paid"), states.DECLINED: _l("Declined"),
    states.CANCELLED: _l("Cancelled"), states.EXPIRED: _l("Expired"), states.REFUNDED: _l("Refunded"),
    states.ERROR: _l("Error"),
}  # fmt: skip


def state_label(state: str) -> str:
    label = STATE_LABELS.get(state)
    return str(label) if label is not None else state
