"""the antivirus: each document's scan status, when it was scanned, and the virus found

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 18:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Documents sent before the antivirus were never scanned, and say so; once CLAMD_ADDRESS is set, the rescan job
    # (portal.dossiers.antivirus.rescan) asks for their scans.
    with op.batch_alter_table("dossier_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scan_status", sa.String(length=16), nullable=False, server_default="unscanned"))
        batch_op.add_column(sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("scan_signature", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("dossier_document", schema=None) as batch_op:
        batch_op.drop_column("scan_signature")
        batch_op.drop_column("scanned_at")
        batch_op.drop_column("scan_status")
