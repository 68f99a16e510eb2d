"""The back office's pages on a phone (390 x 844): the audit log and the editors' home read in Arabic, the failed
jobs, the outbox and a dossier in both languages, without sideways scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from portal.catalogue.models import Body
from portal.dossiers.models import OutboxMessage
from portal.extensions import db
from portal.jobs.models import Job
from tests.browser.conftest import axe_violations, serve
from tests.browser.test_backoffice import sign_in
from tests.browser.test_dashboard import PHONE, SIDEWAYS
from tests.conftest import AppFactory
from tests.portal.backoffice.helpers import create_user
from tests.portal.dossiers.helpers import create_dossier

pytestmark = pytest.mark.browser


@pytest.fixture
def office_app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def office_server(office_app: Flask) -> Iterator[str]:
    yield from serve(office_app)


def test_the_audit_log_and_the_editors_home_in_arabic_on_a_phone(
    browser: Browser, office_app: Flask, office_server: str
) -> None:
    admin = create_user(office_app, "ministry_admin", "mintest")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    sign_in(page, office_server, admin.email, admin.totp_secret)
    page.goto(f"{office_server}/ar/backoffice/audit")
    expect(page.get_by_role("cell", name="تسجيل الدخول", exact=True).first).to_be_visible()
    assert page.get_by_role("cell", name="sign_in").count() == 0
    assert page.evaluate(SIDEWAYS) <= 0
    assert axe_violations(page) == []
    page.goto(f"{office_server}/ar/backoffice/")
    expect(page.get_by_role("columnheader", name="الفرنسية")).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    assert axe_violations(page) == []
    context.close()


def test_the_failed_jobs_the_outbox_and_a_dossier_fit_a_phone_in_both_languages(
    browser: Browser, office_app: Flask, office_server: str
) -> None:
    admin = create_user(office_app, "body_admin", "mintest")
    dossier_id, _document_id = create_dossier(office_app, "labour-inspection-report")
    with office_app.app_context():
        body_id = db.session.scalar(select(Body.id).where(Body.code == "mintest"))
        error = "ConnectionRefusedError: [Errno 111] Connection refused by the mail server of the test fund"
        db.session.add_all([
            Job(kind="email", key="email:phone-1", payload={}, body_id=body_id, state="dead", attempts=12,
                last_error=error),
            Job(kind="email", key="email:phone-2", payload={}, body_id=body_id, state="queued", attempts=3,
                last_error=error),
            OutboxMessage(dossier_id=dossier_id, body_id=body_id, recipient="a.very.long.address@example.dz",
                          subject="Votre demande MINTEST-2026-000001-X a été reçue", text="…", locale="fr"),
        ])  # fmt: skip
        db.session.commit()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    sign_in(page, office_server, admin.email, admin.totp_secret)
    for path in ("jobs", "outbox", f"dossiers/{dossier_id}"):
        for language in ("ar", "fr"):
            page.goto(f"{office_server}/{language}/backoffice/{path}")
            assert page.evaluate(SIDEWAYS) <= 0, f"/{language}/backoffice/{path} scrolls sideways"
            assert axe_violations(page) == [], f"/{language}/backoffice/{path}"
    context.close()
