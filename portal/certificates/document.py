"""The certificate as the holder downloads it (a PDF in their language, laid out by WeasyPrint as the
acknowledgement of receipt is, right to left in Arabic) and the lines both the PDF and ``/verify`` show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import segno
from flask import current_app, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.certificates.issuing import DAY, TERM, content, day
from portal.certificates.models import Certificate
from portal.downloads import as_attachment
from portal.i18n import text_direction
from portal.i18n.formats import format_day
from portal.registry import get_registry

FONT = "DejaVu Sans"  # Debian's fonts-dejavu-core: Latin and Arabic glyphs in one family
KINDS = {
    "affiliation": _l("Certificate of affiliation"),
    "up_to_date": _l("Certificate of being up to date with contributions"),
}


def title(kind: str) -> str:
    return str(KINDS.get(kind, kind))


def issuer_name(code: str, locale: str) -> str:
    body = get_registry().bodies.get(code)
    return body.name(locale) if body else code


def lines(facts: Iterable[Mapping[str, str]]) -> list[tuple[str, str]]:
    """The facts as the reader reads them: labels and words in the request's language, days in words."""

    def shown(fact: Mapping[str, str]) -> str:
        if fact["kind"] == DAY:
            return format_day(day(fact["value"]))
        return gettext(fact["value"]) if fact["kind"] == TERM else fact["value"]

    return [(gettext(fact["label"]), shown(fact)) for fact in facts]


def verification_url(code: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/verify/{code}"


def pdf(certificate: Certificate, locale: str) -> bytes:
    """The certificate in ``locale`` (the request's language), with its code and the QR code of its address."""
    from portal.dossiers.acknowledgement import pdf_of  # WeasyPrint, loaded by this download only

    facts: dict[str, Any] = content(certificate)
    url = verification_url(certificate.code)
    qr = segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff")
    html = render_template("certificates/certificate.html", facts=facts, title=title(facts["kind"]),
                           issuer=issuer_name(facts["issuer"], locale), lines=lines(facts["facts"]),
                           issued=format_day(day(facts["issued"])), valid_until=format_day(day(facts["valid_until"])),
                           url=url, qr=qr, locale=locale, direction=text_direction(locale), font=FONT)  # fmt: skip
    return pdf_of(html)


def pdf_response(certificate: Certificate, locale: str) -> Response:
    """The PDF as a download; personal data, so never kept by a shared cache."""
    response = Response(pdf(certificate, locale), mimetype="application/pdf")
    response = as_attachment(response, f"certificate-{certificate.code}-{locale}.pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response
