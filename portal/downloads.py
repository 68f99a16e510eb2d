"""Files people download: CSV with a byte-order mark, so that spreadsheets read Arabic correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from werkzeug.wrappers import Response


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response
