"""Attacks on the drafts of hosted forms: a draft's token opened under another service, a browser (or an address)
piling drafts up on the server, the pages of a list taken from the query string, and a draft kept past its day."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select, update

from portal.database import utcnow
from portal.dossiers import drafts
from portal.dossiers.models import Dossier, FormDraft
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.dossiers.test_steps import WHO, start

REPORT = "/fr/services/labour-inspection-report/apply"


def _drafts(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(FormDraft)) or 0)


def test_a_drafts_token_under_another_services_address_starts_a_new_application(hosted_app: Flask) -> None:
    """The token is the leave form's: posted or opened under the report's address, it is not that form's draft
    (it used to break the unique token with a server error, after the dossier was made on the last step)."""
    client = hosted_app.test_client()
    _first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO})
    token = action.rsplit("/", 1)[1]
    for response in (client.post(f"{REPORT}/{token}", data={"key": key, "step": "0"}, follow_steps=False),
                     client.get(f"{REPORT}/{token}/0", follow_steps=False),
                     client.get(f"{REPORT}/{token}/exit", follow_steps=False)):  # fmt: skip
        assert response.status_code == 302 and response.headers["Location"].endswith(REPORT)
    assert "Amina Belkacem" in client.get(action + "/0").get_data(as_text=True)  # the leave draft is intact
    with hosted_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0
        assert db.session.scalars(select(FormDraft.token)).all() == [token]


def test_a_browser_keeps_no_more_drafts_on_the_server_than_it_remembers(hosted_app: Flask) -> None:
    """Each new application posted at once used to leave a draft behind, however many: 30 posts of 400 kB
    kept 12 MB. The drafts a browser no longer remembers are deleted."""
    client = hosted_app.test_client()
    big = {"step": "0", "worker_name": "A" * 400_000, "kind": "sick"}
    for _ in range(drafts.REMEMBERED + 20):
        client.post("/fr/services/demo-leave/apply", data=big, follow_steps=False)
    assert _drafts(hosted_app) == drafts.REMEMBERED


def test_an_address_starts_a_bounded_number_of_drafts(make_app: AppFactory, tmp_path: Path) -> None:
    """New browsers (no cookie) from one address: past the quota, no new draft, a 429 page that says why."""
    app = make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "up"), DRAFT_QUOTA="3 per hour")
    answers: dict[str, Any] = {"step": "0", **WHO}
    statuses = [app.test_client().post("/fr/services/demo-leave/apply", data=answers, follow_steps=False).status_code
                for _ in range(5)]  # fmt: skip
    assert statuses == [303, 303, 303, 429, 429]
    assert _drafts(app) == 3
    refused = app.test_client().get("/fr/services/demo-leave/apply", follow_steps=False)
    assert refused.status_code == 429
    assert "Vous avez envoyé trop de requêtes. Veuillez patienter un instant" in refused.get_data(as_text=True)
    assert app.test_client().get("/fr/services/demo-leave").status_code == 200  # the rest of the site is open


def test_only_a_lists_own_page_reaches_the_steps_address(hosted_app: Flask) -> None:
    """The query string used to be copied into the redirect: any name ending in ``-page``, any value."""
    client = hosted_app.test_client()
    _first, action, key = _report_start(client)
    junk = "&".join(f"a{index}-page=1" for index in range(50))
    sent = client.post(f"{action}?facts-page=2&x-page={'9' * 500}&{junk}",
                       data={"key": key, "step": "0", "category": "suggestion"}, follow_steps=False)  # fmt: skip
    assert sent.status_code == 303
    assert sent.headers["Location"].endswith("/0?facts-page=2")
    huge = client.post(f"{action}?facts-page={'9' * 500}", data={"key": key, "step": "0"}, follow_steps=False)
    assert huge.headers["Location"].endswith("/0")


def _report_start(client: Any) -> tuple[str, str, str]:
    import re

    opened = client.get(REPORT, follow_steps=False)
    page = client.get(opened.headers["Location"]).get_data(as_text=True)
    action = re.search(r'action="([^"]+)" id="apply-form"', page)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert action is not None and key is not None
    return opened.headers["Location"], action.group(1), key.group(1)


def test_a_draft_older_than_a_day_is_not_shown_and_the_purge_removes_it(hosted_app: Flask) -> None:
    """The answers (a national ID number) are kept for a day, as said: after that the draft is not read back,
    whether or not anyone saved another draft since, and ``flask dossiers purge-uploads`` deletes it."""
    client = hosted_app.test_client()
    first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO, "social_security_number": "150012345678"})
    with hosted_app.app_context():
        db.session.execute(update(FormDraft).values(updated_at=utcnow() - drafts.LIFETIME - timedelta(minutes=1)))
        db.session.commit()
    page = client.get(first).get_data(as_text=True)
    assert "Amina Belkacem" not in page and "150012345678" not in page
    result = hosted_app.test_cli_runner().invoke(args=["dossiers", "purge-uploads"])
    assert result.exit_code == 0, result.output
    assert _drafts(hosted_app) == 0


def test_a_date_of_year_zero_is_an_error_on_its_step_through_the_pages_and_the_api(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    _first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO})
    page = client.post(action, data={"key": key, "step": "1", **WHO, "start-day": "1", "start-month": "1",
                                     "start-year": "0000", "days": "5"})  # fmt: skip
    assert page.status_code == 422
    assert "Entrez une date réelle pour la date de début, par exemple 27 3 2007." in page.get_data(as_text=True)
    api = client.post("/api/v1/services/demo-leave/dossiers", headers={"Idempotency-Key": "year-zero-application-0001"},
                      json={"locale": "fr", "answers": {**WHO, "start": "0000-01-01", "days": 5},
                            "contact": {"applicant_name": "Amina Belkacem"}})  # fmt: skip
    assert api.status_code == 422
    assert api.get_json()["errors"]["start"] == ["Entrez une date réelle pour la date de début, par exemple 27 3 2007."]


def test_a_first_step_sent_twice_at_once_is_one_draft_not_a_server_error(hosted_app: Flask) -> None:
    """A double click on the first step: both requests found no draft and both inserted one, and the second
    broke the unique token (a 500 in about one try in five). Timing-dependent: twenty double clicks."""
    hosted_app.config["PROPAGATE_EXCEPTIONS"] = False  # a server error is a 500 here, as a browser sees it
    statuses: list[int] = []
    for _ in range(20):
        client = hosted_app.test_client()
        _first, action, key = start(client)
        cookie = client.get_cookie("session")
        assert cookie is not None
        together = threading.Barrier(3)

        def click(
            cookie_value: str = cookie.value,
            action: str = action,
            key: str = key,
            together: threading.Barrier = together,
        ) -> None:
            browser = hosted_app.test_client()
            browser.set_cookie("session", cookie_value)
            together.wait()
            sent = browser.post(action, data={"key": key, "step": "0", **WHO}, follow_steps=False)
            statuses.append(sent.status_code)

        clicks = [threading.Thread(target=click) for _ in range(3)]
        for each in clicks:
            each.start()
        for each in clicks:
            each.join()
    assert statuses == [303] * 60
    assert _drafts(hosted_app) == 20


def test_the_applicants_pages_are_kept_by_no_cache(hosted_app: Flask) -> None:
    """A step shows the answers (a social security number), the receipt the private tracking code: on a shared
    computer (a cybercafé), a copy in the browser's cache outlives the session. They had no Cache-Control."""
    client = hosted_app.test_client()
    first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO, "social_security_number": "150012345678"})
    step = client.get(first)
    assert 'value="150012345678"' in step.get_data(as_text=True)
    exit_page = client.post(action, data={"key": key, "step": "1", **WHO, "kind": "ordinary", "start": "2026-01-10",
                                          "days": "200"}, follow_steps=False)  # fmt: skip
    pages = {"step": step, "exit": client.get(exit_page.headers["Location"]), "track": client.get("/fr/track")}
    assert {name: page.headers.get("Cache-Control") for name, page in pages.items()} == dict.fromkeys(
        pages, "private, no-store"
    )
