"""Routes of payments, under /<locale>/payments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from werkzeug.wrappers import Response

from portal.payments import backoffice as office_views
from portal.payments import labels, receipt, reconciliation, views
from portal.payments.schemas import shown_amount
from portal.staff.pages import backoffice_blueprint

blueprint = Blueprint("payments", __name__, url_prefix="/<lang_code>", template_folder="templates")
ROUTES: list[tuple[str, str, Callable[..., Any], list[str]]] = [
    ("/payments/<body>/<purpose>", "pay", views.pay, ["POST"]),
    ("/payments/<reference>", "back", views.back, ["GET"]),
    ("/payments/<reference>/state.json", "state", views.state, ["GET"]),
    ("/payments/<reference>/receipt.pdf", "receipt", views.receipt_pdf, ["GET"]),
]
for path, endpoint, view, methods in ROUTES:
    blueprint.add_url_rule(path, endpoint, view, methods=methods)

backoffice = backoffice_blueprint("payments_backoffice", __name__, [
    ("/payments", "payments", office_views.payments, ["GET"]),
    ("/payments.csv", "payments_csv", office_views.payments_csv, ["GET"]),
    ("/payments/<int:payment_id>", "payment", office_views.payment, ["GET"]),
    ("/payments/<int:payment_id>/refund", "refund", office_views.refund, ["POST"]),
    ("/payments/<int:payment_id>/approve", "approve", office_views.approve, ["POST"]),
    ("/payments/<int:payment_id>/check-refund", "check_refund", office_views.check_refund, ["POST"]),
    ("/payments/report", "report", office_views.report, ["GET"]),
    ("/payments/report.csv", "report_csv", office_views.report_csv, ["GET"]),
    ("/payments/mismatches", "mismatches", office_views.mismatches, ["GET"]),
    ("/payments/mismatches/resolve", "resolve", office_views.resolve, ["POST"]),
], template_folder="templates")  # fmt: skip
RECONCILIATION = reconciliation.payments_reconcile  # imported for its job, registered on import


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
    app.register_blueprint(backoffice)
