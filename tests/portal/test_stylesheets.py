"""Bootstrap reduced to what the pages use (``make assets`` with purgecss.config.js): every Bootstrap class a page
writes is styled by the stylesheet that page links, in Arabic (the RTL build) and in French, on the public pages
(all of the sitemap's), with flash messages and in the back office."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import PROJECT_ROOT
from tests.conftest import require
from tests.portal.backoffice.helpers import PASSWORD, create_user, sign_in, token

FULL = PROJECT_ROOT / "node_modules" / "bootstrap" / "dist" / "css"
LINKED = re.compile(r'<link rel="stylesheet" href="/static/(vendor/bootstrap/[\w.]+?)\.[0-9a-f]{12}(\.css)">')
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@cache
def class_selectors(stylesheet: Path) -> frozenset[str]:
    """Every class a stylesheet's selectors name (declarations, comments and at-rules' conditions left out)."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
    while re.search(r"\{[^{}]*\}", css):  # innermost blocks first: declarations, then emptied @media blocks
        css = re.sub(r"\{[^{}]*\}", " ", css)
    return frozenset(re.findall(r"\.(-?[A-Za-z_][\w-]*)", css))


def unstyled(page: str) -> set[str]:
    """The Bootstrap classes ``page`` writes that the Bootstrap stylesheet it links does not define."""
    linked = LINKED.search(page)
    assert linked is not None, page[:1000]
    reduced = PROJECT_ROOT / "static" / (linked[1] + linked[2])
    written = {name for found in CLASS_ATTRIBUTE.findall(page) for name in found.split()}
    return (written & class_selectors(FULL / reduced.name)) - class_selectors(reduced)


def html_pages(client: FlaskClient, paths: list[str]) -> dict[str, str]:
    """The pages at ``paths`` (after their redirects) that are HTML: not the CSV and JSON downloads."""
    answers = {path: client.get(path, follow_redirects=True) for path in paths}
    return {path: answer.get_data(as_text=True) for path, answer in answers.items() if answer.mimetype == "text/html"}


def parameterless_pages(app: Flask, locale: str, prefix: str) -> list[str]:
    """The pages of ``locale`` under ``prefix`` that take no other part in their address."""
    rules = [
        rule for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ()) and rule.arguments == {"lang_code"}
    ]
    return [path for path in (rule.rule.replace("<lang_code>", locale) for rule in rules) if path.startswith(prefix)]


@pytest.fixture(autouse=True)
def _full_bootstrap() -> None:
    require(FULL.is_dir(), f"Bootstrap from the npm registry ({FULL}); run `make assets`")


@pytest.fixture
def programme(app: Flask) -> None:
    """The demo programme, as `make run` creates it: the transparency page and the dashboard show it."""
    assert app.test_cli_runner().invoke(args=["programmes", "demo"]).exit_code == 0


@pytest.mark.parametrize("locale", ["ar", "fr"])
@pytest.mark.usefixtures("programme")
def test_every_public_page_has_the_styles_of_its_bootstrap_classes(client: FlaskClient, locale: str) -> None:
    sitemap = ET.fromstring(client.get("/sitemap.xml").get_data())
    listed = [
        (element.text or "").removeprefix("http://localhost") for element in sitemap.findall("s:url/s:loc", SITEMAP)
    ]
    paths = [path for path in listed if path.startswith(f"/{locale}/")] + [
        f"/{locale}/services?q=maternite", f"/{locale}/services?audience=employer&page=2", f"/{locale}/nowhere",
        f"/{locale}/services/hiring-aid/apply", f"/{locale}/track", f"/{locale}/backoffice/sign-in",
    ]  # fmt: skip
    pages = html_pages(client, paths)
    assert len(pages) > 20
    assert {path: missing for path, page in pages.items() if (missing := unstyled(page))} == {}


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_flash_messages_have_their_colours(app: Flask, client: FlaskClient, locale: str) -> None:
    """The class of a flash message is built from its category (``alert-{{ category }}``), which no template
    holds whole: purgecss.config.js keeps them."""
    sign_in_page, password_page = f"/{locale}/backoffice/sign-in", f"/{locale}/backoffice/password"
    data = {"csrf_token": token(client, sign_in_page), "email": "nobody@demo.example.dz", "password": "not it"}
    refused = client.post(sign_in_page, data=data, follow_redirects=True).get_data(as_text=True)
    sign_in(client, create_user(app, "editor"))
    new = "another long enough password"
    data = {"csrf_token": token(client, password_page), "current": PASSWORD, "new": new, "again": new}
    changed = client.post(password_page, data=data, follow_redirects=True).get_data(as_text=True)
    assert 'class="alert alert-danger"' in refused and 'class="alert alert-success"' in changed
    assert unstyled(refused) == unstyled(changed) == set()


@pytest.mark.parametrize("locale", ["ar", "fr"])
@pytest.mark.usefixtures("programme")
def test_every_back_office_page_has_the_styles_of_its_bootstrap_classes(
    app: Flask, client: FlaskClient, locale: str
) -> None:
    sign_in(client, create_user(app, "ministry_admin", body="mintest"))
    paths = parameterless_pages(app, locale, f"/{locale}/backoffice/")
    pages = html_pages(client, [*paths, f"/{locale}/backoffice/services/1", f"/{locale}/backoffice/services/1/history"])
    assert len(pages) >= 10 and all('class="signed-in-as"' in page for page in pages.values())
    assert {path: missing for path, page in pages.items() if (missing := unstyled(page))} == {}


def test_pages_link_bootstrap_reduced_to_a_fraction_of_it(client: FlaskClient) -> None:
    for locale in ("ar", "fr"):
        linked = LINKED.search(client.get(f"/{locale}/").get_data(as_text=True))
        assert linked is not None
        reduced = PROJECT_ROOT / "static" / (linked[1] + linked[2])
        assert reduced.stat().st_size < (FULL / reduced.name).stat().st_size / 4
