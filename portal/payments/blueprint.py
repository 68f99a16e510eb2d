"""Routes of payments, under /<locale>/payments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from werkzeug.wrappers import Response

from portal.payments import labels, receipt, views
from portal.payments.schemas import shown_amount

blueprint = Blueprint("payments", __name__, url_prefix="/<lang_code>", template_folder="templates")
ROUTES: list[tuple[str, str, Callable[..., Any], list[str]]] = [
    ("/payments/<body>/<purpose>", "pay", views.pay, ["POST"]),
    ("/payments/<reference>", "back", views.back, ["GET"]),
    ("/payments/<reference>/state.json", "state", views.state, ["GET"]),
    ("/payments/<reference>/receipt.pdf", "receipt", views.receipt_pdf, ["GET"]),
    ("/verify/<code>", "verify", views.verify, ["GET"]),
]
for path, endpoint, view, methods in ROUTES:
    blueprint.add_url_rule(path, endpoint, view, methods=methods)


@blueprint.after_request
def kept_by_no_cache(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


blueprint.add_app_template_global(labels.state_label, "payment_state_label")
blueprint.add_app_template_global(shown_amount, "shown_amount")
blueprint.add_app_template_global(receipt.paid_on, "paid_on")


def init_app(app: Flask) -> None:
    """The payment pages (the views import ``confirmation``, whose import registers the status job)."""
    app.register_blueprint(blueprint)
