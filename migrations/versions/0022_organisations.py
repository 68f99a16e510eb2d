"""employers and representatives: organisations with their people and invitations, mandates, and a dossier's
representative and organisation

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 04:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=False),
        sa.Column("name_latin", sa.String(length=200), nullable=False),
        sa.Column("cnas_number", sa.String(length=16), nullable=False),
        sa.Column("cacobatph_number", sa.String(length=16), nullable=False),
        sa.Column("nif", sa.String(length=16), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    op.create_table(
        "organisation_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        _when("created_at"),
        _fk("organisation_id", "organisation_member", "organisation", "CASCADE"),
        _fk("account_id", "organisation_member", "account", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_member")),
        sa.UniqueConstraint(
            "organisation_id", "account_id", name=op.f("uq_organisation_member_organisation_id_account_id")
        ),
    )
    for column in ("organisation_id", "account_id"):
        op.create_index(op.f(f"ix_organisation_member_{column}"), "organisation_member", [column], unique=False)
    op.create_table(
        "organisation_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        _when("expires_at"),
        _when("accepted_at", nullable=True),
        _when("created_at"),
        _fk("organisation_id", "organisation_invitation", "organisation", "CASCADE"),
        _fk("invited_by_id", "organisation_invitation", "account", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_invitation")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_organisation_invitation_token_digest")),
    )
    op.create_index(op.f("ix_organisation_invitation_organisation_id"), "organisation_invitation", ["organisation_id"])
    op.create_table(
        "mandate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grantor_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("grantee_identifier", sa.String(length=254), nullable=False),
        sa.Column("grantee_id", sa.Integer(), nullable=True),
        sa.Column("services", sa.JSON(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=False),
        _when("created_at"),
        _when("accepted_at", nullable=True),
        _when("revoked_at", nullable=True),
        _fk("grantor_id", "mandate", "account", "CASCADE"),
        _fk("organisation_id", "mandate", "organisation", "CASCADE"),
        _fk("grantee_id", "mandate", "account", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate")),
    )
    for column in ("grantor_id", "organisation_id", "grantee_identifier", "grantee_id"):
        op.create_index(op.f(f"ix_mandate_{column}"), "mandate", [column], unique=False)
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("representative_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_dossier_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_representative_id_account"),
            "account",
            ["representative_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_dossier_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_dossier_organisation_id_organisation"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_dossier_representative_id_account"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_dossier_organisation_id"))
        batch_op.drop_column("organisation_id")
        batch_op.drop_column("representative_id")
    for column in ("grantee_id", "grantee_identifier", "organisation_id", "grantor_id"):
        op.drop_index(op.f(f"ix_mandate_{column}"), table_name="mandate")
    op.drop_table("mandate")
    op.drop_index(op.f("ix_organisation_invitation_organisation_id"), table_name="organisation_invitation")
    op.drop_table("organisation_invitation")
    for column in ("account_id", "organisation_id"):
        op.drop_index(op.f(f"ix_organisation_member_{column}"), table_name="organisation_member")
    op.drop_table("organisation_member")
    op.drop_table("organisation")
