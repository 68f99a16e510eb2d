"""Routes of the jobs module: its back-office page; and its place in the app (the queue, the commands)."""

from __future__ import annotations

from flask import Flask

from portal.jobs import commands, queue, views
from portal.staff.pages import backoffice_blueprint

backoffice = backoffice_blueprint(
    "jobs_backoffice",
    __name__,
    [
        ("/jobs", "failures", views.failures, ["GET"]),
        ("/jobs/<int:job_id>/retry", "retry", views.retry, ["POST"]),
    ],
    template_folder="templates",
)


def init_app(app: Flask) -> None:
    queue.init_app(app)
    app.register_blueprint(backoffice)
    app.cli.add_command(commands.jobs_group)
