"""Report a missing period from CNR's career page: the gap of 1995-1997 starts CNR's report with its dates (and the
NSS of the profile) written in; the worker adds the employer and sends it; the dossier is CNR's, the account's, with
the period. A gap that is not in the record is not found."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import delete, select

from portal.accounts import profile
from portal.accounts.models import Account
from portal.catalogue.models import Body
from portal.connectors.models import FundAnswer
from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.cnr.test_career_page import _linked_client

REPORT = "/fr/my/funds/cnr/career/gaps/0/report"


def _with_nss(app: Flask) -> None:
    with app.app_context():
        account = db.session.scalars(select(Account).where(Account.identifier == "karim@example.dz")).one()
        profile.record(account, "nss", "651102004417")
        db.session.commit()


def test_a_gap_reported_to_cnr_with_its_dates(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = _linked_client(app, funds_sandbox)
    _with_nss(app)
    career = client.get("/fr/my/funds/cnr/career").get_data(as_text=True)
    assert "Signaler cette période manquante à Caisse nationale des retraites" in career
    started = client.post(REPORT, follow_steps=False)
    step = started.headers["Location"]
    assert re.fullmatch(r"/fr/services/report-missing-period/apply/[0-9a-f]{32}/0", step)
    page = client.get(step).get_data(as_text=True)
    for name, value in (("period_start-day", "01"), ("period_start-month", "07"), ("period_start-year", "1995"),
                        ("period_end-day", "28"), ("period_end-month", "02"), ("period_end-year", "1997"),
                        ("social_security_number", "651102004417")):  # fmt: skip
        assert re.search(rf'name="{name}"[^>]*value="{value}"', page), name
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page).group(1)  # type: ignore[union-attr]
    draft = step.rsplit("/", 1)[0]
    answers = {"social_security_number": "651102004417", "period_start-day": "1", "period_start-month": "7",
               "period_start-year": "1995", "period_end-day": "28", "period_end-month": "2",
               "period_end-year": "1997", "employer_name": "Entreprise des travaux du Sahel"}  # fmt: skip
    client.post(draft, data={"key": key, "step": "0", "action": "next", **answers})
    client.post(draft, data={"key": key, "step": "1", "action": "submit", "applicant_name": "Karim Haddad",
                             "applicant_email": "karim@example.dz", **answers})  # fmt: skip
    with app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert dossier.answers["period_start"] == "1995-07-01" and dossier.answers["period_end"] == "1997-02-28"
        assert dossier.answers["employer_name"] == "Entreprise des travaux du Sahel"
        assert db.session.get(Body, dossier.body_id).code == "cnr"  # type: ignore[union-attr]
        assert dossier.account_id is not None


def test_only_the_gaps_of_the_record(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = _linked_client(app, funds_sandbox)
    assert client.post("/fr/my/funds/cnr/career/gaps/1/report").status_code == 404
    assert app.test_client().post(REPORT).status_code == 302  # signed out: to sign in


def test_a_gap_report_while_cnr_does_not_answer_and_nothing_was_kept(
    make_app: AppFactory, funds_sandbox: Sandbox
) -> None:
    """No answer and no record kept from an earlier reading: the career page again, saying so, and no draft."""
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = _linked_client(app, funds_sandbox)
    with app.app_context():
        db.session.execute(delete(FundAnswer))
        db.session.commit()
    funds_sandbox.fault("cnr", "error")
    answer = client.post(REPORT, follow_steps=False)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/fr/my/funds/cnr/career")
    page = client.get("/fr/my/funds/cnr/career").get_data(as_text=True)
    assert "Caisse nationale des retraites ne répond pas pour le moment. Rien n’est perdu" in page
    with app.app_context():
        assert db.session.scalars(select(Dossier)).first() is None
