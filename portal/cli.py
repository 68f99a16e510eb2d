"""Commands: ``flask catalogue sync`` and ``flask bodies list``."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.accounts.commands import accounts_group
from portal.catalogue.indexing import reindex_all
from portal.catalogue.models import Body
from portal.certificates.commands import certificates_group
from portal.dashboard.models import Programme, rebuild_live_periods
from portal.dossiers.commands import dossiers_group
from portal.extensions import db
from portal.passwords import MIN_PASSWORD, hash_password
from portal.provisioning import sync_from_plugins
from portal.registry import get_registry
from portal.staff.audit import record
from portal.staff.models import ROLES, User

catalogue_group = AppGroup("catalogue", help="The service catalogue.")
bodies_group = AppGroup("bodies", help="The bodies loaded as plugins.")
search_group = AppGroup("search", help="The full-text index of services.")
users_group = AppGroup("users", help="Back-office accounts.")


def init_app(app: Flask) -> None:
    app.cli.add_command(catalogue_group)
    app.cli.add_command(certificates_group)
    app.cli.add_command(bodies_group)
    app.cli.add_command(search_group)
    app.cli.add_command(users_group)
    app.cli.add_command(programmes_group)
    app.cli.add_command(dossiers_group)
    app.cli.add_command(accounts_group)


@catalogue_group.command("sync")
def sync_command() -> None:
    """Upsert the plugins' bodies and services into the database, keeping what people edited, and retire the
    services a plugin no longer declares; print what changed."""
    for line in sync_from_plugins(get_registry()).lines():
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


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), default="ministry_admin", show_default=True)
@click.option("--body", "body_code", default=None, help="Code of the user's body; default: the ministry's.")
@click.password_option(help="At least 12 characters; asked for when not given.")
def create_user_command(email: str, name: str, role: str, body_code: str | None, password: str) -> None:
    """Create a back-office account, for instance the first ministry admin."""
    which = Body.code == body_code if body_code else Body.kind == "ministry"
    body = db.session.scalar(select(Body).where(which).order_by(Body.position).limit(1))
    if body is None:
        raise click.BadParameter(f"no body {body_code!r}; run `flask catalogue sync` first", param_hint="--body")
    if len(password) < MIN_PASSWORD:
        raise click.BadParameter(f"at least {MIN_PASSWORD} characters", param_hint="--password")
    if db.session.scalar(select(User.id).where(User.email == email.lower())) is not None:
        raise click.BadParameter(f"{email} already has an account", param_hint="--email")
    user = User(email=email.lower(), name=name, role=role, body=body, password_hash=hash_password(password))
    db.session.add(user)
    record("user.create", user.email, body.id, email="cli", role=role)
    db.session.commit()
    click.echo(f"created {role} {user.email} of {body.code}")


programmes_group = AppGroup("programmes", help="Digitisation programmes.")


@programmes_group.command("demo")
def demo_programme_command() -> None:
    """Create the government's programme of 40 e-services (demo dates), unless it exists."""
    if db.session.scalar(select(Programme).where(Programme.code == GOVERNMENT_PROGRAMME["code"])) is None:
        db.session.add(Programme(**GOVERNMENT_PROGRAMME))
        db.session.commit()
        click.echo("created the programme gov-40")
    else:
        click.echo("the programme gov-40 exists")


@programmes_group.command("rebuild-history")
def rebuild_history_command() -> None:
    """Recompute the live periods from the whole status history (after importing past changes)."""
    count = rebuild_live_periods()
    db.session.commit()
    click.echo(f"live periods: {count}")


# The target (40) and the domains are the government's; the dates are the demo's (no public schedule).
GOVERNMENT_PROGRAMME = {
    "code": "gov-40",
    "names": {"ar": "برنامج الحكومة: 40 خدمة إلكترونية", "fr": "Programme du gouvernement : 40 e-services"},
    "target": 40,
    "start": date(2025, 1, 1),
    "deadline": date(2026, 12, 31),
    "domains": ["labour", "employment", "social_security"],
    "min_maturity": 3,
}
