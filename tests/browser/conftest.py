"""Real pages in Debian's chromium, driven by Playwright, against the app on a real HTTP server (the browser itself:
``tests.browser.chromium``, one for the whole session)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize
from werkzeug.serving import make_server

from portal import PROJECT_ROOT
from tests.conftest import AppFactory, require

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def make_app(make_app: AppFactory) -> AppFactory:
    """The suite's factory, for an app whose canonical address is a free port of 127.0.0.1, where ``serve``
    serves it: the platform answers only for its own host."""

    def factory(**override: Any) -> Flask:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        return make_app(**{"BASE_URL": f"http://127.0.0.1:{port}", **override})

    return factory


def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a real HTTP server at its canonical address (127.0.0.1) while the caller runs."""
    address = urlsplit(app.config["BASE_URL"])
    server = make_server("127.0.0.1", address.port or 80, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def live_server(make_app: AppFactory) -> Iterator[str]:
    """The app, its database migrated and synced, on a real HTTP server."""
    yield from serve(make_app())


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def audit_page(browser: Browser) -> Iterator[Page]:
    """A page that may load axe-core: the portal's CSP rightly refuses injected scripts, so it is bypassed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """WCAG 2.1 A and AA violations that axe-core finds on the page as it is now."""
    require(AXE.exists(), f"axe-core from the npm registry ({AXE}); run `make assets`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {"id": item["id"], "help": item["help"], "nodes": [node["target"] for node in item["nodes"]]}
        for item in result["violations"]
    ]


PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone's screen (390×844, touch) that keeps downloads; the pages' CSP is bypassed for axe's script only."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True, accept_downloads=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def hosted_app(make_app: AppFactory, tmp_path: Path) -> Flask:
    """The platform whose hosted services keep their uploads in the test's folder."""
    return make_app(UPLOAD_FOLDER=str(tmp_path / "uploads"))


@pytest.fixture
def hosted_server(hosted_app: Flask) -> Iterator[str]:
    """``hosted_app`` on a real HTTP server."""
    yield from serve(hosted_app)
