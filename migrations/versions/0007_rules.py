"""rule tables: rates, durations and thresholds with the dates they apply from

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 08:56:59.986502

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rule_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_row")),
        sa.UniqueConstraint("code", "valid_from", name=op.f("uq_rule_row_code_valid_from")),
    )
    with op.batch_alter_table("rule_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rule_row_code"), ["code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rule_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rule_row_code"))

    op.drop_table("rule_row")
