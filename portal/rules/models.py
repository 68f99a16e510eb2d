"""The rule table: one row per rule and date it applies from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.database import UTCDateTime, utcnow
from portal.extensions import db
from portal.registry.rule_book import RuleBook, RuleDefinition


class RuleRow(db.Model):  # type: ignore[name-defined]
    """A rule's value from ``valid_from`` until the next row of the same code. Values are decimal text, so that
    a rate such as 0.375 is exact on every database."""

    __tablename__ = "rule_row"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    valid_from: Mapped[date]
    value: Mapped[str] = mapped_column(String(40))
    reference: Mapped[dict[str, str]] = mapped_column(JSON)  # the legal text, in every locale
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(254), default="")


def rule_book() -> RuleBook:
    """Every row of the table (a few dozen), as a book; computations ask it for the rule of a date."""
    rows = db.session.execute(select(RuleRow.code, RuleRow.valid_from, RuleRow.value, RuleRow.reference))
    return RuleBook((code, valid_from, value, reference) for code, valid_from, value, reference in rows)


def seed_rules(definitions: list[RuleDefinition]) -> int:
    """Insert the first values of the rules that have no row yet; never touch a rule a person has edited."""
    present = set(db.session.scalars(select(RuleRow.code).distinct()))
    added = 0
    for definition in definitions:
        if definition.code in present:
            continue
        for valid_from, value, reference in definition.seed:
            db.session.add(RuleRow(code=definition.code, valid_from=valid_from, value=value,
                                   reference=dict(reference), updated_by="sync"))  # fmt: skip
            added += 1
    return added
