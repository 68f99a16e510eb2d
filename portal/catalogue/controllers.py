"""Request handlers of the citizen pages: parse, call a query, render."""

from __future__ import annotations

from flask import render_template

from portal.catalogue.queries import bodies_with_counts, last_update
from portal.registry import get_registry


def home() -> str:
    bodies = bodies_with_counts(body.code for body in get_registry())
    return render_template("catalogue/home.html", bodies=bodies, updated=last_update())
