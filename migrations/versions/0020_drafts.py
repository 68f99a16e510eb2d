"""drafts kept for a signed-in citizen (their account, the warning before deletion); pending uploads of an account
and the earlier document they reuse; a document's origin when it reuses another

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 01:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("form_draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_form_draft_account_id"), ["account_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_form_draft_account_id_account"), "account", ["account_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reused_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_pending_upload_account_id"), ["account_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_pending_upload_account_id_account"), "account", ["account_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_pending_upload_reused_id_dossier_document"), "dossier_document", ["reused_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip

    with op.batch_alter_table("dossier_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_dossier_document_origin_id"), ["origin_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_document_origin_id_dossier_document"), "dossier_document", ["origin_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("dossier_document", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_dossier_document_origin_id_dossier_document"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_dossier_document_origin_id"))
        batch_op.drop_column("origin_id")
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_pending_upload_reused_id_dossier_document"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_pending_upload_account_id_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_pending_upload_account_id"))
        batch_op.drop_column("reused_id")
        batch_op.drop_column("account_id")
    with op.batch_alter_table("form_draft", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_form_draft_account_id_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_form_draft_account_id"))
        batch_op.drop_column("warned_at")
        batch_op.drop_column("account_id")
