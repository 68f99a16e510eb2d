"""What a gateway's answer means, and what of it is kept: SATIM's answer fields (PAYMENTS.md), never a card number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.payments import states

# The fields kept from an answer: codes, amounts, order identifiers and messages. ``Pan`` (even masked), the
# cardholder's name and any field not named here are dropped before anything is stored.
SAFE_FIELDS = frozenset({
    "errorCode", "errorMessage", "orderId", "formUrl",  # register.do's answer (lower-case keys)
    "ErrorCode", "ErrorMessage", "OrderNumber", "OrderStatus", "Amount", "depositAmount", "currency",
    "actionCode", "actionCodeDescription", "approvalCode", "SvfeResponse", "refundedAmount",
    "unavailable",  # the platform's own note: the gateway did not answer (timeout, HTTP error)
})  # fmt: skip
SAFE_PARAMS = frozenset({"respCode", "respCode_desc"})
CANCELLED_BY_CARDHOLDER, SESSION_EXPIRED = 10, -2007  # actionCode
STATUS_STATES = {2: states.PAID, 1: states.AUTHORISED, 3: states.DECLINED, 4: states.REFUNDED,
                 -1: states.DECLINED, 6: states.DECLINED}  # fmt: skip
UNCERTAIN_ERRORS = {7}  # a system error at the gateway: its answer is unknown, the status is asked later


def safe(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with only its safe fields."""
    kept = {key: value for key, value in answer.items() if key in SAFE_FIELDS}
    params = answer.get("params")
    if isinstance(params, dict):
        kept["params"] = {key: value for key, value in params.items() if key in SAFE_PARAMS}
    return kept


@dataclass(frozen=True)
class Verdict:
    """The state an answer leads to (None: no change, ask again later) and why, for the history."""

    state: str | None
    reason: str = ""


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def verdict(answer: dict[str, Any], reference: str, amount: int) -> Verdict:
    """What a confirmOrder.do or getOrderStatus.do answer says of the payment ``reference`` of ``amount``: paid
    only when the order number and the amount match."""
    error = _number(answer.get("ErrorCode", 0))
    if error in UNCERTAIN_ERRORS or error == 2:  # 2: already confirmed, the status says how
        return Verdict(None, f"error code {error}")
    if error not in (0, None):
        return Verdict(states.ERROR, f"error code {error}")
    action = _number(answer.get("actionCode"))
    if action == CANCELLED_BY_CARDHOLDER:
        return Verdict(states.CANCELLED, "cancelled by the cardholder")
    if action == SESSION_EXPIRED:
        return Verdict(states.EXPIRED, "session expired")
    status = _number(answer.get("OrderStatus"))
    if status is None:  # a declined attempt may carry no OrderStatus at all
        return Verdict(states.DECLINED, "declined") if action not in (0, None) else Verdict(None, "no status")
    found = STATUS_STATES.get(status)
    if found in (states.PAID, states.AUTHORISED, states.REFUNDED) and not _matches(answer, reference, amount):
        return Verdict(states.ERROR, "order number or amount differs")
    return Verdict(found, f"order status {status}")


def _matches(answer: dict[str, Any], reference: str, amount: int) -> bool:
    return str(answer.get("OrderNumber", "")) == reference and _number(answer.get("Amount")) == amount
