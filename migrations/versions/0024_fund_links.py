"""the funds' systems: each account's link to a fund's records, and the last good answer of each read

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 04:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fund_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("fund", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("person", sa.String(length=120), nullable=False),
        sa.Column("challenge", sa.String(length=200), nullable=False),
        sa.Column("phone_hint", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_fund_link_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_link")),
        sa.UniqueConstraint("account_id", "fund", name=op.f("uq_fund_link_account_id_fund")),
    )
    op.create_index(op.f("ix_fund_link_account_id"), "fund_link", ["account_id"], unique=False)
    op.create_table(
        "fund_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("fund", sa.String(length=32), nullable=False),
        sa.Column("operation", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_fund_answer_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_answer")),
        sa.UniqueConstraint(
            "account_id", "fund", "operation", "key", name=op.f("uq_fund_answer_account_id_fund_operation_key")
        ),
    )
    op.create_index(op.f("ix_fund_answer_account_id"), "fund_answer", ["account_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_fund_answer_account_id"), table_name="fund_answer")
    op.drop_table("fund_answer")
    op.drop_index(op.f("ix_fund_link_account_id"), table_name="fund_link")
    op.drop_table("fund_link")
