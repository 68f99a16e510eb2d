"""online payment: payments (an account, a body, a purpose, an amount in centimes) and their history

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 04:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=10), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("gateway", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=True),
        sa.Column("form_url", sa.String(length=500), nullable=False),
        sa.Column("confirm_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receipt_code", sa.String(length=14), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_amount_positive")),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], name=op.f("fk_payment_account_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_payment_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
        sa.UniqueConstraint("account_id", "idempotency_key", name=op.f("uq_payment_account_id_idempotency_key")),
        sa.UniqueConstraint("order_id", name=op.f("uq_payment_order_id")),
        sa.UniqueConstraint("receipt_code", name=op.f("uq_payment_receipt_code")),
        sa.UniqueConstraint("reference", name=op.f("uq_payment_reference")),
    )
    op.create_index(op.f("ix_payment_account_id"), "payment", ["account_id"], unique=False)
    op.create_table(
        "payment_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("operation", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["payment_id"], ["payment.id"], name=op.f("fk_payment_event_payment_id_payment"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_event")),
    )
    op.create_index(op.f("ix_payment_event_payment_id"), "payment_event", ["payment_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_payment_event_payment_id"), table_name="payment_event")
    op.drop_table("payment_event")
    op.drop_index(op.f("ix_payment_account_id"), table_name="payment")
    op.drop_table("payment")
