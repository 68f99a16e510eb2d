"""A payment's states and the transitions allowed between them: a paid payment never goes back to declined."""

from __future__ import annotations

CREATED, STARTED, AUTHORISED, PAID = "created", "started", "authorised", "paid"
DECLINED, CANCELLED, EXPIRED, REFUNDED, ERROR = "declined", "cancelled", "expired", "refunded", "error"
STATES = (CREATED, STARTED, AUTHORISED, PAID, DECLINED, CANCELLED, EXPIRED, REFUNDED, ERROR)

ALLOWED: dict[str, frozenset[str]] = {
    CREATED: frozenset({STARTED, CANCELLED, EXPIRED, ERROR}),
    STARTED: frozenset({AUTHORISED, PAID, DECLINED, CANCELLED, EXPIRED, ERROR}),
    AUTHORISED: frozenset({PAID, CANCELLED, EXPIRED, ERROR}),
    PAID: frozenset({REFUNDED}),
    # An error is what the platform knows, not what the gateway did: a later status check may still find it paid.
    ERROR: frozenset({PAID, DECLINED, CANCELLED, EXPIRED}),
    DECLINED: frozenset(),
    CANCELLED: frozenset(),
    EXPIRED: frozenset(),
    REFUNDED: frozenset(),
}
OPEN = frozenset({CREATED, STARTED, AUTHORISED})  # the gateway may still change its answer: the job asks it
FINAL = frozenset(state for state, following in ALLOWED.items() if not following)


class TransitionError(ValueError):
    """A change the state machine does not allow (the payment keeps its state)."""


def check(current: str, new: str) -> None:
    """Refuse a transition outside the allowed ones."""
    if new not in ALLOWED.get(current, frozenset()):
        raise TransitionError(f"a payment cannot go from {current} to {new}")
