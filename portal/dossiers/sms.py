"""Text messages (SMS), through a gateway behind one interface. Each is written to the outbox with its job, as an
email is (``notifications.write`` with ``kind="sms"``); the job hands it to the configured gateway
(``SMS_GATEWAY``, the import path of a class with a ``send`` method). The default gateway sends nothing: the message
stays in the outbox, readable by administrators, as an email does while no mail server is configured."""

from __future__ import annotations

from typing import Protocol

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from werkzeug.utils import import_string

from portal.database import utcnow
from portal.dossiers.models import SMS, OutboxMessage
from portal.dossiers.notifications import text_to_send
from portal.extensions import db
from portal.jobs import ledger

GATEWAY_KEY = "portal.sms_gateway"


class SmsGateway(Protocol):
    """What sends a text message to a telephone number."""

    def send(self, recipient: str, text: str) -> bool:
        """Hand ``text`` to the operator for ``recipient`` (E.164, ``+213550123456``): True once the operator took
        it, False when this gateway sends nothing (the message stays in the outbox, unsent); raise on a failure
        worth trying again later (the job is retried with back-off)."""
        ...


class OutboxOnly:
    """The default gateway: nothing leaves the platform; the message waits in the outbox, unsent."""

    def send(self, recipient: str, text: str) -> bool:
        return False


def init_app(app: Flask) -> None:
    """Make the configured gateway (``SMS_GATEWAY``), else the outbox-only one."""
    path = app.config["SMS_GATEWAY"]
    app.extensions[GATEWAY_KEY] = import_string(path)() if path else OutboxOnly()


def gateway() -> SmsGateway:
    found: SmsGateway = current_app.extensions[GATEWAY_KEY]
    return found


@ledger.handler(SMS, _l("Text message (SMS)"))
def send(payload: dict[str, object]) -> None:
    """The job: hand one message to the gateway, unless it was sent already (a killed worker's job runs again)."""
    message = db.session.get(OutboxMessage, payload["message"])
    if message is None or message.sent_at is not None:
        return
    message.attempts += 1
    db.session.commit()  # no transaction stays open while the gateway answers
    if gateway().send(message.recipient, text_to_send(message)):
        message.sent_at, message.last_error = utcnow(), ""
        db.session.commit()
