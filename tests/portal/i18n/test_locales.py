"""Every public URL carries its locale; direction, formats and plurals follow it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import format_date, ngettext

from portal.catalogue.models import Service
from portal.extensions import db
from portal.i18n.formats import format_number


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/"),
        ("ar-DZ,ar;q=0.9", "/ar/"),
        ("de-DE,fr;q=0.5", "/fr/"),
        ("en-GB", "/ar/"),
        (None, "/ar/"),
    ],
)
def test_root_redirects_by_accept_language(client: FlaskClient, accept_language: str | None, expected: str) -> None:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(("path", "lang", "direction"), [("/ar/", "ar", "rtl"), ("/fr/", "fr", "ltr")])
def test_html_lang_and_dir_follow_the_locale(client: FlaskClient, path: str, lang: str, direction: str) -> None:
    page = client.get(path).get_data(as_text=True)
    assert f'<html lang="{lang}" dir="{direction}">' in page


def test_an_unknown_locale_is_not_found_in_the_visitor_language(client: FlaskClient) -> None:
    response = client.get("/en/", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert "Page introuvable" in response.get_data(as_text=True)
    assert client.get("/xx/anything").status_code == 404


def test_language_switch_links_to_the_same_page_with_its_query(client: FlaskClient) -> None:
    page = client.get("/fr/?audience=employer&page=2").get_data(as_text=True)
    switch = re.search(r'<a href="([^"]+)" lang="ar" hreflang="ar">العربية</a>', page)
    assert switch is not None
    assert switch.group(1).replace("&amp;", "&") == "/ar/?audience=employer&page=2"
    assert '<span class="current" aria-current="true" lang="fr">Français</span>' in page


def test_dates_and_numbers_use_algerian_formats(app: Flask) -> None:
    with app.test_request_context("/ar/"):
        app.preprocess_request()
        assert format_date(date(2026, 1, 15), "long") == "15 جانفي 2026"
        assert format_number(1234567.5) == "1\u202f234\u202f567,5"  # Latin digits, no full stop between groups
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        assert format_date(date(2026, 2, 3), "long") == "3 février 2026"


def test_home_shows_the_last_update_in_each_locale(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        db.session.execute(db.update(Service).values(updated_at=datetime(2026, 2, 3, 9, 0, tzinfo=UTC)))
        db.session.commit()
    assert "آخر تحديث للدليل في 3 فيفري 2026." in client.get("/ar/").get_data(as_text=True)
    assert "Catalogue mis à jour le 3 février 2026." in client.get("/fr/").get_data(as_text=True)


def test_arabic_plural_forms_on_the_home_page(client: FlaskClient) -> None:
    page = client.get("/ar/").get_data(as_text=True)
    assert "5 خدمات" in page  # the fund
    assert "خدمتان" in page  # the ministry
    assert "خدمة واحدة" in page  # having a child


@pytest.mark.parametrize(
    ("count", "arabic"),
    [
        (0, "لا توجد أي خدمة"),
        (1, "خدمة واحدة"),
        (2, "خدمتان"),
        (3, "3 خدمات"),
        (11, "11 خدمة"),
        (100, "100 خدمة"),
    ],
)
def test_arabic_has_six_plural_forms(app: Flask, count: int, arabic: str) -> None:
    with app.test_request_context("/ar/"):
        app.preprocess_request()
        assert ngettext("%(num)s service", "%(num)s services", count) == arabic
