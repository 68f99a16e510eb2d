"""Commands: ``flask catalogue sync`` and ``flask bodies list``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from portal.catalogue.indexing import reindex_all
from portal.catalogue.sync import sync_catalogue
from portal.registry import get_registry

catalogue_group = AppGroup("catalogue", help="The service catalogue.")
bodies_group = AppGroup("bodies", help="The bodies loaded as plugins.")
search_group = AppGroup("search", help="The full-text index of services.")


def init_app(app: Flask) -> None:
    app.cli.add_command(catalogue_group)
    app.cli.add_command(bodies_group)
    app.cli.add_command(search_group)


@catalogue_group.command("sync")
def sync_command() -> None:
    """Upsert the plugins' bodies and services into the database, keeping what people edited."""
    for line in sync_catalogue(get_registry()).lines():
        click.echo(line)


@bodies_group.command("list")
def list_command() -> None:
    """Each loaded plugin with its kind and number of services."""
    registry = get_registry()
    click.echo(f"{'code':<12}{'kind':<10}{'services':>8}  acronym")
    for body in registry:
        click.echo(f"{body.code:<12}{body.kind:<10}{len(body.services):>8}  {body.acronym}")
    click.echo(f"{len(registry)} bodies")


@search_group.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index of every service from the database."""
    click.echo(f"services indexed: {reindex_all()}")
