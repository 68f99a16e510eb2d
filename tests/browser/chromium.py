"""Debian's chromium driven by Playwright, one for the whole session whichever folder's tests use it (the core's
tests/browser and the bundled bodies' tests/services/browser): registered by the root conftest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.conftest import require

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background requests that the machine would refuse.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    require(CHROMIUM.exists(), f"Debian's chromium ({CHROMIUM})")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
