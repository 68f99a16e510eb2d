"""Files people download: every one is an attachment named by RFC 6266 / RFC 5987 (an Arabic file name
included), and every CSV has a byte-order mark (spreadsheets then read Arabic correctly) and no cell that a
spreadsheet would evaluate as a formula."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from werkzeug.wrappers import Response

# A cell that starts with one of these is a formula to Excel, LibreOffice or Google Sheets (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def neutralise(cell: Any) -> Any:
    """A cell as a spreadsheet shows it without evaluating it: a leading apostrophe before a formula; plain
    numbers (``-5``, ``+213``) and non-text values are left as they are."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS) or PLAIN_NUMBER.match(cell):
        return cell
    return "'" + cell


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the real name in UTF-8 (RFC 6266 section 4.3)."""
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", fallback).strip("._") or "download"
    if "." in filename and "." not in fallback:
        fallback += "." + re.sub(r"[^A-Za-z0-9]", "", filename.rsplit(".", 1)[1])
    if fallback == filename:  # a plain name (letters, digits, dot, dash): nothing more to say
        return f"attachment; filename={filename}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def as_attachment(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return as_attachment(Response("\ufeff" + buffer.getvalue(), mimetype="text/csv"), filename)
