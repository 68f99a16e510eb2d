"""The platform's canonical address, ``BASE_URL``: every absolute URL (sitemap, feeds, linked data, emails to
applicants, API receipts) is built from it, never from the request's Host, so a forged Host can neither poison
a cached page nor put a foreign link into an official email.

A request for a host the platform does not serve (the canonical one, plus ``ALLOWED_HOSTS``) is refused with
400 before any view runs. Behind the documented reverse proxy (``PROXY_COUNT`` proxies), the client's address
and scheme are read from its X-Forwarded-For and X-Forwarded-Proto headers; no other forwarded header is
trusted, and none at all without ``PROXY_COUNT``: the proxy passes the Host it received.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from threading import Lock
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    """Build URLs for ``BASE_URL``, accept only the hosts served, trust the configured proxies' headers."""
    base = urlsplit(app.config["BASE_URL"])
    app.config["SERVER_NAME"] = base.netloc
    app.config["PREFERRED_URL_SCHEME"] = base.scheme
    app.config["APPLICATION_ROOT"] = base.path.rstrip("/") or "/"
    app.config["TRUSTED_HOSTS"] = served_hosts(app.config["BASE_URL"], app.config["ALLOWED_HOSTS"])
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.extensions[URLS_KEY] = BuiltURLs()
    app.jinja_env.globals["url_for"] = template_url_for


URLS_KEY = "portal.built_urls"


class BuiltURLs:
    """The addresses this worker's templates built, by everything that decides them (a bounded LRU): a page links
    to 30 to 100 addresses, and werkzeug builds each in ~40 µs, the same every time."""

    SIZE = 4096

    def __init__(self) -> None:
        self._built: OrderedDict[tuple[Any, ...], str] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[Any, ...]) -> str | None:
        with self._lock:
            found = self._built.get(key)
            if found is not None:
                self._built.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], url: str) -> None:
        with self._lock:
            self._built[key] = url
            if len(self._built) > self.SIZE:
                self._built.popitem(last=False)


def template_url_for(endpoint: str, **values: Any) -> str:
    """``url_for`` for templates: a relative address is built once per endpoint, arguments, locale, host and
    script root, then remembered; absolute ones and anything unhashable are built each time."""
    context = None if "_external" in values or "_scheme" in values else _request_key()
    if context is None:
        return url_for(endpoint, **values)
    try:
        key = (endpoint, context, request.blueprint if endpoint[:1] == "." else None, *sorted(values.items()))
        hash(key)
    except TypeError:
        return url_for(endpoint, **values)
    built: BuiltURLs = current_app.extensions[URLS_KEY]
    url = built.get(key)
    if url is None:
        url = url_for(endpoint, **values)
        built.put(key, url)
    return url


def _request_key() -> tuple[str, str, str] | None:
    """What decides this request's addresses besides the arguments: its locale, host and script root."""
    key = g.get("_url_key")
    if key is None and g.get("lang_code") is not None:
        key = g._url_key = (g.lang_code, request.host, request.script_root)
    return key


def served_hosts(base_url: str, allowed: list[str]) -> list[str]:
    """The host names a request may name: the canonical one first, then the other names of this platform."""
    canonical = urlsplit(base_url).hostname or ""
    return [canonical, *(host for host in allowed if host != canonical)]


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of ``endpoint`` at the canonical address, whatever the request's Host and scheme."""
    return url_for(endpoint, _external=True, _scheme=current_app.config["PREFERRED_URL_SCHEME"], **values)


def canonical(path: str) -> str:
    """A path of this platform (as ``url_for`` writes it, with any script root) at the canonical address."""
    base = urlsplit(current_app.config["BASE_URL"])
    return f"{base.scheme}://{base.netloc}{path}"


# A backslash, a space or a control character (or their percent forms) can turn a path into another site's address
# for a browser (``/\evil.example`` and ``/<TAB>/evil.example`` both read as ``//evil.example``).
UNSAFE_IN_PATH = re.compile(r"[\\\s\x00-\x1f\x7f]|%5c|%2f%2f|%0[9ad]|%2[05]", re.IGNORECASE)


def local_path(target: str) -> str:
    """``target`` if it is a path of this site (where to go back after signing in), else "": never another site's
    address, however it is disguised."""
    parts = urlsplit(target)
    local = target.startswith("/") and not target.startswith("//") and not parts.netloc and not parts.scheme
    return target if local and UNSAFE_IN_PATH.search(target) is None else ""
