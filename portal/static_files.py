"""Static files under fingerprinted names: ``url_for('static', filename='css/portal.css')`` writes
``/static/css/portal.3f2a9c1b7d4e.css``, the first twelve hex digits of the file's SHA-256 inserted before its
extension. A name then always means the same bytes, so browsers and the reverse proxy keep the file a year
without asking again (deploy/nginx.conf serves these names itself), and a new release is fetched at once.

The hashes are computed once per process, at the first URL built for each file. The app answers the fingerprinted
name as well as the plain one, so it serves everything without a proxy in front (``make run``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from flask import Flask, current_app, send_from_directory
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

EXTENSION_KEY = "portal.static_fingerprints"
ONE_YEAR = 365 * 24 * 3600
# The name as url_for writes it: what the file is called, the fingerprint, its extension (the nginx location's regex).
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


class Fingerprints:
    """The fingerprinted name of each static file asked for, computed once from its content."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names: dict[str, str] = {}

    def name(self, filename: str) -> str:
        """``filename`` with its content's fingerprint; unchanged when it is no file or has no extension. Only the
        names of real files are remembered: a visitor asking for made-up names does not grow the memory."""
        known = self._names.get(filename)
        if known is None:
            known = self._fingerprinted(filename)
            if known != filename:
                self._names[filename] = known
        return known

    def _fingerprinted(self, filename: str) -> str:
        path = safe_join(str(self.folder), filename)
        stem, dot, extension = filename.rpartition(".")
        if path is None or not Path(path).is_file() or not dot or not re.fullmatch(r"[A-Za-z0-9]+", extension):
            return filename
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
        return f"{stem}.{digest}.{extension}"


def init_app(app: Flask) -> None:
    """Every ``url_for('static', ...)`` writes the fingerprinted name, and the static route answers it."""
    app.extensions[EXTENSION_KEY] = Fingerprints(Path(app.static_folder or "static"))
    app.url_defaults(_fingerprint)
    app.view_functions["static"] = serve


def _fingerprint(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and isinstance(values.get("filename"), str):
        values["filename"] = current_app.extensions[EXTENSION_KEY].name(values["filename"])


def serve(filename: str) -> Response:
    """The static file, under its plain name or a fingerprinted one; the current fingerprint is kept a year."""
    found = FINGERPRINTED.match(filename)
    if found is None:
        return current_app.send_static_file(filename)
    plain = found["stem"] + found["suffix"]
    if current_app.extensions[EXTENSION_KEY].name(plain) != filename:  # an earlier release's: the file of today
        return current_app.send_static_file(plain)
    response = send_from_directory(current_app.static_folder or "static", plain, max_age=ONE_YEAR)
    response.cache_control.immutable = True
    return response
