"""dashboard: programmes, their hand adjustments, the history of statuses; planned go-live dates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 23:05:09.440417

"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("domains", sa.JSON(), nullable=False),
        sa.Column("min_maturity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
        sa.UniqueConstraint("code", name=op.f("uq_programme_code")),
    )
    op.create_table(
        "adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("include", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_adjustment_programme_id_programme"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_adjustment_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adjustment")),
        sa.UniqueConstraint("programme_id", "service_id", name=op.f("uq_adjustment_programme_id_service_id")),
    )
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=254), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_status_change_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_change_changed_at"), ["changed_at"], unique=False)
        batch_op.create_index("ix_status_change_history", ["service_id", "changed_at", "id"], unique=False)

    op.create_table(
        "live_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Double(), nullable=False),
        sa.Column("end", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_live_period_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_period")),
    )
    with op.batch_alter_table("live_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_period_service_id"), ["service_id"], unique=False)
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(sa.Column("planned_live_on", sa.Date(), nullable=True))
    # The history starts with each service's current status, as of its last update.
    op.execute(
        "INSERT INTO status_change (service_id, status, changed_at, author, source) "
        "SELECT id, status, updated_at, '', 'import' FROM service"
    )
    # A service live now has been live since its last update (the only date known before the history).
    bind = op.get_bind()
    for service_id, updated_at in bind.execute(sa.text("SELECT id, updated_at FROM service WHERE status = 'live'")):
        moment = updated_at if isinstance(updated_at, datetime) else datetime.fromisoformat(str(updated_at))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        bind.execute(sa.text("INSERT INTO live_period (service_id, start) VALUES (:id, :start)"),
                     {"id": service_id, "start": moment.timestamp()})  # fmt: skip


def downgrade() -> None:
    op.drop_table("live_period")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_column("planned_live_on")

    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index("ix_status_change_history")
        batch_op.drop_index(batch_op.f("ix_status_change_changed_at"))

    op.drop_table("status_change")
    op.drop_table("adjustment")
    op.drop_table("programme")
