"""The citizen pages on a phone (390 x 844), in Arabic and French: what matters comes first. The service page's
action right after its summary, before the legal basis; the browse page's results near the top, its filters folded
behind one button that works without JavaScript; the home page's search button visible on the green band."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
FILTERS = {"ar": "تصفية الخدمات", "fr": "Filtrer les services"}
EMPLOYERS = {"ar": "المستخدمون", "fr": "Employeurs"}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone's screen, without JavaScript: every page must work without it."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def measured(browser: Browser) -> Iterator[Page]:
    """A phone's screen where the test can measure (the portal itself runs no script)."""
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def top(page: Page, selector: str) -> float:
    """How far down the page ``selector``'s first element starts, in CSS pixels."""
    return page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().top + window.scrollY")


def bottom(page: Page, selector: str) -> float:
    return page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().bottom + window.scrollY")


def luminance(css_colour: str) -> float:
    red, green, blue = (int(value) / 255 for value in re.findall(r"\d+", css_colour)[:3])
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4 for value in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_service_page_puts_the_action_right_after_the_summary(
    measured: Page, live_server: str, locale: str
) -> None:
    measured.goto(f"{live_server}/{locale}/services/hiring-aid")
    apply, summary_end = top(measured, ".apply-link"), bottom(measured, ".service-page .lead")
    legal = measured.evaluate(
        "() => [...document.querySelectorAll('.service-facts dt')].find(dt => dt.nextElementSibling.textContent"
        ".includes('24-117')).getBoundingClientRect().top + window.scrollY"
    )
    assert summary_end < apply < legal  # the action, then the legal basis
    assert apply - summary_end < 150  # only the status badges and the box's heading between
    assert apply + 40 < PHONE["height"]  # on the first screen, without scrolling
    assert measured.locator(".apply-link").is_visible()


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_browse_results_start_near_the_top_with_the_filters_behind_one_button(
    phone: Page, measured: Page, live_server: str, locale: str
) -> None:
    measured.goto(f"{live_server}/{locale}/services")
    assert top(measured, ".service-card") < PHONE["height"] - 200  # the first result and its title on the first screen
    assert not measured.get_by_label(EMPLOYERS[locale], exact=False).first.is_visible()

    # Without JavaScript, the one button opens the filters, and they work.
    phone.goto(f"{live_server}/{locale}/services")
    employers = phone.get_by_role("checkbox", name=re.compile(EMPLOYERS[locale]))
    assert not employers.is_visible()
    phone.locator("summary.filters-toggle").click()
    assert employers.is_visible()
    employers.check()
    phone.locator(".filters button[type=submit]").click()
    phone.wait_for_url(f"{live_server}/{locale}/services?audience=employer")
    summary = phone.locator("summary.filters-toggle").inner_text()
    assert FILTERS[locale] in summary and re.search(r"1|واحد", summary)  # says a filter is chosen while folded
    assert not employers.is_visible()


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_wide_screens_show_the_filters_open_beside_the_results(measured: Page, live_server: str, locale: str) -> None:
    measured.set_viewport_size({"width": 1280, "height": 900})
    measured.goto(f"{live_server}/{locale}/services")
    assert measured.get_by_role("checkbox", name=re.compile(EMPLOYERS[locale])).is_visible()
    assert abs(top(measured, "#filters-heading") - top(measured, "#results-heading")) < 20  # side by side


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_the_home_search_button_stands_out_from_the_green_band(measured: Page, live_server: str, locale: str) -> None:
    measured.goto(f"{live_server}/{locale}/")
    button = measured.locator(".hero-search button[type=submit]")
    assert button.is_visible()
    assert top(measured, ".hero-search button[type=submit]") + 50 < PHONE["height"]
    band = measured.evaluate("() => getComputedStyle(document.querySelector('.portal-hero')).backgroundColor")
    fill = button.evaluate("element => getComputedStyle(element).backgroundColor")
    ink = button.evaluate("element => getComputedStyle(element).color")
    assert contrast(fill, band) >= 3  # WCAG 1.4.11: a control against what surrounds it
    assert contrast(ink, fill) >= 4.5  # its label
