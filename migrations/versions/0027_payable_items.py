"""payable items: what a payment pays (a quarter, a year of arrears) for a fund's person, held by at most one
payment that may still be paid (a partial unique index)

Revision ID: 0027
Revises: 0028
Create Date: 2026-12-01 04:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["payment.id"], name=op.f("fk_payment_item_payment_id_payment"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_item")),
    )
    op.create_index(op.f("ix_payment_item_payment_id"), "payment_item", ["payment_id"], unique=False)
    op.create_index("uq_payment_item_held", "payment_item", ["body", "holder", "item"], unique=True,
                    postgresql_where=sa.text("held"), sqlite_where=sa.text("held"))  # fmt: skip


def downgrade() -> None:
    op.drop_index("uq_payment_item_held", table_name="payment_item")
    op.drop_index(op.f("ix_payment_item_payment_id"), table_name="payment_item")
    op.drop_table("payment_item")
