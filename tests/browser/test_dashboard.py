"""The dashboard and the public transparency page on a phone (390 x 844), in Arabic and French: no sideways
scrolling, and every text of every chart drawn inside the chart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, ViewportSize

from tests.browser.conftest import axe_violations, serve
from tests.browser.test_backoffice import sign_in
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user
from tests.portal.dashboard.test_figures import seed

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 390, "height": 844}
# Each chart's texts whose box leaves the chart's box (a pixel of rounding allowed), and how many texts there are.
OUTSIDE = """() => [...document.querySelectorAll('svg.chart')].map(svg => {
  const frame = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')];
  const out = texts.filter(text => { const box = text.getBoundingClientRect();
    return box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1
           || box.bottom > frame.bottom + 1; }).map(text => text.textContent);
  return {id: svg.getAttribute('aria-labelledby'), width: frame.width, texts: texts.length, out};
})"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def seeded_app(make_app: AppFactory) -> Flask:
    app = make_app()
    seed(app)
    return app


@pytest.fixture
def seeded_server(seeded_app: Flask) -> Iterator[str]:
    yield from serve(seeded_app)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def charts_fit(page: Page) -> list[dict[str, object]]:
    found = page.evaluate(OUTSIDE)
    assert found, "no chart on the page"
    return [chart for chart in found if chart["out"] or chart["width"] < 300]


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_dashboard_on_a_phone(phone: Page, seeded_app: Flask, seeded_server: str, locale: str) -> None:
    analyst = create_user(seeded_app, "analyst", "mintest")
    sign_in(phone, seeded_server, analyst.email)
    phone.goto(f"{seeded_server}/{locale}/backoffice/dashboard?programme=test")
    assert phone.evaluate(SIDEWAYS) <= 0
    assert charts_fit(phone) == []  # every label inside its chart, each chart at least 300 px wide


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_public_transparency_page_on_a_phone(phone: Page, seeded_server: str, locale: str) -> None:
    phone.goto(f"{seeded_server}/{locale}/transparency/?programme=test")
    assert phone.evaluate(SIDEWAYS) <= 0
    assert charts_fit(phone) == []
    assert phone.locator(".missing-planned li").count() >= 1  # the planned services are named


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_seeded_dashboard_and_public_page_have_no_wcag_violation(
    browser: Browser, seeded_app: Flask, seeded_server: str, locale: str
) -> None:
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    sign_in(page, seeded_server, create_user(seeded_app, "analyst", "mintest").email)
    for path in ("/backoffice/dashboard?programme=test", "/transparency/?programme=test"):
        page.goto(f"{seeded_server}/{locale}{path}")
        assert page.locator("svg.chart").count() >= 2, path
        assert axe_violations(page) == [], path
    context.close()
