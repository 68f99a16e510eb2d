"""What a refund does to CNAS's record and to the quarters it paid, over HTTP against the sandboxes of the funds and
of the gateway: a refund of the whole amount asks the fund to cancel each quarter (a job, retried until the fund
has recorded then cancelled it), after which the quarter is due again and paid anew; a partial refund releases
nothing; the back office says which."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts.fund_refunds import KIND as CANCEL
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DEAD, DONE, QUEUED, Job
from portal.payments import states
from tests import payment_gateway
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account
from tests.portal.payments.helpers import payments
from tests.portal.payments.office_helpers import page, refund, staff
from tests.services.cnas.quarter_payments import NADIA_PERSON, QUARTER, fund_writes, link_nadia, settings

VISA = "4111111111111111"
AGENTS_REFUND_ALONE = {"WTF_CSRF_ENABLED": False, "PAYMENT_REFUND_APPROVAL_ABOVE": 10_000_000}


@pytest.fixture
def quarters_app(make_app: AppFactory, sandbox: Sandbox, gateway: str) -> Flask:
    return make_app(**AGENTS_REFUND_ALONE, **settings(sandbox, gateway))


@pytest.fixture
def nadia(quarters_app: Flask, sandbox: Sandbox) -> FlaskClient:
    return linked_citizen(quarters_app, sandbox)


def linked_citizen(app: Flask, sandbox: Sandbox) -> FlaskClient:
    client = app.test_client()
    create_account(app, client, "nadia.rembourse@example.fr")
    link_nadia(client, sandbox)
    return client


def choices(client: FlaskClient) -> list[str]:
    answer = client.get("/fr/my/funds/cnas/contributions")
    assert answer.status_code == 200
    return re.findall(r'name="item" value="([^"]+)"', answer.get_data(as_text=True))


def pay(client: FlaskClient, quarters: list[str]) -> int:
    answer = client.post("/fr/payments/cnas/quarters-visa", data={"key": uuid.uuid4().hex, "item": quarters})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    back = urlsplit(payment_gateway.pay_on_hosted_page(str(answer.headers["Location"]), VISA))
    assert client.get(f"{back.path}?{back.query}").status_code == 200
    return payments(client.application)[-1].id


def jobs(app: Flask, kind: str) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Job.id).where(Job.kind == kind).order_by(Job.id)))


def run(app: Flask, job_ids: list[int]) -> list[str | None]:
    with app.app_context():
        for job_id in job_ids:
            ledger.retry(job_id)
        db.session.commit()
        return [ledger.run(job_id) for job_id in job_ids]


def test_a_full_refund_cancels_the_quarters_at_the_fund_which_are_then_due_again(
    quarters_app: Flask, nadia: FlaskClient, sandbox: Sandbox
) -> None:
    payment_id = pay(nadia, ["2026-Q1", "2026-Q2"])
    assert choices(nadia) == []
    agent = staff(quarters_app, "agent", "cnas")
    shown = refund(agent, payment_id, "93750")
    assert "Le remboursement est effectué" in shown
    assert shown.count("Remboursé : le système de la caisse est invité à l'annuler") == 2
    cancels = jobs(quarters_app, CANCEL)
    assert len(cancels) == 2
    assert run(quarters_app, cancels) == [QUEUED, QUEUED]  # the fund has not recorded them yet: tried again later
    failing = page(staff(quarters_app, "body_admin", "cnas"), "/fr/backoffice/jobs")  # listed for CNAS's people
    assert "Annulation d'un paiement remboursé dans le système d'une caisse" in failing
    assert run(quarters_app, [job.id for job in fund_writes(quarters_app)]) == [DONE, DONE]
    shown = page(nadia, "/fr/my/funds/cnas/contributions")  # recorded, not cancelled yet: refunded, not payable
    assert choices(nadia) == [] and shown.count("Remboursé : à nouveau dû une fois le paiement annulé") == 2
    assert run(quarters_app, cancels) == [DONE, DONE]
    assert run(quarters_app, cancels[:1]) == [DONE]  # a job run again: the fund cancels once, nothing breaks
    recorded = sorted((line["quarter"], line.get("cancelled")) for line in sandbox.payments())
    assert recorded == [("2026-Q1", True), ("2026-Q2", True)]
    assert all(line["person"] == NADIA_PERSON for line in sandbox.payments())
    assert page(agent, f"/fr/backoffice/payments/{payment_id}").count("Annulé auprès de la caisse : à nouveau dû") == 2
    assert choices(nadia) == ["2026-Q2", "2026-Q1"]  # due again: the citizen pays them anew
    again = pay(nadia, ["2026-Q1"])
    assert [(row.id, row.state, row.amount) for row in payments(quarters_app)] == [
        (payment_id, states.REFUNDED, 2 * QUARTER), (again, states.PAID, QUARTER)]  # fmt: skip


def test_a_partial_refund_releases_nothing(quarters_app: Flask, nadia: FlaskClient) -> None:
    payment_id = pay(nadia, ["2026-Q1"])
    agent = staff(quarters_app, "agent", "cnas")
    before = page(agent, f"/fr/backoffice/payments/{payment_id}")
    assert "un remboursement partiel ne libère rien" in before
    refund(agent, payment_id, "1000")
    assert jobs(quarters_app, CANCEL) == []
    assert [row.state for row in payments(quarters_app)] == [states.PAID]
    assert "2026-Q1" not in choices(nadia)
    assert "item-paid" in page(nadia, "/fr/my/funds/cnas/contributions")


def test_a_cancelling_that_failed_every_attempt_is_said_until_an_administrator_runs_it_again(
    make_app: AppFactory, sandbox: Sandbox, gateway: str
) -> None:
    app = make_app(**AGENTS_REFUND_ALONE, JOB_MAX_ATTEMPTS=1, **settings(sandbox, gateway))
    payment_id = pay(linked_citizen(app, sandbox), ["2026-Q1"])
    agent, admin = staff(app, "agent", "cnas"), staff(app, "body_admin", "cnas", email="admin.cnas@example.dz")
    refund(agent, payment_id, "46875")
    cancels = jobs(app, CANCEL)
    assert run(app, cancels) == [DEAD]  # the fund had not recorded the quarter: its one attempt failed
    given_up = "ne l'a pas annulé malgré toutes les tentatives"
    assert given_up in page(agent, f"/fr/backoffice/payments/{payment_id}")
    items = page(admin, f"/fr/backoffice/payments/{payment_id}").split('class="payment-items"')[1]
    assert given_up in items and f'href="/fr/backoffice/jobs?job={cancels[0]}"' in items  # where to act
    only = page(admin, f"/fr/backoffice/jobs?job={cancels[0]}")  # that job alone, with its button to try again
    assert only.count("Relancer maintenant") == 1 and "Toutes les tâches en échec" in only
    other = staff(app, "body_admin", "casnos", email="admin.casnos@example.dz")  # another fund's administrator
    assert "Relancer maintenant" not in page(other, f"/fr/backoffice/jobs?job={cancels[0]}")
    assert "لم يُلغِه رغم كل المحاولات" in page(agent, f"/ar/backoffice/payments/{payment_id}")
    assert run(app, [job.id for job in fund_writes(app)]) == [DONE]  # the fund answers again and records it
    assert admin.post(f"/fr/backoffice/jobs/{cancels[0]}/retry").status_code == 302
    with app.app_context():
        assert ledger.run(cancels[0]) == DONE
    shown = page(agent, f"/fr/backoffice/payments/{payment_id}")
    assert given_up not in shown and "Annulé auprès de la caisse : à nouveau dû" in shown
