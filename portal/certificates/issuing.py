"""Issuing a certificate: the facts certified, written once as canonical JSON (the payload), signed, and kept."""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from portal.certificates import keys
from portal.certificates.models import Certificate
from portal.clock import today
from portal.extensions import db

FORMAT = 1
# How a fact's value is written: a day (ISO, written in words for the reader), words the catalogue translates
# (``term``), an identifier (masked at /verify but for its last four characters), or text as it is.
DAY, TERM, IDENTIFIER, TEXT = "date", "term", "identifier", "text"


@dataclass(frozen=True)
class Fact:
    label: str  # the English message, translated for each reader
    value: str
    kind: str = TEXT


def new_code() -> str:
    """Twelve random characters of base 32 (60 bits, not to be guessed), in three groups: ``ABCD-EFGH-JKLM``."""
    letters = base64.b32encode(secrets.token_bytes(10)).decode()[:12]
    return "-".join(letters[index : index + 4] for index in range(0, 12, 4))


def normalised(code: str) -> str:
    """A code as typed or read from the QR (any case, spaces or dashes) in its written form, else ``""``."""
    letters = re.sub(r"[\s-]", "", code).upper()
    if not re.fullmatch(r"[A-Z2-7]{12}", letters):
        return ""
    return "-".join(letters[index : index + 4] for index in range(0, 12, 4))


def canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def issue(account_id: int, issuer: str, kind: str, holder: str, facts: Sequence[Fact], locale: str,
          valid_days: int) -> Certificate:  # fmt: skip
    """A new certificate, signed and added to the session (the caller commits)."""
    issued = today()
    valid_until = issued + timedelta(days=valid_days)
    code = new_code()
    payload = canonical({
        "format": FORMAT, "code": code, "issuer": issuer, "kind": kind, "holder": holder, "locale": locale,
        "facts": [{"label": fact.label, "value": fact.value, "kind": fact.kind} for fact in facts],
        "issued": issued.isoformat(), "valid_until": valid_until.isoformat(),
    })  # fmt: skip
    key_id, signature = keys.sign(payload.encode())
    certificate = Certificate(code=code, account_id=account_id, payload=payload, key_id=key_id, signature=signature,
                              valid_until=valid_until)  # fmt: skip
    db.session.add(certificate)
    return certificate


def content(certificate: Certificate) -> dict[str, Any]:
    """The payload's facts (the caller checked the signature first when it matters)."""
    loaded: dict[str, Any] = json.loads(certificate.payload)
    return loaded


def day(value: str) -> date:
    return date.fromisoformat(value)


def issued_to(account_id: int) -> list[dict[str, Any]]:
    """What the account's certificates certified, for the download of its data: each payload, and its state."""
    found = db.session.scalars(select(Certificate).where(Certificate.account_id == account_id).order_by(Certificate.id))
    return [{"certified": content(row), "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None}
            for row in found]  # fmt: skip
