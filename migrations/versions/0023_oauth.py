"""the funds' mobile apps: OAuth 2 clients registered by staff, authorisation codes and tokens (digests only)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 04:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _account_and_client(table: str) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f(f"fk_{table}_account_id_account"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["oauth_client.id"], name=op.f(f"fk_{table}_client_id_oauth_client"), ondelete="CASCADE"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "oauth_client",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=48), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("publisher", sa.String(length=120), nullable=False),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("scope", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_client")),
        sa.UniqueConstraint("client_id", name=op.f("uq_oauth_client_client_id")),
    )
    op.create_table(
        "oauth_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("redirect_uri", sa.String(length=500), nullable=False),
        sa.Column("scope", sa.String(length=255), nullable=False),
        sa.Column("code_challenge", sa.String(length=128), nullable=False),
        sa.Column("code_challenge_method", sa.String(length=8), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        *_account_and_client("oauth_code"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_code")),
        sa.UniqueConstraint("code_digest", name=op.f("uq_oauth_code_code_digest")),
    )
    for column in ("client_id", "account_id", "expires_at"):
        op.create_index(op.f(f"ix_oauth_code_{column}"), "oauth_code", [column], unique=False)
    op.create_table(
        "oauth_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=255), nullable=False),
        sa.Column("access_digest", sa.String(length=64), nullable=False),
        sa.Column("refresh_digest", sa.String(length=64), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refresh_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        *_account_and_client("oauth_token"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_token")),
        sa.UniqueConstraint("access_digest", name=op.f("uq_oauth_token_access_digest")),
        sa.UniqueConstraint("refresh_digest", name=op.f("uq_oauth_token_refresh_digest")),
    )
    for column in ("client_id", "account_id", "family", "refresh_expires_at"):
        op.create_index(op.f(f"ix_oauth_token_{column}"), "oauth_token", [column], unique=False)


def downgrade() -> None:
    for column in ("client_id", "account_id", "family", "refresh_expires_at"):
        op.drop_index(op.f(f"ix_oauth_token_{column}"), table_name="oauth_token")
    op.drop_table("oauth_token")
    for column in ("client_id", "account_id", "expires_at"):
        op.drop_index(op.f(f"ix_oauth_code_{column}"), table_name="oauth_code")
    op.drop_table("oauth_code")
    op.drop_table("oauth_client")
