"""secrets out of client-side state: a digest of the application beside its idempotency key, of each pending
file, and the TOTP secret offered at enrolment kept on the server instead of in the session cookie

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 11:40:00.000000

Dossiers made before this revision have no digest: their key replays nothing (a resend under it is refused),
which is the safe side. Tracking codes are now derived from the reference alone; the codes already given keep
working, since only their digests are stored and those are unchanged.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("request_digest", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_pending", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("totp_pending")
    with op.batch_alter_table("pending_upload", schema=None) as batch_op:
        batch_op.drop_column("digest")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_column("request_digest")
