"""The public page that checks a certificate, ``/<lang>/verify/<code>`` (the QR code's ``/verify/<code>`` leads to
it in the reader's language), and a form to type a code. It shows what the certificate shows, the holder's name
and identifiers partly masked, and nothing else; it is never cached, as a certificate may be revoked at any time."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal.certificates import checking, models  # noqa: F401 - the model is declared on import
from portal.certificates.document import issuer_name, lines, title
from portal.certificates.throttles import verify_limit
from portal.i18n import current_locale
from portal.payments import receipt

blueprint = Blueprint("certificates", __name__, template_folder="templates")


@blueprint.get("/verify/<code>")
def verify_any_language(code: str) -> Response:
    return redirect(url_for("certificates.verify", lang_code=current_locale(), code=code))


@blueprint.get("/<lang_code>/verify/")
def verify_form() -> Response | str:
    typed = request.args.get("code", "").strip()
    if typed:
        return redirect(url_for("certificates.verify", code=typed[:40]))
    return render_template("certificates/verify.html", result=None, typed="")


@blueprint.get("/<lang_code>/verify/<code>")
@verify_limit
def verify(code: str) -> tuple[str, int]:
    """A certificate's code, or a payment receipt's (the receipts of portal.payments are checked here too)."""
    result = checking.check(code)
    if result.status == checking.UNKNOWN and (payment := receipt.by_code(code)) is not None:
        return render_template("payments/verify.html", payment=payment, locale=current_locale()), 200
    locale = current_locale()
    context = {"title": title(result.kind), "issuer": issuer_name(result.issuer, locale) if result.issuer else "",
               "lines": lines(result.facts)}  # fmt: skip
    status = 404 if result.status == checking.UNKNOWN else 200
    return render_template("certificates/verify.html", result=result, typed=code[:40], **context), status


@blueprint.after_request
def never_kept(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)
