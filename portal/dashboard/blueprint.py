"""Routes of the dashboard: the public transparency page, and the dashboard and its exports in the back office."""

from __future__ import annotations

from flask import Blueprint, Flask

from portal.catalogue.status import on_status_set
from portal.dashboard import views
from portal.dashboard.models import record_status_set
from portal.staff.pages import backoffice_blueprint

blueprint = Blueprint("transparency", __name__, url_prefix="/<lang_code>/transparency", template_folder="templates")
blueprint.add_url_rule("/", "transparency", views.transparency)

backoffice = backoffice_blueprint(
    "dashboard_backoffice",
    __name__,
    [
        ("/dashboard", "dashboard", views.dashboard, ["GET"]),
        ("/dashboard/figures.json", "dashboard_json", views.export_json, ["GET"]),
        ("/dashboard/<figure>.csv", "dashboard_csv", views.export_csv, ["GET"]),
    ],
)


def init_app(app: Flask) -> None:
    """The dashboard's pages, and its listener that keeps the history of every status the catalogue sets."""
    on_status_set(app, record_status_set)
    app.register_blueprint(blueprint)
    app.register_blueprint(backoffice)
