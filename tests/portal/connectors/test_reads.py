"""Reads through the one client, against the sandbox funds over HTTP: the answer kept, the fund down or answering
nonsense (the kept answer with its date, nothing lost), retries, the breaker, the access log."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from sqlalchemy import select

from portal.accounts.access_log import PURPOSES, accesses_of
from portal.connectors import linking, reads
from portal.connectors.client import BreakerOpenError, call
from portal.connectors.models import FundAnswer
from portal.extensions import db
from portal.registry.connector import FundUnavailableError
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.connectors.conftest import AMINA, linked_account, new_account

PERSON = "CNR-0002"  # Amina's reference at the sandbox's CNR


def test_a_good_answer_is_read_live_kept_and_logged(connected_app: Flask) -> None:
    account_id = linked_account(connected_app)
    with connected_app.test_request_context("/fr/"):
        reading = reads.read(account_id, "demo", "career", PERSON)
        assert reading.live and reading.problem == ""
        assert [period["employer"]["name"] for period in reading.answer["periods"]] == [
            "Clinique Les Orangers", "SARL Atlas Bâtiment"]  # fmt: skip
        kept = db.session.scalar(select(FundAnswer).where(FundAnswer.account_id == account_id))
        assert kept is not None and kept.answer == reading.answer
        lines = accesses_of(account_id, "fr")
        assert [line.purpose for line in lines] == [str(PURPOSES["career"]), str(PURPOSES["person_by_nin"])]
        assert "Caisse d'essai" in lines[0].who


def test_the_fund_down_shows_the_last_good_answer_with_its_date(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = linked_account(connected_app)
    with connected_app.test_request_context("/fr/"):
        first = reads.read(account_id, "demo", "career", PERSON)
        funds_sandbox.fault("cnr", "error")
        second = reads.read(account_id, "demo", "career", PERSON)
    assert not second.live and second.problem == reads.UNAVAILABLE
    assert (second.answer, second.as_of) == (first.answer, first.as_of)


def test_the_fund_down_with_nothing_kept_says_so(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = linked_account(connected_app)
    funds_sandbox.fault("cnr", "error")
    with connected_app.test_request_context("/fr/"), pytest.raises(reads.NoReadingError) as failed:
        reads.read(account_id, "demo", "career", PERSON)
    assert failed.value.problem == reads.UNAVAILABLE


@pytest.mark.parametrize("mode", ["malformed", "wrong_shape"])
def test_a_malformed_answer_is_an_error_and_the_kept_answer_is_not_lost(
    connected_app: Flask, funds_sandbox: Sandbox, mode: str
) -> None:
    account_id = linked_account(connected_app)
    with connected_app.test_request_context("/fr/"):
        first = reads.read(account_id, "demo", "career", PERSON)
        funds_sandbox.fault("cnr", mode)
        second = reads.read(account_id, "demo", "career", PERSON)
        kept = db.session.scalar(select(FundAnswer).where(FundAnswer.account_id == account_id))
    assert not second.live and second.problem == reads.MALFORMED
    assert second.answer == first.answer
    assert kept is not None and kept.answer == first.answer


def test_a_read_is_retried_when_the_fund_fails_once(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = linked_account(connected_app)
    before = funds_sandbox.calls("cnr")
    funds_sandbox.fault("cnr", "error", times=1)
    with connected_app.test_request_context("/fr/"):
        assert reads.read(account_id, "demo", "career", PERSON).live
    assert funds_sandbox.calls("cnr") - before == 2


def test_a_link_is_never_retried(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    """Asking the fund to find a person sends a text message: a failure is said, never repeated behind the scenes."""
    account_id = new_account(connected_app)
    before = funds_sandbox.calls("cnr")
    funds_sandbox.fault("cnr", "error", times=1)
    with connected_app.test_request_context("/fr/"), pytest.raises(FundUnavailableError):
        call(account_id, "demo", "find_person", AMINA["nss"], AMINA["birth_date"])
    assert funds_sandbox.calls("cnr") - before == 1


def test_a_slow_fund_holds_a_request_no_longer_than_the_timeout(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = linked_account(connected_app)
    funds_sandbox.fault("cnr", "latency", seconds=5)
    started = time.monotonic()
    with connected_app.test_request_context("/fr/"), pytest.raises(reads.NoReadingError):
        reads.read(account_id, "demo", "career", PERSON)
    assert time.monotonic() - started < connected_app.config["CONNECTOR_TIMEOUT"] + 0.5


def test_the_breaker_opens_after_failures_and_then_answers_at_once(
    connected_app: Flask, funds_sandbox: Sandbox
) -> None:
    account_id = linked_account(connected_app)
    with connected_app.test_request_context("/fr/"):
        first = reads.read(account_id, "demo", "career", PERSON)
        funds_sandbox.fault("cnr", "latency", seconds=3)
        for _attempt in range(connected_app.config["CONNECTOR_BREAKER_FAILURES"]):
            assert not reads.read(account_id, "demo", "career", PERSON).live
        calls, started = funds_sandbox.calls("cnr"), time.monotonic()
        quick = reads.read(account_id, "demo", "career", PERSON)
        elapsed = time.monotonic() - started
        with pytest.raises(BreakerOpenError):
            call(account_id, "demo", "career", PERSON)
    assert elapsed < 0.1
    assert not quick.live and quick.answer == first.answer
    assert funds_sandbox.calls("cnr") == calls  # the fund was left alone


def test_the_breaker_tries_the_fund_again_after_its_pause(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(FUND_URLS={"demo": funds_sandbox.fund_url("cnr")}, CONNECTOR_TIMEOUT=1.0,
                   CONNECTOR_RETRY_DELAY=0.01, CONNECTOR_BREAKER_FAILURES=1, CONNECTOR_BREAKER_SECONDS=0.3)  # fmt: skip
    account_id = linked_account(app)
    with app.test_request_context("/fr/"):
        funds_sandbox.fault("cnr", "error")
        with pytest.raises(reads.NoReadingError):
            reads.read(account_id, "demo", "career", PERSON)
        funds_sandbox.clear()
        with pytest.raises(reads.NoReadingError):  # still open: not called
            reads.read(account_id, "demo", "career", PERSON)
        time.sleep(0.35)
        assert reads.read(account_id, "demo", "career", PERSON).live


def test_a_call_the_fund_failed_is_in_the_access_log_too(connected_app: Flask, funds_sandbox: Sandbox) -> None:
    account_id = new_account(connected_app)
    funds_sandbox.fault("cnr", "error")
    with connected_app.test_request_context("/fr/"):
        with pytest.raises(FundUnavailableError):
            linking.start(account_id, "demo", str(AMINA["nss"]), AMINA["birth_date"])  # type: ignore[arg-type]
        db.session.rollback()  # what the request's end does with what was not committed
        assert [line.purpose for line in accesses_of(account_id, "fr")] == [str(PURPOSES["find_person"])]
