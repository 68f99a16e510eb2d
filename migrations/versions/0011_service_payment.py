"""how a service is paid for (nothing to pay, online, elsewhere): a level 4 service takes its payment online

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 13:30:00.000000

Existing services get "none" (nothing to pay); the next sync sets what the plugins declare.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payment", sa.String(length=16), nullable=False, server_default="none"))


def downgrade() -> None:
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("payment")
