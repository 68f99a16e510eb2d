"""The apps I allowed, in my space: listed with what each can do, taken back at once; apps registered by staff only,
with redirect URIs a mobile app can own; a disabled app stops; a closed account's tokens are gone."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models_oauth import OAuthToken
from portal.extensions import db
from tests.portal.accounts.helpers import PASSWORD, create_account
from tests.portal.accounts.oauth_helpers import Flow, bearer, refresh, register_app


def test_my_apps_lists_what_each_app_can_do_and_takes_it_back(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, "yacine@example.dz")
    assert "Vous n'avez autorisé aucune application" in browser.get("/fr/my/apps").get_data(as_text=True)
    flow = Flow(register_app(portal_app, scopes=("profile", "dossiers:read")))
    tokens = flow.tokens(browser, phone_app)
    assert 'href="/fr/my/apps">Mes applications</a>' in browser.get("/fr/my/").get_data(as_text=True)
    [listed] = browser.get("/fr/my/data.json").get_json()["apps"]
    assert (listed["name"], listed["publisher"], listed["scopes"]) == ("e-CNAC", "CNAC", ["profile", "dossiers:read"])
    page = browser.get("/ar/my/apps").get_data(as_text=True)
    assert "e-CNAC" in page and "CNAC" in page
    assert "الاطلاع على ملفكم الشخصي" in page and "الاطلاع على ملفاتكم" in page and "الرد باسمكم" not in page
    action = f"/fr/my/apps/{_row(page)}/revoke"
    taken = browser.post(action)
    assert taken.headers["Location"] == "/fr/my/apps"
    assert "L&#39;application ne peut plus utiliser votre compte." in browser.get("/fr/my/apps").get_data(as_text=True)
    assert phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"])).status_code == 401
    assert refresh(phone_app, flow.client_id, tokens["refresh_token"]).status_code == 400
    assert browser.post(action).status_code == 404  # nothing left to take back


def _row(page: str) -> str:
    start = page.index("/my/apps/") + len("/my/apps/")
    return page[start : page.index("/revoke", start)]


def test_staff_register_apps_with_redirect_uris_an_app_can_own(portal_app: Flask) -> None:
    runner = portal_app.test_cli_runner()
    base = ["accounts", "oauth-client", "add", "--name", "e-CNAC", "--scope", "profile", "--redirect-uri"]
    for refused in ("http://ecnac.example/cb", "ecnac:/cb", "https://ecnac.example/cb#x", "dz.cnac.ecnac://host/cb"):
        result = runner.invoke(args=[*base, refused])
        assert result.exit_code == 2 and f"Error: {refused!r}: " in result.output, result.output
    assert runner.invoke(args=[*base[:-3], "--scope", "admin", "--redirect-uri", "dz.cnac.ecnac:/cb"]).exit_code == 2
    for accepted in ("dz.cnac.ecnac:/oauth/callback", "https://ecnac.cnac.dz/oauth", "http://127.0.0.1:8765/cb"):
        assert runner.invoke(args=[*base, accepted]).exit_code == 0, accepted
    listed = runner.invoke(args=["accounts", "oauth-client", "list"]).output
    assert listed.count("\tactive\te-CNAC\tprofile\t") == 3


def test_a_disabled_app_stops_and_can_ask_no_more(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, "yacine@example.dz")
    flow = Flow(register_app(portal_app))
    tokens = flow.tokens(browser, phone_app)
    result = portal_app.test_cli_runner().invoke(args=["accounts", "oauth-client", "disable", flow.client_id])
    assert result.output == f"disabled: {flow.client_id}\n"
    assert phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"])).status_code == 401
    assert refresh(phone_app, flow.client_id, tokens["refresh_token"]).status_code in (400, 401)
    assert browser.get(flow.authorize_path()).status_code == 400
    assert "Vous n'avez autorisé aucune application" in browser.get("/fr/my/apps").get_data(as_text=True)


def test_closing_the_account_deletes_its_tokens(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, "yacine@example.dz")
    tokens = Flow(register_app(portal_app)).tokens(browser, phone_app)
    assert browser.post("/fr/my/close", data={"password": PASSWORD}).status_code == 302
    with portal_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OAuthToken)) == 0
    assert phone_app.get("/api/v1/me", headers=bearer(tokens["access_token"])).status_code == 401
