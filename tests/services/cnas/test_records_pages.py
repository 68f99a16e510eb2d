"""CNAS's records in my space, with the bundled CNAS against the sandbox's CNAS: a member abroad links with the code
CNAS sent to her French number, reads her affiliation and her quarters paid and due; a payment recorded by the job
marks its quarter paid."""

from __future__ import annotations

import uuid

from portal.connectors import writes
from portal.extensions import db
from portal.jobs import ledger
from portal.jobs.models import DONE
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.portal.accounts.helpers import create_account

NADIA = {"nss": "850909044556", "birth_date-day": "9", "birth_date-month": "9", "birth_date-year": "1985"}


def _text(page: str) -> str:
    return page.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_member_abroad_reads_her_affiliation_and_quarters(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url)
    client = app.test_client()
    create_account(app, client, "nadia@example.fr")
    client.post("/fr/my/funds/cnas/link", data=NADIA)
    client.post("/fr/my/funds/cnas/code", data={"code": funds_sandbox.last_code("+33612345678")})
    affiliation = client.get("/fr/my/funds/cnas/affiliation").get_data(as_text=True)
    assert "Affiliation volontaire à l’étranger" in affiliation and "1er janvier 2024" in affiliation
    quarters = _text(client.get("/ar/my/funds/cnas/contributions").get_data(as_text=True))
    assert "اشتراكاتي حسب الثلاثي" in quarters and "المبلغ المتبقي المستحق:" in quarters
    due_before = quarters.count("<strong>المستحق</strong>")
    with app.app_context():
        from sqlalchemy import select

        from portal.accounts.models import Account

        account_id = db.session.scalar(select(Account.id).where(Account.identifier == "nadia@example.fr"))
        assert account_id is not None
        payment = {"quarter": "2026-Q2", "amount": 46875.0, "paid_at": "2026-06-01T09:00:00+02:00",
                   "receipt": f"BDL-{uuid.uuid4().hex[:8]}"}  # fmt: skip
        job = writes.ask(account_id, "cnas", "record_payment", payment, uuid.uuid4().hex)
        db.session.commit()
        assert ledger.run(job.id) == DONE
    after = _text(client.get("/ar/my/funds/cnas/contributions").get_data(as_text=True))
    assert after.count("<strong>المستحق</strong>") == due_before - 1
