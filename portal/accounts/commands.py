"""``flask accounts expire-drafts``: the workers' scheduler runs it every hour by itself. ``flask accounts
oauth-client add|list|disable``: staff register the funds' mobile apps."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.accounts import my_drafts, oauth_clients
from portal.accounts.oauth_scopes import SCOPES

accounts_group = AppGroup("accounts", help="Citizens' accounts: their drafts, the apps they may allow.")
clients_group = AppGroup("oauth-client", help="The mobile apps citizens may allow to use their account (OAuth 2).")
accounts_group.add_command(clients_group)


@accounts_group.command("expire-drafts")
def expire_drafts() -> None:
    """Warn the owners of drafts soon deleted, and delete the drafts whose time has come, now."""
    warned, deleted = my_drafts.warn_and_expire()
    click.echo(f"warned: {warned}; deleted: {deleted}")


@clients_group.command("add")
@click.option("--name", required=True, help="The app's name as its users know it (shown on the consent page).")
@click.option("--publisher", default="", help="Who publishes it, for instance CNAC.")
@click.option(
    "--redirect-uri",
    "redirect_uris",
    multiple=True,
    required=True,
    help="Where the app is sent back, matched exactly (repeat the option for several).",
)
@click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(list(SCOPES)),
              help="A scope the app may ask for (repeat the option for several).")  # fmt: skip
def add_client(name: str, publisher: str, redirect_uris: tuple[str, ...], scopes: tuple[str, ...]) -> None:
    """Register an app; prints its client id (it has no secret: a mobile app could not keep one)."""
    try:
        client = oauth_clients.register(name, publisher, list(redirect_uris), list(scopes))
    except oauth_clients.ClientError as error:
        raise click.UsageError(str(error)) from error
    click.echo(client.client_id)


@clients_group.command("list")
def list_clients() -> None:
    """Every app registered: client id, state, name, scopes, redirect URIs."""
    for client in oauth_clients.registered():
        state = "active" if client.active else "disabled"
        click.echo(f"{client.client_id}\t{state}\t{client.name}\t{client.scope}\t{' '.join(client.redirect_uris)}")


@clients_group.command("disable")
@click.argument("client_id")
def disable_client(client_id: str) -> None:
    """Stop an app: it can no longer ask, and every token it holds stops."""
    if not oauth_clients.disable(client_id):
        raise click.UsageError(f"No app has the client id {client_id!r}.")
    click.echo(f"disabled: {client_id}")
