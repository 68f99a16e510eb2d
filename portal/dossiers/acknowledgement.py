"""The acknowledgement of receipt: what the applicant keeps as proof that the body received the application.
The receipt page and the PDF (made on the server by WeasyPrint, Arabic shaped by Debian's Pango) say the same
facts; the PDF carries a verification code that staff check in the back office. The code is an HMAC of the
reference and the moment of receipt: it proves the document came from the platform and reveals nothing,
least of all the tracking code."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, render_template
from flask_babel import format_time, gettext, ngettext
from werkzeug.wrappers import Response

from portal.catalogue.hosting import form_of
from portal.clock import ALGIERS
from portal.dossiers import forms
from portal.dossiers.models import Dossier
from portal.downloads import as_attachment
from portal.i18n import text_direction
from portal.i18n.formats import format_day

FONT = "DejaVu Sans"  # Debian's fonts-dejavu-core: Latin and Arabic glyphs in one family


@dataclass(frozen=True)
class Acknowledgement:
    """The facts of a receipt, written for one language."""

    reference: str
    received: str  # date and time of receipt in Algiers, 24-hour clock
    service: str
    body: str
    applicant: str
    processing_time: str  # what the service declares, else the form's number of days
    answer_by: str  # the day the body should have answered by
    next_step: str  # what the first status tells the applicant
    answers: list[tuple[str, str]]
    estimate: list[forms.EstimateRow]
    verification: str


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verification_code(dossier: Dossier) -> str:
    """Twelve characters (``ABCD-EFGH-IJKL``) that only the platform can compute from the dossier's reference
    and its moment of receipt; staff compare them with the dossier's page in the back office."""
    received = _aware(dossier.submitted_at).astimezone(UTC).replace(microsecond=0).isoformat()
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"acknowledgement", hashlib.sha256).digest()
    digest = hmac.new(key, f"{dossier.reference}|{received}".encode(), hashlib.sha256).digest()
    letters = base64.b32encode(digest).decode()[:12]
    return "-".join(letters[index : index + 4] for index in range(0, 12, 4))


def in_algiers(moment: datetime) -> str:
    """A moment as the applicant reads it: the date in words and the time on the 24-hour clock, in Algiers."""
    local = _aware(moment).astimezone(ALGIERS)
    return gettext("%(date)s at %(time)s", date=format_day(local.date()), time=format_time(local, "HH:mm"))


def acknowledgement_of(dossier: Dossier, locale: str) -> Acknowledgement:
    """The receipt's facts in ``locale`` (the request's language must be ``locale``)."""
    form = form_of(dossier.service)
    text = dossier.service.text(locale) or next(iter(dossier.service.texts.values()))
    days = form.processing_days if form else (dossier.due_at - dossier.submitted_at).days
    declared = text.processing_time.strip().rstrip(".") or ngettext("%(num)s day", "%(num)s days", days)
    first = form.statuses[0] if form else None
    return Acknowledgement(
        reference=dossier.reference, received=in_algiers(dossier.submitted_at), service=text.title,
        body=dossier.body.name(locale), applicant=dossier.applicant_name or gettext("Anonymous"),
        processing_time=declared,
        answer_by=format_day(_aware(dossier.due_at).astimezone(ALGIERS).date()),
        next_step=first.messages.get(locale, "") if first else "",
        answers=forms.answer_rows(form, dossier.answers, locale) if form else [],
        estimate=forms.estimate_rows(dossier.estimate, locale), verification=verification_code(dossier),
    )  # fmt: skip


def _no_fetching(url: str) -> dict[str, object]:
    """The document is made of its own HTML alone: nothing is fetched, whatever an answer says."""
    raise ValueError(f"the acknowledgement fetches nothing ({url[:40]})")


def pdf(dossier: Dossier, locale: str) -> bytes:
    """The acknowledgement as a PDF in ``locale``, laid out right to left in Arabic."""
    html = render_template("dossiers/acknowledgement.html", facts=acknowledgement_of(dossier, locale),
                           locale=locale, direction=text_direction(locale), font=FONT)  # fmt: skip
    return pdf_of(html)


def pdf_of(html: str) -> bytes:
    """A document of the platform (HTML made of its own text, fetching nothing) laid out as a PDF."""
    from weasyprint import HTML  # here, not at the top: seconds of start-up that only this download needs

    document: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return document


def pdf_response(dossier: Dossier, locale: str) -> Response:
    """The PDF as a download; personal data, so never kept by a shared cache."""
    response = Response(pdf(dossier, locale), mimetype="application/pdf")
    response = as_attachment(response, f"{dossier.reference}-{locale}.pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response
