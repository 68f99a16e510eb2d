"""Where a worker keeps the pages it rendered (see ``portal.caching``), bounded by count and by bytes.

Two kinds of entry share one bound. A page is what a view answered (its body, its content headers and validators),
keyed by the release, the content's version and the path with its query string. An answer is what the worker
sent for a plain GET of that page, byte for byte (status, every header the hooks after the view added), keyed by
what decides a request's answer before a view runs (host, scheme, script root, path, query string): it lends
the page its body, and is forgotten with it.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from flask import current_app
from werkzeug.datastructures import Headers
from werkzeug.wrappers import Response

# The release, the content's version and the path with its query string: what a page's body depends on.
PageKey = tuple[str, str, str]
# The WSGI environ's values that decide a plain GET's answer (see ``portal.caching.PLAIN_GET_KEY``).
RequestKey = tuple[object, ...]
Header = tuple[str, str]
# What the cached pages are made of: a string that changes whenever it changes, and the time of the last change.
ContentVersion = Callable[[], tuple[str, datetime | None]]
KEPT_HEADERS = {"Content-Type", "Content-Disposition", "Content-Length", "ETag", "Last-Modified", "Cache-Control"}


@dataclass(frozen=True)
class Page:
    """A rendered page as the worker answers it again: its body, and its headers with its validators."""

    body: bytes
    headers: tuple[Header, ...]
    etag: str

    @classmethod
    def of(cls, response: Response, etag: str) -> Page:
        """What is kept of a response (its body, its headers of content and validation: the other headers of a
        cached page come from the hooks that run after the view, every time)."""
        headers = tuple((name, value) for name, value in response.headers if name in KEPT_HEADERS)
        return cls(response.get_data(), headers, etag)

    def response(self) -> Response:
        return current_app.response_class(self.body, headers=KeptHeaders(self.headers))


class KeptHeaders(Headers):
    """A kept page's headers, which werkzeug checked when the page was first answered: copied, not checked again."""

    def __init__(self, kept: Iterable[Header]) -> None:
        super().__init__()
        self._list = list(kept)


@dataclass(frozen=True)
class Answer:
    """What was sent for a plain GET of a kept page: its status line and headers, and the page (for its body)."""

    page_key: PageKey
    page: Page
    status: str
    headers: tuple[Header, ...]


class PageCache:
    """This worker's rendered pages and answers (one LRU bound: ``size`` pages, ``max_bytes`` of bodies; a page
    larger than an eighth of the bytes is not kept) and its last reading of the content's version."""

    LARGEST_SHARE = 8

    def __init__(self, size: int, max_bytes: int, version_ttl: float, content_version: ContentVersion) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.content_version = content_version
        self.version_ttl = version_ttl
        self._pages: OrderedDict[PageKey, Page] = OrderedDict()
        self._bytes = 0
        self._answers: OrderedDict[RequestKey, Answer] = OrderedDict()
        self._answers_of: dict[PageKey, list[RequestKey]] = {}
        self._version: tuple[float, str, datetime | None] | None = None
        self._lock = Lock()

    @property
    def kept_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)

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
        if len(page.body) * self.LARGEST_SHARE > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self._forget(key)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._pages and (len(self._pages) > self.size or self._bytes > self.max_bytes):
                self._forget(next(iter(self._pages)))

    def answer(self, request: RequestKey, release: str) -> Answer | None:
        """The answer kept for this request, if its page is of this release and of the content's version as last
        read (and that reading is still fresh: else None, and the app reads it again)."""
        memo = self._version
        if memo is None or time.monotonic() >= memo[0]:
            return None
        with self._lock:
            answer = self._answers.get(request)
            if answer is None or answer.page_key[:2] != (release, memo[1]):
                return None
            self._answers.move_to_end(request)
            self._pages.move_to_end(answer.page_key)
            return answer

    def keep_answer(self, request: RequestKey, answer: Answer) -> None:
        """Keep what was sent for a request, while its page is kept."""
        with self._lock:
            if self._pages.get(answer.page_key) is not answer.page:
                return  # pushed out, or replaced, meanwhile
            if request in self._answers:
                self._forget_answer(request)
            self._answers[request] = answer
            self._answers_of.setdefault(answer.page_key, []).append(request)
            while len(self._answers) > self.size:
                self._forget_answer(next(iter(self._answers)))

    def _forget(self, key: PageKey) -> None:
        page = self._pages.pop(key)
        self._bytes -= len(page.body)
        for request in self._answers_of.pop(key, []):
            del self._answers[request]

    def _forget_answer(self, request: RequestKey) -> None:
        answer = self._answers.pop(request)
        requests = self._answers_of[answer.page_key]
        requests.remove(request)
        if not requests:
            del self._answers_of[answer.page_key]
