"""``flask dossiers send-outbox`` and ``flask dossiers purge-uploads``: for a timer (cron, systemd)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.dossiers import drafts, notifications, uploads

dossiers_group = AppGroup("dossiers", help="Hosted services: the outbox and pending uploads.")


@dossiers_group.command("send-outbox")
def send_outbox() -> None:
    """Ask the workers to send every email still in the outbox (after MAIL_SERVER is set or the server mended)."""
    click.echo(f"queued: {notifications.send_unsent()}")


@dossiers_group.command("purge-uploads")
def purge_uploads() -> None:
    """Delete the files applicants uploaded more than a day ago for a form they never sent, and the drafts of
    forms untouched for a day (their answers)."""
    click.echo(f"purged: {uploads.purge_pending()}; drafts purged: {drafts.purge()}")
