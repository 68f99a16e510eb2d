"""Emails to applicants, in their language. Each is written to the outbox in the same transaction as what
it announces; after the commit it is sent through SMTP when ``MAIL_SERVER`` is set. Without SMTP, or when the
server refuses, it stays in the outbox (administrators read it there; ``flask outbox send`` retries)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from sqlalchemy import select

from portal.addresses import external_url
from portal.database import utcnow
from portal.dossiers import references
from portal.dossiers.models import Dossier, OutboxMessage
from portal.extensions import db
from portal.i18n.formats import speaking

SMTP_TIMEOUT = 10  # seconds
# Where an email carries the applicant's tracking code, the outbox keeps this mask; the code itself is derived
# from the dossier's reference when the email is sent, so no stored row and no member of staff ever holds it.
SECRET_MASK = "•••••-•••••"  # noqa: S105 - a mask, not a secret


def queue(dossier: Dossier, template: str, **context: object) -> OutboxMessage | None:
    """Write the email ``template`` for this dossier, in the applicant's language, to the outbox (not committed).
    An applicant who left no email address is told nothing by email: the tracking page says it all."""
    if not dossier.applicant_email:
        return None
    with speaking(dossier.locale):
        service_text = dossier.service.text(dossier.locale) or next(iter(dossier.service.texts.values()))
        link = external_url("dossiers.track", lang_code=dossier.locale, reference=dossier.reference)
        text = render_template(f"dossiers/email/{template}.txt", dossier=dossier, service_title=service_text.title,
                               link=link, body_name=dossier.body.name(dossier.locale), **context)  # fmt: skip
    subject, _, text = text.partition("\n")
    message = OutboxMessage(dossier_id=dossier.id, body_id=dossier.body_id, recipient=dossier.applicant_email,
                            subject=subject.strip(), text=text.strip() + "\n", locale=dossier.locale)  # fmt: skip
    db.session.add(message)
    return message


def confirmation(dossier: Dossier) -> OutboxMessage | None:
    """The email that confirmed the application (the dossier's first message), to say truly whether it left."""
    found: OutboxMessage | None = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.dossier_id == dossier.id).order_by(OutboxMessage.id).limit(1)
    )
    return found


def deliver(messages: list[OutboxMessage]) -> int:
    """Send these committed messages when SMTP is configured; each failure is recorded and the message kept."""
    server = current_app.config["MAIL_SERVER"]
    if not server or not messages:
        return 0
    sent = 0
    try:
        with _connect() as smtp:
            for message in messages:
                sent += _send(smtp, message)
    except (OSError, smtplib.SMTPException) as error:
        for message in messages:
            if message.sent_at is None:
                message.attempts += 1
                message.last_error = f"{type(error).__name__}: {error}"[:500]
    db.session.commit()
    return sent


def deliver_unsent(limit: int = 200) -> int:
    """Retry every message not sent yet (``flask outbox send``, or a timer)."""
    unsent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
                                .order_by(OutboxMessage.id).limit(limit))  # fmt: skip
    return deliver(list(unsent))


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT)
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def _with_secrets(message: OutboxMessage) -> str:
    """The text to send: the stored text, with the dossier's tracking code where the mask stands."""
    if SECRET_MASK not in message.text or message.dossier_id is None:
        return message.text
    reference = db.session.scalar(select(Dossier.reference).where(Dossier.id == message.dossier_id))
    return message.text.replace(SECRET_MASK, references.tracking_code(reference)) if reference else message.text


def _send(smtp: smtplib.SMTP, message: OutboxMessage) -> int:
    email = EmailMessage()
    sender = current_app.config["MAIL_SENDER"]
    email["From"] = formataddr(("Portail des e-services / بوابة الخدمات الإلكترونية", sender))
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    email["Content-Language"] = message.locale
    email.set_content(_with_secrets(message))
    message.attempts += 1
    try:
        smtp.send_message(email)
    except smtplib.SMTPRecipientsRefused as error:
        message.last_error = f"refused: {error.recipients}"[:500]
        return 0
    message.sent_at = utcnow()
    message.last_error = ""
    return 1
