"""Emails to applicants and citizens, in their language. Each is written to the outbox, with the job that sends it,
in the same transaction as what it announces; a worker sends it through SMTP when ``MAIL_SERVER`` is set, retrying with
back-off while the server is down. Without SMTP it stays in the outbox, which administrators read
(``flask dossiers send-outbox`` sends what is left once a server is configured). A request never waits for SMTP."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.addresses import external_url
from portal.database import utcnow
from portal.dossiers import references
from portal.dossiers.models import EMAIL, Dossier, OutboxMessage
from portal.extensions import db
from portal.i18n.formats import speaking
from portal.jobs import ledger
from portal.jobs.models import DEAD, DONE
from portal.one_time_codes import CODE_MASK, code_of

SMTP_TIMEOUT = 10  # seconds; a worker waits, never a request
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
    return write(Outgoing(dossier.applicant_email, subject.strip(), text.strip() + "\n", dossier.locale),
                 body_id=dossier.body_id, dossier_id=dossier.id)  # fmt: skip


@dataclass(frozen=True)
class Outgoing:
    """A message to write to the outbox: an email (a subject and a text) or a text message (``kind`` ``sms``, to a
    number in E.164), in ``locale``; ``code_seed`` when the text carries a one-time code (its mask)."""

    recipient: str
    subject: str
    text: str
    locale: str
    kind: str = EMAIL
    code_seed: str = ""


def write(outgoing: Outgoing, *, body_id: int | None = None, dossier_id: int | None = None) -> OutboxMessage:
    """Write the message to the outbox with the job that sends it (of the message's kind), not committed."""
    message = OutboxMessage(dossier_id=dossier_id, body_id=body_id, kind=outgoing.kind, recipient=outgoing.recipient,
                            subject=outgoing.subject, text=outgoing.text, locale=outgoing.locale,
                            code_seed=outgoing.code_seed)  # fmt: skip
    db.session.add(message)
    db.session.flush()
    ledger.later(outgoing.kind, {"message": message.id}, key=_job_key(message), body_id=body_id)
    return message


def confirmation(dossier: Dossier) -> OutboxMessage | None:
    """The email that confirmed the application (the dossier's first message), to say truly whether it left."""
    found: OutboxMessage | None = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.dossier_id == dossier.id).order_by(OutboxMessage.id).limit(1)
    )
    return found


@ledger.handler("email", _l("Email to an applicant"))
def send(payload: dict[str, object]) -> None:
    """The job: send one message, unless it was sent already (a worker killed after sending runs it again).
    The email is composed and the attempt committed first, so that no transaction is open while the mail server
    takes its time (on SQLite, an open write would stop every submission). A failure is noted on the message (the
    outbox shows it) and raised, so that the job is tried again later."""
    message = db.session.get(OutboxMessage, payload["message"])
    if message is None or message.sent_at is not None or not current_app.config["MAIL_SERVER"]:
        return
    email = _compose(message)
    message.attempts += 1
    db.session.commit()
    try:
        with _connect() as smtp:
            smtp.send_message(email)
    except smtplib.SMTPRecipientsRefused as error:  # the address is wrong: no retry will mend it
        message.last_error = f"refused: {error.recipients}"[:500]
    except (OSError, smtplib.SMTPException) as error:
        message.last_error = f"{type(error).__name__}: {error}"[:500]
        db.session.commit()
        raise
    else:
        message.sent_at, message.last_error = utcnow(), ""
    db.session.commit()


def send_unsent() -> int:
    """Ask again for every message not sent yet (``flask dossiers send-outbox``, after SMTP is configured or
    mended); the number of messages asked for."""
    unsent = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.sent_at.is_(None),
                                                                 OutboxMessage.kind == EMAIL)))  # fmt: skip
    for message in unsent:
        job = ledger.later("email", {"message": message.id}, key=_job_key(message), body_id=message.body_id)
        if job.state in {DONE, DEAD}:
            ledger.retry(job.id)
    db.session.commit()
    return len(unsent)


def _job_key(message: OutboxMessage) -> str:
    return f"{message.kind}:{message.id}"


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT)
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def text_to_send(message: OutboxMessage) -> str:
    """The text to send: the stored text, with the dossier's tracking code, or the one-time code, where its mask
    stands."""
    text = message.text
    if message.code_seed:
        text = text.replace(CODE_MASK, code_of(message.code_seed))
    if SECRET_MASK not in text or message.dossier_id is None:
        return text
    reference = db.session.scalar(select(Dossier.reference).where(Dossier.id == message.dossier_id))
    return text.replace(SECRET_MASK, references.tracking_code(reference)) if reference else text


def message_id(message: OutboxMessage) -> str:
    """The Message-ID of this outbox message's email, the same at every attempt, so that the rare email sent twice (a
    worker killed between the server's answer and the commit) can be recognised."""
    domain = current_app.config["MAIL_SENDER"].rpartition("@")[2] or "e-services.mtess.gov.dz"
    return f"<outbox-{message.id}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"


def _compose(message: OutboxMessage) -> EmailMessage:
    """The email of this outbox message, under its own Message-ID."""
    email = EmailMessage()
    sender = current_app.config["MAIL_SENDER"]
    email["From"] = formataddr(("Portail des e-services / بوابة الخدمات الإلكترونية", sender))
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message_id(message)
    email["Content-Language"] = message.locale
    email.set_content(text_to_send(message))
    return email
