"""``flask certificates revoke CODE``: a certificate issued by mistake, or on facts the fund corrected since, no
longer proves anything; its /verify page says it was revoked."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from portal.certificates.issuing import normalised
from portal.certificates.models import Certificate
from portal.database import utcnow
from portal.extensions import db

certificates_group = AppGroup("certificates", help="The certificates the platform issued.")


@certificates_group.command("revoke")
@click.argument("code")
def revoke(code: str) -> None:
    """Revoke the certificate of this verification code (at once, for whoever checks it)."""
    written = normalised(code)
    found = db.session.scalar(select(Certificate).where(Certificate.code == written)) if written else None
    if found is None:
        raise click.ClickException(f"no certificate has the code {code!r}")
    if found.revoked_at is None:
        found.revoked_at = utcnow()
        db.session.commit()
    click.echo(f"revoked: {written}")
