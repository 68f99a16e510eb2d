"""What ``/verify/<code>`` says of a code: unknown, not authentic (the signature does not match what is kept, or
no trusted key made it), revoked, expired, or valid; and what the certificate shows, the holder's name and the
identifiers partly masked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from portal.certificates import keys
from portal.certificates.issuing import IDENTIFIER, content, day, normalised
from portal.certificates.models import Certificate
from portal.clock import today
from portal.extensions import db

UNKNOWN, FORGED, REVOKED, EXPIRED, VALID = "unknown", "forged", "revoked", "expired", "valid"


@dataclass(frozen=True)
class Check:
    status: str
    code: str = ""
    issuer: str = ""
    kind: str = ""
    holder: str = ""  # masked
    issued: date | None = None
    valid_until: date | None = None
    facts: list[dict[str, str]] = field(default_factory=list)  # identifiers masked


def check(code: str) -> Check:
    written = normalised(code)
    found = db.session.scalar(select(Certificate).where(Certificate.code == written)) if written else None
    if found is None:
        return Check(UNKNOWN)
    if not keys.verify(found.payload.encode(), found.key_id, found.signature):
        return Check(FORGED, written)
    facts = content(found)
    if facts.get("code") != written:  # a payload signed for another certificate
        return Check(FORGED, written)
    valid_until = day(facts["valid_until"])
    status = REVOKED if found.revoked_at else EXPIRED if valid_until < today() else VALID
    shown = [{**fact, "value": masked_identifier(fact["value"])} if fact["kind"] == IDENTIFIER else fact
             for fact in facts["facts"]]  # fmt: skip
    return Check(status, written, facts["issuer"], facts["kind"], masked_name(facts["holder"]), day(facts["issued"]),
                 valid_until, shown)  # fmt: skip


def masked_name(name: str) -> str:
    """The first name in full, each other name by its first letter: ``Amina B.``, ``أمينة ب. ع.``."""
    first, *others = name.split()
    return " ".join([first, *(f"{other[0]}." for other in others)])


def masked_identifier(value: str) -> str:
    return "•" * max(len(value) - 4, 0) + value[-4:]
