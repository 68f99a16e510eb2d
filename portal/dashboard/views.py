"""The dashboard (ministry admins and analysts), its exports, and the public transparency page."""

from __future__ import annotations

import json

from flask import abort, current_app, render_template, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.caching import cached
from portal.clock import today
from portal.dashboard import charts
from portal.dashboard.figures import Figures, compute, missing_services, services_of
from portal.dashboard.models import Programme
from portal.dashboard.rows import breakdown_rows, missing_rows, shown_rows, tables, timeline_rows
from portal.downloads import csv_download
from portal.extensions import db
from portal.i18n import current_locale
from portal.registry import get_registry
from portal.staff.access import requires


def programme_or_404() -> Programme:
    code = request.args.get("programme")
    statement = select(Programme).order_by(Programme.id)
    found = db.session.scalar(statement.where(Programme.code == code) if code else statement)
    if found is None:
        abort(404)
    return found


def current_figures() -> Figures:
    return compute(programme_or_404(), list(get_registry().bodies), today())


@requires("dashboard.read")
def dashboard() -> str:
    figures = current_figures()
    missing = missing_services(figures.programme, get_registry().bodies, figures.today)
    return render_template("dashboard/dashboard.html", f=figures, shown=shown_rows(figures), charts=charts,
                           missing=missing, missing_rows=missing_rows(missing))  # fmt: skip


@requires("dashboard.read")
def export_json() -> Response:
    data = tables(current_figures(), current_locale())
    return Response(json.dumps(data, ensure_ascii=False, indent=1), mimetype="application/json")


@requires("dashboard.read")
def export_csv(figure: str) -> Response:
    rows = tables(current_figures(), current_app.config["DEFAULT_LOCALE"]).get(figure)
    if rows is None:
        abort(404)
    header = list(rows[0]) if rows else ["empty"]
    return csv_download(f"{figure}.csv", header, ([row[name] for name in header] for row in rows))


@cached
def transparency() -> str:
    """Public: the programme's progress, a table by body, the timeline, the live services, and the missing
    ones (planned, live below the level, not in the catalogue); only what is published is named."""
    figures = current_figures()
    missing = missing_services(figures.programme, get_registry().bodies, figures.today, public_only=True)
    public = [service for service in figures.counted if service.public]
    live = services_of(public)
    return render_template(
        "dashboard/transparency.html", f=figures, live=live, live_more=len(public) - len(live), missing=missing,
        charts=charts,
        missing_rows=missing_rows(missing), by_body=breakdown_rows(figures, "body"),
        timeline_rows=timeline_rows(figures),
    )  # fmt: skip
