"""HTTP caching of anonymous reads.

Every cached read gets a weak ETag and Last-Modified from the catalogue's version, and a short public
Cache-Control, so a reverse proxy can absorb most traffic; a conditional request is answered 304
without rendering. Each worker also keeps the pages it rendered (``portal.page_store``: bounded in count and
bytes), and reads the catalogue's version at most every ``CATALOGUE_VERSION_TTL`` seconds: a repeated read then
costs no query and no template. A repeated plain GET (no cookie, no body, no validator) costs less still: the
worker sends again what it sent the first time, before Flask builds a request (``KeptAnswers``). Nothing here is
needed by another worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime, time
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec

from flask import Flask, current_app, make_response, request
from werkzeug.http import http_date, quote_etag
from werkzeug.wrappers import Response

from portal.clock import ALGIERS, today
from portal.page_store import Answer, ContentVersion, Page, PageCache, PageKey, RequestKey

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

P = ParamSpec("P")
EXTENSION_KEY = "portal.page_cache"
ANSWERED = "portal.page_cache.answered"  # in the WSGI environ: the kept page a request was answered with
# What, besides the path and query, decides a plain GET's answer before a cached view runs: the host (refused or
# served), the scheme (as a trusted proxy tells it too), the script root. A kept page itself is keyed by its path
# and query alone, so nothing else a plain GET sends (its languages, its address) changes its answer.
PLAIN_GET_KEY = ("HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO",
                 "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING")  # fmt: skip
# A request that sends any of these is not plain and goes through the app: a cookie (a session, someone signed in),
# a body, a validator (a 304 to decide), credentials.
NOT_PLAIN = ("HTTP_COOKIE", "CONTENT_TYPE", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_AUTHORIZATION")


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
    settings = app.config
    app.extensions[EXTENSION_KEY] = PageCache(
        settings["PAGE_CACHE_SIZE"], settings["PAGE_CACHE_BYTES"], settings["CATALOGUE_VERSION_TTL"], content_version
    )
    if not isinstance(app.wsgi_app, KeptAnswers):
        app.wsgi_app = KeptAnswers(app, app.wsgi_app)  # type: ignore[method-assign]


class KeptAnswers:
    """The app's outermost WSGI layer: a plain GET (no cookie, no body, no validator) that this worker answered
    from a kept page is answered again with the same bytes, status and headers (those the hooks after the view
    added included), without entering Flask, while the content's version last read is fresh and unchanged.
    Everything else, and the first plain GET of each page and version, goes through the app as before."""

    def __init__(self, app: Flask, wsgi_app: WSGIApplication) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = _plain_get(environ)
        if request is None:
            return self.wsgi_app(environ, start_response)
        pages: PageCache = self.app.extensions[EXTENSION_KEY]
        answer = pages.answer(request, edition(self.app))
        if answer is not None:
            start_response(answer.status, list(answer.headers))
            return [answer.page.body]
        sent: list[tuple[str, list[tuple[str, str]]]] = []

        def recording(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent.append((status, headers))
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, recording)
        answered: tuple[PageKey, Page] | None = environ.get(ANSWERED)
        if answered is not None and len(sent) == 1 and _may_be_sent_again(*sent[0]):
            pages.keep_answer(request, Answer(*answered, sent[0][0], tuple(sent[0][1])))
        return body


def _may_be_sent_again(status: str, headers: list[tuple[str, str]]) -> bool:
    """A full answer that gives the client nothing of its own: a cookie set (a session, a preference) is never
    sent to the next person who asks."""
    return status == "200 OK" and all(name.lower() != "set-cookie" for name, _value in headers)


def _plain_get(environ: WSGIEnvironment) -> RequestKey | None:
    if environ.get("REQUEST_METHOD") != "GET" or any(environ.get(name) for name in NOT_PLAIN):
        return None
    return tuple(environ.get(name) for name in PLAIN_GET_KEY)


def edition(app: Flask) -> str:
    """What a kept page was made for besides the content's version: the release, and the day in Algeria (a page
    that counts from today, such as the transparency page's late services, is made anew when the day changes)."""
    return f"{app.config['RELEASE']}@{today(app).isoformat()}"


def cached(view: Callable[P, Any]) -> Callable[P, Response]:
    """Answer 304 when the client's copy is current, else the worker's copy, else render and keep it."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        pages: PageCache = current_app.extensions[EXTENSION_KEY]
        version, changed = pages.version()
        latest = _since_today(changed)
        key = (edition(current_app), version, request.full_path)
        kept = pages.get(key)
        etag = kept.etag if kept is not None else _etag(key)
        if _client_copy_is_current(etag, latest):
            return _not_modified(etag, latest)
        if kept is not None:
            request.environ[ANSWERED] = (key, kept)
            return kept.response()
        response = make_response(view(*args, **kwargs))
        if response.status_code in {200, 304}:
            _add_validators(response, etag, latest)
        if response.status_code == 200 and not response.is_streamed:
            kept = Page.of(response, etag)
            pages.put(key, kept)
            request.environ[ANSWERED] = (key, kept)
        return response

    return wrapper


def _since_today(changed: datetime | None) -> datetime | None:
    """When the page last changed: the content's last change, or the start of the day in Algeria if later (a page
    counts from today), so that a client revalidating with If-Modified-Since alone gets the new day's page."""
    if changed is None:
        return None
    return max(changed, datetime.combine(today(current_app), time(), ALGIERS))


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
