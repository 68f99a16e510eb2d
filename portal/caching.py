"""HTTP caching of anonymous reads: a weak ETag and Last-Modified from the catalogue's version, a short
public Cache-Control, and 304 answers to conditional requests without rendering the page again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec

from flask import Flask, current_app, make_response, request
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from portal.catalogue.models import Body, Service
from portal.extensions import db

P = ParamSpec("P")


def release_fingerprint(root: Path) -> str:
    """Changes when the code's templates, translations or styles change, so old ETags stop matching."""
    folders = [root / "templates", root / "translations", root / "static" / "css", root / "portal"]
    stamps = sorted(
        f"{path.relative_to(root)}:{path.stat().st_mtime_ns}"
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".html", ".mo", ".po", ".css", ".py", ".json"}
    )
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()[:16]


def init_app(app: Flask, root: Path) -> None:
    app.config.setdefault("RELEASE", release_fingerprint(root))


def catalogue_version() -> tuple[str, datetime | None]:
    """A string that changes whenever a service or a body changes, and the time of the last change."""
    count, latest = db.session.execute(select(func.count(Service.id), func.max(Service.updated_at))).one()
    bodies = db.session.scalar(select(func.count(Body.id)))
    return f"{count}:{latest}:{bodies}", latest


def _not_modified_since(latest: datetime | None) -> bool:
    since = request.if_modified_since
    if request.if_none_match or since is None or latest is None:
        return False
    return latest.replace(microsecond=0) <= since


def cached(view: Callable[P, Any]) -> Callable[P, Response]:
    """Answer with 304 when the client's ETag is current; otherwise render and mark the response cacheable."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        version, latest = catalogue_version()
        key = f"{current_app.config['RELEASE']}|{version}|{request.full_path}"
        etag = hashlib.sha256(key.encode()).hexdigest()[:32]
        if request.if_none_match.contains_weak(etag) or _not_modified_since(latest):
            response = Response(status=304)
        else:
            response = make_response(view(*args, **kwargs))
        if response.status_code in {200, 304}:
            response.set_etag(etag, weak=True)
            if latest is not None:
                response.last_modified = latest
            response.cache_control.public = True
            response.cache_control.max_age = current_app.config["CACHE_MAX_AGE"]
        return response

    return wrapper
