"""What the platform keeps of each certificate it issued: the signed payload itself (the exact bytes signed), its
signature and the id of the key that made it, so that ``/verify`` checks the signature again at each visit."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db


class Certificate(db.Model):  # type: ignore[name-defined]
    """A certificate issued to an account (``account_id`` empty once the account is closed: anyone can still check
    it). ``payload`` is the canonical JSON that was signed; nothing shown at ``/verify`` comes from elsewhere."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # ABCD-EFGH-JKLM
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"), index=True)
    payload: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(100))  # base64 of Ed25519's 64 bytes
    valid_until: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
