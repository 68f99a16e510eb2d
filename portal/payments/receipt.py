"""A paid payment's receipt: a PDF in the payer's language (WeasyPrint, Arabic shaped by Pango), with the code that
anyone holding it checks at /<locale>/verify/<code> (the facts of the payment, nothing of the payer)."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale, format_time, gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.addresses import external_url
from portal.clock import ALGIERS
from portal.downloads import as_attachment
from portal.extensions import db
from portal.i18n import text_direction
from portal.i18n.formats import format_day
from portal.payments import states
from portal.payments.models import Payment

FONT = "DejaVu Sans"  # Debian's fonts-dejavu-core: Latin and Arabic glyphs in one family
WITH_RECEIPT = frozenset({states.PAID, states.REFUNDED})


def paid_on(payment: Payment) -> str:
    """When it was paid, as the payer reads it: the date in words and the time in Algiers."""
    if payment.paid_at is None:
        return ""
    local = payment.paid_at.astimezone(ALGIERS)
    return gettext("%(date)s at %(time)s", date=format_day(local.date()), time=format_time(local, "HH:mm"))


def _no_fetching(url: str) -> dict[str, object]:
    raise ValueError(f"the receipt fetches nothing ({url[:40]})")


def pdf(payment: Payment) -> bytes:
    """The receipt in the language the payment was made in, right to left in Arabic."""
    from weasyprint import HTML  # here, not at the top: seconds of start-up that only this download needs

    with force_locale(payment.locale):
        html = render_template("payments/receipt.html", payment=payment, locale=payment.locale,
                               direction=text_direction(payment.locale), font=FONT,
                               verify_address=external_url("certificates.verify", lang_code=payment.locale,
                                                           code=payment.receipt_code))  # fmt: skip
    document: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return document


def pdf_response(payment: Payment) -> Response:
    response = as_attachment(Response(pdf(payment), mimetype="application/pdf"), f"{payment.reference}.pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def by_code(code: str) -> Payment | None:
    """The payment whose receipt carries ``code`` (as typed: spaces and case do not matter)."""
    typed = "".join(code.upper().split())
    if len(typed) == 12 and "-" not in typed:
        typed = "-".join(typed[index : index + 4] for index in range(0, 12, 4))
    found: Payment | None = db.session.scalar(select(Payment).where(Payment.receipt_code == typed))
    return found if found is not None and found.state in WITH_RECEIPT else None
