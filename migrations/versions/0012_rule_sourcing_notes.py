"""rules: the note on a value no official text confirms yet, apart from the legal reference citizens read

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 13:40:00.000000

A row written before this revision has no note: it reads as confirmed. The rows the sync seeded and nobody edited
take the plugins' new references and notes at the next sync (``refresh_seeded``).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rule_row", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unconfirmed", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("rule_row", schema=None) as batch_op:
        batch_op.drop_column("unconfirmed")
