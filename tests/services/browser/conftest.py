"""The browser tests' fixtures (tests/browser), for the bundled bodies' pages in a real browser; the browser itself
is the session's (``tests.browser.chromium``)."""

from __future__ import annotations

from tests.browser.conftest import (  # noqa: F401
    audit_page,
    hosted_app,
    hosted_server,
    live_server,
    make_app,
    page,
    phone,
)
