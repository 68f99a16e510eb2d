"""The back office's page of jobs that failed: what, how often, the last error, and a button to try again."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import case, select
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.inputs import parse_id
from portal.jobs import ledger
from portal.jobs.models import DEAD, QUEUED, Job
from portal.staff.access import requires, within_body
from portal.staff.audit import record

SHOWN = 200


@requires("jobs.manage")
def failures() -> str:
    """Dead jobs first, then those waiting for another attempt after a failure: the body's, or all for the ministry;
    ``?job=<id>``: that one only (a page that names a failed job links to it). A job a worker is running is not
    listed: it may succeed, and a retry would run it twice."""
    statement = select(Job).where((Job.state == DEAD) | ((Job.state == QUEUED) & (Job.attempts > 0)))
    statement = within_body(current_user, statement, Job.body_id)
    one = parse_id(request.args.get("job"))
    if one is not None:
        statement = statement.where(Job.id == one)
    statement = statement.order_by(case((Job.state == DEAD, 0), else_=1), Job.run_after.desc()).limit(SHOWN)
    return render_template("jobs/failures.html", jobs=list(db.session.scalars(statement)), labels=ledger.labels,
                           one=one is not None)  # fmt: skip


@requires("jobs.manage")
def retry(job_id: int) -> Response:
    """Make a failed job due again now (audited); the worker takes it within seconds."""
    job: Job = db.first_or_404(within_body(current_user, select(Job), Job.body_id).where(Job.id == job_id))
    if ledger.retry(job.id):
        record("job.retry", target=job.key, body_id=job.body_id, kind=job.kind)
        db.session.commit()
        flash(_("The job will be tried again within a minute."), "success")
    else:
        flash(_("A worker is running this job: it cannot be tried again before it ends."), "info")
    return redirect(url_for("jobs_backoffice.failures"))
