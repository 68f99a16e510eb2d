"""``flask accounts expire-drafts``: the workers' scheduler runs it every hour by itself."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.accounts import my_drafts

accounts_group = AppGroup("accounts", help="Citizens' accounts: their drafts.")


@accounts_group.command("expire-drafts")
def expire_drafts() -> None:
    """Warn the owners of drafts soon deleted, and delete the drafts whose time has come, now."""
    warned, deleted = my_drafts.warn_and_expire()
    click.echo(f"warned: {warned}; deleted: {deleted}")
