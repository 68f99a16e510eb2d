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
    reference: Mapped[dict[str, str]] = mapped_column(JSON)  # the legal text, in every locale, which citizens read
    # Where a value no published official text confirms comes from, in every locale: for the back office only;
    # citizens read "indicative estimate". Empty: confirmed.
    unconfirmed: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(254), default="")


def rule_book() -> RuleBook:
    """Every row of the table (a few dozen), as a book; computations ask it for the rule of a date."""
    rows = db.session.execute(
        select(RuleRow.code, RuleRow.valid_from, RuleRow.value, RuleRow.reference, RuleRow.unconfirmed)
    )
    return RuleBook((code, valid_from, value, reference, unconfirmed or {})
                    for code, valid_from, value, reference, unconfirmed in rows)  # fmt: skip


def seed_rules(definitions: list[RuleDefinition]) -> int:
    """Insert the first values of the rules that have no row yet; never touch a rule a person has edited."""
    present = set(db.session.scalars(select(RuleRow.code).distinct()))
    refresh_seeded(definitions)
    added = 0
    for definition in definitions:
        if definition.code in present:
            continue
        for valid_from, value, reference, unconfirmed in definition.seed_rows():
            db.session.add(RuleRow(code=definition.code, valid_from=valid_from, value=value, reference=dict(reference),
                                   unconfirmed=dict(unconfirmed), updated_by="sync"))  # fmt: skip
            added += 1
    return added


def refresh_seeded(definitions: list[RuleDefinition]) -> None:
    """The rows the sync wrote and no person has changed since take the plugin's reference and note as they are
    now (the value stays: a value is changed by a new row, from a date)."""
    seeded = {(item.code, row.valid_from): row for item in definitions for row in item.seed_rows()}
    for stored in db.session.scalars(select(RuleRow).where(RuleRow.updated_by == "sync")):
        row = seeded.get((stored.code, stored.valid_from))
        wanted = (dict(row.reference), dict(row.unconfirmed)) if row is not None and row.value == stored.value else None
        if wanted is not None and wanted != (stored.reference, stored.unconfirmed or {}):
            stored.reference, stored.unconfirmed = wanted
