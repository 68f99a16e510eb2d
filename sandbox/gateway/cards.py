"""The sandbox's test cards: what each does on the hosted page. Any expiry date in the future and any CVV do."""

from __future__ import annotations

from typing import NamedTuple


class Outcome(NamedTuple):
    """What the gateway does: the order's status, the action code and the bank's response code."""

    status: int  # OrderStatus: 2 deposited (paid), 6 declined
    action: int  # actionCode: 0 approved, 10 cancelled by the cardholder, -2007 session expired
    response: str  # params.respCode
    description: str


APPROVED = Outcome(2, 0, "00", "Approved")
DECLINED = Outcome(6, 100, "05", "Do not honour")
INSUFFICIENT = Outcome(6, 116, "51", "Insufficient funds")
CANCELLED = Outcome(6, 10, "", "Cancelled by the cardholder")
EXPIRED = Outcome(6, -2007, "", "Session expired")
CHALLENGE_FAILED = Outcome(6, -2006, "", "3-D Secure authentication failed")

CHALLENGE = "challenge"  # the card asks for the 3-D Secure one-time code first
CHALLENGE_CODE = "123456"
CARDS: dict[str, Outcome | str] = {
    "6280580610061011": APPROVED,  # CIB / Edahabia style number: success
    "4111111111111111": APPROVED,  # Visa: success
    "4000000000000002": DECLINED,
    "4000000000009995": INSUFFICIENT,
    "4000000000000119": EXPIRED,  # behaves as if the page's session had run out
    "4000000000003220": CHALLENGE,  # 3-D Secure: code 123456 succeeds, any other fails
}


def outcome(number: str) -> Outcome | str:
    """The test card's outcome; an unknown number is declined."""
    return CARDS.get("".join(number.split()), DECLINED)


def masked(number: str) -> str:
    digits = "".join(number.split())
    return digits[:6] + "**" + digits[-4:] if len(digits) >= 10 else "**"
