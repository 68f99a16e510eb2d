"""The back office's landing page: the services in the person's hands and their body's part in each programme."""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.catalogue.workflow import worklist
from portal.clock import today
from portal.dashboard.figures import contributions
from portal.registry import get_registry
from portal.staff.access import PERMISSIONS, requires


@requires("enter")
def home() -> str | Response:
    """The services of the body; agents land on their dossiers and analysts on the dashboard instead."""
    if current_user.role not in PERMISSIONS["services.read"]:
        handles_dossiers = current_user.role in PERMISSIONS["dossiers.handle"]
        return redirect(url_for("dossiers_backoffice.queue" if handles_dossiers else "dashboard_backoffice.dashboard"))
    rows = worklist(current_user, list(current_app.config["LOCALES"]))
    figures = contributions(current_user.body.code, list(get_registry().bodies), today())
    return render_template("backoffice/home.html", rows=rows, contributions=figures)
