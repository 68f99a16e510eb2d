"""Text messages leave through the configured gateway, run by the worker's job; the default gateway leaves them in
the outbox. Codes no longer typable are purged."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import ClassVar

from flask import Flask
from sqlalchemy import func, select, update

from portal.accounts.codes import purge_expired
from portal.accounts.models import AccountCode
from portal.database import utcnow
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import messages_to, sign_up


class Recorder:
    """A gateway that keeps what it is asked to send (the operator took it)."""

    sent: ClassVar[list[tuple[str, str]]] = []

    def send(self, recipient: str, text: str) -> bool:
        self.sent.append((recipient, text))
        return True


def test_a_configured_gateway_sends_the_text_with_its_code(make_app: AppFactory) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, SMS_GATEWAY="tests.portal.accounts.test_messages:Recorder")
    Recorder.sent.clear()
    sign_up(app.test_client(), "0661 23 45 67")
    app.test_cli_runner().invoke(args=["jobs", "sweep"])
    [(recipient, text)] = Recorder.sent
    assert recipient == "+213661234567"
    assert re.search(r"votre code est \d{6}\. Il expire dans 15 minutes\.", text)
    [message] = messages_to(app, "+213661234567")
    assert message.sent_at is not None and "••••••" in message.text


def test_the_default_gateway_leaves_the_text_in_the_outbox(portal_app: Flask) -> None:
    sign_up(portal_app.test_client(), "0661 23 45 67")
    portal_app.test_cli_runner().invoke(args=["jobs", "sweep"])
    [message] = messages_to(portal_app, "+213661234567")
    assert message.kind == "sms" and message.sent_at is None and message.attempts == 1


def test_codes_past_their_time_are_purged(portal_app: Flask) -> None:
    sign_up(portal_app.test_client(), "ancien@example.dz")
    sign_up(portal_app.test_client(), "recent@example.dz")
    with portal_app.app_context():
        old = AccountCode.identifier == "ancien@example.dz"
        db.session.execute(update(AccountCode).where(old).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()
        assert purge_expired() == 1
        assert db.session.scalar(select(func.count()).select_from(AccountCode)) == 1
