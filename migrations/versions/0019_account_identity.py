"""citizens' identities at an OpenID provider (issuer and subject) that sign in to their account

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 01:15:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_identity_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_identity")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_account_identity_issuer_subject")),
    )
    with op.batch_alter_table("account_identity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_identity_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    # The identities go: their accounts stay, and sign in with their address or number (a new password by a code).
    with op.batch_alter_table("account_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_identity_account_id"))
    op.drop_table("account_identity")
