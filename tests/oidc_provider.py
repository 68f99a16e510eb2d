"""The demo national identity provider (sandbox/oidc/provider.mjs: panva's certified oidc-provider) for the tests,
started with Node on a free port of 127.0.0.1, and a person's browser at it: ``requests`` submitting the provider's
own development sign-in and consent forms over HTTP, as a person would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.processes import end, free_port

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "sandbox" / "oidc" / "provider.mjs"
CLIENT_ID, CLIENT_SECRET = "portal", "test-client-secret"


def available() -> bool:
    """Whether Node and the provider's package (``npm ci``) are there."""
    return shutil.which("node") is not None and (ROOT / "node_modules" / "oidc-provider").is_dir()


@contextmanager
def running_provider(portal_url: str, clock_skew: int = 0) -> Iterator[str]:
    """The provider's issuer URL while it runs, for the platform at ``portal_url``; its clock ``clock_skew``
    seconds behind (its tokens are then born expired)."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OIDC_PORT": str(port), "OIDC_PORTAL_URL": portal_url, "OIDC_CLIENT_ID": CLIENT_ID,
           "OIDC_CLIENT_SECRET": CLIENT_SECRET, "OIDC_CLOCK_SKEW": str(clock_skew)}  # fmt: skip
    process = subprocess.Popen(["node", str(SCRIPT)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while not _answers(issuer):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oidc-provider did not start: {process.stderr and process.stderr.read()!r}")
            time.sleep(0.1)
        yield issuer
    finally:
        end(process)


def _answers(issuer: str) -> bool:
    try:
        return requests.get(issuer + "/.well-known/openid-configuration", timeout=1).ok
    except requests.RequestException:
        return False


FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.DOTALL)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')


def _submit_form(browser: requests.Session, page: requests.Response, fields: dict[str, str]) -> requests.Response:
    found = FORM.search(page.text)
    assert found is not None, page.text
    data = {name: unescape(value) for name, value in HIDDEN.findall(found.group(2))}
    return browser.post(urljoin(page.url, unescape(found.group(1))), data={**data, **fields}, allow_redirects=False)


def _follow(browser: requests.Session, response: requests.Response, until: str) -> requests.Response | str:
    """Redirects followed at the provider; the address that leaves it for ``until`` (the platform) is returned."""
    while response.is_redirect:
        target = urljoin(response.url, response.headers["Location"])
        if target.startswith(until):
            return target
        response = browser.get(target, allow_redirects=False)
    return response


def sign_in_at_provider(browser: requests.Session, authorize_url: str, login: str, portal_url: str) -> str:
    """The person signs in at the provider as ``login`` (the development form takes any password) and consents:
    the address the provider sends the browser back to, on the platform (with the code and the state)."""
    page = _follow(browser, browser.get(authorize_url, allow_redirects=False), portal_url)
    for fields in ({"login": login, "password": "any"}, {}):  # the sign-in form, then the consent form
        if isinstance(page, str):
            return page
        page = _follow(browser, _submit_form(browser, page, fields), portal_url)
    assert isinstance(page, str), page.text
    return page


def end_session_at_provider(browser: requests.Session, end_session_url: str, portal_url: str) -> str:
    """The person confirms signing out at the provider: the address it sends the browser back to, on the platform."""
    page = _follow(browser, browser.get(end_session_url, allow_redirects=False), portal_url)
    assert not isinstance(page, str), page
    back = _follow(browser, _submit_form(browser, page, {"logout": "yes"}), portal_url)
    assert isinstance(back, str), back.text
    return back
