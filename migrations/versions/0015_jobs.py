"""background jobs: the ledger the workers claim jobs from

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 16:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_job_body_id_body"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
        sa.UniqueConstraint("key", name=op.f("uq_job_key")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index("ix_job_due", ["state", "run_after"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_body_id"), ["body_id"], unique=False)
    # Emails written before the workers existed and never sent: each gets its job, as a new one would.
    job = sa.table("job", *(sa.column(name) for name in ("kind", "key", "payload", "body_id", "state", "attempts",
                                                          "run_after", "last_error", "created_at")))  # fmt: skip
    job.c.payload.type = sa.JSON()
    unsent = op.get_bind().execute(
        sa.text("SELECT id, body_id, created_at FROM outbox_message WHERE sent_at IS NULL ORDER BY id")
    )
    rows = [
        {"kind": "email", "key": f"email:{id_}", "payload": {"message": id_}, "body_id": body_id, "state": "queued",
         "attempts": 0, "run_after": created_at, "last_error": "", "created_at": created_at}
        for id_, body_id, created_at in unsent
    ]  # fmt: skip
    if rows:
        op.bulk_insert(job, rows)

def downgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_body_id"))
        batch_op.drop_index("ix_job_due")
    op.drop_table("job")
