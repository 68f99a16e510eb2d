"""session security: session versions and the last TOTP step of users; recovery codes as SHA-256 digests

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 10:12:31.204518

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))
    # Recovery codes were hashed with scrypt and cannot be turned into digests: they are deleted. Authenticator
    # apps keep working, and each user receives ten new codes at their next sign-in with the app.
    op.execute("DELETE FROM recovery_code")
    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.drop_column("code_hash")
        batch_op.add_column(sa.Column("code_digest", sa.String(length=64), nullable=False))


def downgrade() -> None:
    # Digests cannot become scrypt hashes either: the codes are deleted again.
    op.execute("DELETE FROM recovery_code")
    with op.batch_alter_table("recovery_code", schema=None) as batch_op:
        batch_op.drop_column("code_digest")
        batch_op.add_column(sa.Column("code_hash", sa.String(length=255), nullable=False))

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("session_version")
        batch_op.drop_column("totp_last_step")
