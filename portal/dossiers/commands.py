"""``flask dossiers send-outbox`` and ``flask dossiers purge-uploads``; the workers' scheduler purges every half
hour by itself (``make run``'s worker, or any ``flask jobs worker`` with the scheduler)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.dossiers import drafts, notifications, uploads
from portal.jobs import queue

dossiers_group = AppGroup("dossiers", help="Hosted services: the outbox and pending uploads.")


@dossiers_group.command("send-outbox")
def send_outbox() -> None:
    """Ask the workers to send every email still in the outbox (after MAIL_SERVER is set or the server mended)."""
    click.echo(f"queued: {notifications.send_unsent()}")


@queue.every(30, "purge-abandoned")
def purge_abandoned() -> tuple[int, int]:
    """Delete the files applicants uploaded more than a day ago for a form they never sent, and the drafts of
    forms untouched for a day (their answers): how many of each."""
    return uploads.purge_pending(), drafts.purge()


@dossiers_group.command("purge-uploads")
def purge_uploads() -> None:
    """Purge abandoned uploads and drafts now (the scheduler does it every half hour)."""
    files, answers = purge_abandoned()
    click.echo(f"purged: {files}; drafts purged: {answers}")
