"""What staff's and citizens' second factors share: TOTP secrets and codes (pyotp), one-time recovery codes kept as
digests, the QR code of an enrolment, and the conditional UPDATE that spends a code once.

A TOTP code and a recovery code are each spent by one conditional UPDATE whose row count decides, so two requests
carrying the same code can never both succeed, on SQLite as on PostgreSQL."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any, cast

import pyotp
import segno
from sqlalchemy import CursorResult, Update

from portal.extensions import db

RECOVERY_CODES = 10
RECOVERY_CODE_BYTES = 10  # 80 random bits: out of reach of guessing, even from a stolen digest
ISSUER = "MTESS e-services"
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")  # as an Arabic keyboard types them


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(name: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_svg(uri: str, title: str) -> str:
    """The enrolment's address as an inline SVG QR code, for an authenticator app to scan."""
    svg: str = segno.make(uri, error="m").svg_inline(scale=4, title=title)
    return svg


def totp_step(secret: str, code: str) -> int | None:
    """The time step whose code this is (the current one or a neighbour, for clock drift), else None."""
    totp, typed = pyotp.TOTP(secret), "".join(code.split()).translate(DIGITS)
    if not (typed.isascii() and typed.isdigit()):  # compare_digest refuses other text; no code is made of it
        return None
    now = int(time.time()) // totp.interval
    return next((step for step in (now - 1, now, now + 1) if hmac.compare_digest(totp.generate_otp(step), typed)), None)


def recovery_digest(code: str) -> str:
    """The stored form of a recovery code: SHA-256 of its hexadecimal digits, whatever the case or dashes."""
    typed = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(typed.encode(errors="replace")).hexdigest()  # unreadable text is simply not a code


def new_recovery_codes() -> list[str]:
    """Ten new codes, to be shown once and stored as their digests."""
    return [_grouped(secrets.token_hex(RECOVERY_CODE_BYTES)) for _ in range(RECOVERY_CODES)]


def _grouped(digits: str, size: int = 5) -> str:
    """``3fa9c-0b1d2-...``: easier to copy by hand."""
    return "-".join(digits[start : start + size] for start in range(0, len(digits), size))


def changed(statement: Update) -> bool:
    """Run a conditional UPDATE of one row: whether it matched (the database decides, atomically)."""
    result = cast(CursorResult[Any], db.session.execute(statement, execution_options={"synchronize_session": False}))
    return result.rowcount == 1
