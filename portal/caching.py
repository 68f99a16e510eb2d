"""HTTP caching of anonymous reads.

Every cached read gets a weak ETag and Last-Modified from the catalogue's version, and a short public
Cache-Control, so a reverse proxy can absorb most traffic; a conditional request is answered 304
without rendering. Each worker also keeps the pages it rendered, in a bounded LRU keyed by the same
ETag, and reads the catalogue's version at most every ``CATALOGUE_VERSION_TTL`` seconds: a repeated
read then costs no query and no template. Nothing here is needed by another worker.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from pathlib import Path
from threading import Lock
from typing import Any, ParamSpec

from flask import Flask, current_app, make_response, request
from werkzeug.http import http_date, quote_etag
from werkzeug.wrappers import Response

P = ParamSpec("P")
EXTENSION_KEY = "portal.page_cache"
KEPT_HEADERS = {"Content-Type", "Content-Disposition", "Content-Length", "ETag", "Last-Modified", "Cache-Control"}
# The release, the content's version and the path with its query string: what a page's body depends on.
PageKey = tuple[str, str, str]
# What the cached pages are made of: a string that changes whenever it changes, and the time of the last change.
ContentVersion = Callable[[], tuple[str, datetime | None]]


@dataclass(frozen=True)
class Page:
    """A rendered page as the worker answers it again: its body, and its headers with its validators."""

    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str

    @classmethod
    def of(cls, response: Response, etag: str) -> Page:
        """What is kept of a response (its body, its headers of content and validation: the other headers of a
        cached page come from the hooks that run after the view, every time)."""
        headers = tuple((name, value) for name, value in response.headers if name in KEPT_HEADERS)
        return cls(response.get_data(), headers, etag)

    def response(self) -> Response:
        return current_app.response_class(self.body, headers=list(self.headers))


class PageCache:
    """This worker's rendered pages (bounded LRU) and its last reading of the catalogue's version."""

    def __init__(self, size: int, version_ttl: float, content_version: ContentVersion) -> None:
        self.size = size
        self.content_version = content_version
        self.version_ttl = version_ttl
        self._pages: OrderedDict[PageKey, Page] = OrderedDict()
        self._version: tuple[float, str, datetime | None] | None = None
        self._lock = Lock()

    def version(self) -> tuple[str, datetime | None]:
        now = time.monotonic()
        memo = self._version
        if memo is None or now >= memo[0]:
            version, latest = self.content_version()
            memo = self._version = (now + self.version_ttl, version, latest)
        return memo[1], memo[2]

    def get(self, key: PageKey) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: PageKey, page: Page) -> None:
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


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


def init_app(app: Flask, root: Path, content_version: ContentVersion) -> None:
    """Cache pages of this app; ``content_version`` (the catalogue's, given by create_app) validates them."""
    app.config.setdefault("RELEASE", release_fingerprint(root))
    app.extensions[EXTENSION_KEY] = PageCache(
        app.config["PAGE_CACHE_SIZE"], app.config["CATALOGUE_VERSION_TTL"], content_version
    )


def cached(view: Callable[P, Any]) -> Callable[P, Response]:
    """Answer 304 when the client's copy is current, else the worker's copy, else render and keep it."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        pages: PageCache = current_app.extensions[EXTENSION_KEY]
        version, latest = pages.version()
        key = (current_app.config["RELEASE"], version, request.full_path)
        kept = pages.get(key)
        etag = kept.etag if kept is not None else _etag(key)
        if _client_copy_is_current(etag, latest):
            return _not_modified(etag, latest)
        if kept is not None:
            return kept.response()
        response = make_response(view(*args, **kwargs))
        if response.status_code in {200, 304}:
            _add_validators(response, etag, latest)
        if response.status_code == 200 and not response.is_streamed:
            pages.put(key, Page.of(response, etag))
        return response

    return wrapper


def _etag(key: PageKey) -> str:
    return hashlib.sha256("|".join(key).encode()).hexdigest()[:32]


def _client_copy_is_current(etag: str, latest: datetime | None) -> bool:
    environ = request.environ
    if "HTTP_IF_NONE_MATCH" not in environ and "HTTP_IF_MODIFIED_SINCE" not in environ:
        return False  # what nearly every request sends: neither validator
    if request.if_none_match.contains_weak(etag):
        return True
    since = request.if_modified_since
    if request.if_none_match or since is None or latest is None:
        return False
    return latest.replace(microsecond=0) <= since


def _not_modified(etag: str, latest: datetime | None) -> Response:
    response = current_app.response_class(status=304)
    _add_validators(response, etag, latest)
    return response


def _add_validators(response: Response, etag: str, latest: datetime | None) -> None:
    response.headers.extend(_validators(etag, latest))


def _validators(etag: str, latest: datetime | None) -> list[tuple[str, str]]:
    """ETag, Last-Modified when the content has a date, and a short public Cache-Control."""
    headers = [("ETag", quote_etag(etag, weak=True))]
    if latest is not None:
        headers.append(("Last-Modified", http_date(latest)))
    headers.append(("Cache-Control", f"public, max-age={current_app.config['CACHE_MAX_AGE']}"))
    return headers
