"""citizens' accounts: accounts, their attributes with provenance, one-time codes; a dossier's account; the outbox's
text messages and one-time codes

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 20:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identifier", sa.String(length=254), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("identifier", name=op.f("uq_account_identifier")),
    )
    op.create_table(
        "account_attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("verified_by", sa.String(length=120), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_attribute_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_attribute")),
        sa.UniqueConstraint("account_id", "name", name=op.f("uq_account_attribute_account_id_name")),
    )
    op.create_table(
        "account_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("identifier", sa.String(length=254), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_account_code_account_id_account"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_code")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_account_code_token_digest")),
    )
    with op.batch_alter_table("account_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_code_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_code_expires_at"), ["expires_at"], unique=False)
    # Every dossier sent so far was anonymous; the messages written so far are emails without a one-time code.
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_dossier_account_id"), ["account_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_account_id_account"), "account", ["account_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=8), nullable=False, server_default="email"))
        batch_op.add_column(sa.Column("code_seed", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    # Text messages go with their kind (the outbox was for emails only), and so do messages carrying a one-time code,
    # which could no longer be written into them.
    op.execute("DELETE FROM job WHERE kind = 'sms'")
    op.execute("DELETE FROM outbox_message WHERE kind <> 'email' OR code_seed <> ''")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("code_seed")
        batch_op.drop_column("kind")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_dossier_account_id_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_dossier_account_id"))
        batch_op.drop_column("account_id")
    with op.batch_alter_table("account_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_code_expires_at"))
        batch_op.drop_index(batch_op.f("ix_account_code_account_id"))
    op.drop_table("account_code")
    op.drop_table("account_attribute")
    op.drop_table("account")
