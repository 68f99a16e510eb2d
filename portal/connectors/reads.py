"""Reads from a fund's system with the last good answer kept: when the fund is down, or answers something that is
not what its interface promises, the page shows what was kept, with its date; a new answer replaces the kept one
only when it is good."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.connectors import client
from portal.connectors.models import FundAnswer
from portal.database import utcnow
from portal.extensions import db
from portal.registry.connector import Answer, FundUnavailableError, MalformedAnswerError, NotFoundError, RefusedError

UNAVAILABLE, MALFORMED, NOT_FOUND = "unavailable", "malformed", "not_found"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reading:
    """An answer and its date: ``live`` when the fund just gave it, else the kept one (``problem`` says why)."""

    answer: Answer
    as_of: datetime
    live: bool
    problem: str = ""


class NoReadingError(Exception):
    """The fund gave no usable answer and none was kept; ``problem`` says which case it is."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def read(account_id: int, fund: str, operation: str, *args: Any) -> Reading:
    """``operation`` of ``fund`` for the account, live when the fund answers well, else the last good answer.
    Commits (the access log, the answer kept)."""
    key = _key(args)
    try:
        answer = client.call(account_id, fund, operation, *args, retry=True)
    except (FundUnavailableError, MalformedAnswerError) as error:
        db.session.commit()  # the access log's entry
        problem = MALFORMED if isinstance(error, MalformedAnswerError) else UNAVAILABLE
        if not isinstance(error, client.BreakerOpenError):  # the operators' logs say which fund failed, and how
            log.warning("%s %s: %s (%s)", fund, operation, problem, error)
        kept = _kept(account_id, fund, operation, key)
        if kept is None:
            raise NoReadingError(problem) from error
        return Reading(kept.answer, kept.fetched_at, live=False, problem=problem)
    except (NotFoundError, RefusedError) as error:
        db.session.commit()
        raise NoReadingError(NOT_FOUND) from error
    now = utcnow()
    _keep(account_id, fund, operation, key, answer, now)
    return Reading(answer, now, live=True)


def kept_reading(account_id: int, fund: str, operation: str, *args: Any) -> Reading | None:
    """The last good answer kept, without calling the fund."""
    kept = _kept(account_id, fund, operation, _key(args))
    return Reading(kept.answer, kept.fetched_at, live=False) if kept is not None else None


def forget(account_id: int, fund: str) -> None:
    """Every answer of ``fund`` kept for the account (its link ended); the caller commits."""
    for row in db.session.scalars(select(FundAnswer).where(FundAnswer.account_id == account_id,
                                                           FundAnswer.fund == fund)):  # fmt: skip
        db.session.delete(row)


def _key(args: tuple[Any, ...]) -> str:
    return hashlib.sha256(json.dumps(args, default=str, sort_keys=True).encode()).hexdigest()


def _kept(account_id: int, fund: str, operation: str, key: str) -> FundAnswer | None:
    found: FundAnswer | None = db.session.scalar(select(FundAnswer).where(
        FundAnswer.account_id == account_id, FundAnswer.fund == fund, FundAnswer.operation == operation,
        FundAnswer.key == key))  # fmt: skip
    return found


def _keep(account_id: int, fund: str, operation: str, key: str, answer: Answer, now: datetime) -> None:
    """Replace the kept answer (two requests at once: the second one's write wins, both were good)."""
    for _attempt in range(2):
        row = _kept(account_id, fund, operation, key)
        if row is None:
            row = FundAnswer(account_id=account_id, fund=fund, operation=operation, key=key)
            db.session.add(row)
        row.answer, row.fetched_at = answer, now
        try:
            db.session.commit()
            return
        except IntegrityError:
            db.session.rollback()
