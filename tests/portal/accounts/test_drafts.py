"""Drafts of a signed-in citizen: saved at each step against the account, listed in my space, resumed from
another device, deleted by their owner; another account can neither see, resume nor delete them; a browser
without an account keeps today's drafts."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.dossiers import drafts
from portal.dossiers.models import Dossier, FormDraft, PendingUpload
from portal.extensions import db
from tests.portal.accounts.helpers import CONTACT, create_account, sign_in
from tests.portal.dossiers.helpers import pdf_bytes
from tests.portal.dossiers.test_steps import WHEN, WHO, start

ME, OTHER = "salima@example.dz", "karim@example.dz"


def _signed_in(app: Flask, identifier: str) -> FlaskClient:
    client = app.test_client()
    create_account(app, client, identifier)
    return client


def start_a_draft(client: FlaskClient) -> str:
    """The leave form's first step sent; the address of its second step."""
    _first, action, key = start(client)
    sent = client.post(action, data={"key": key, "step": "0", **WHO}, follow_steps=False)
    assert sent.status_code == 303
    return str(sent.headers["Location"])


def draft_ids(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(FormDraft.id).where(FormDraft.account_id.is_not(None))))


def test_a_draft_saved_on_one_device_is_resumed_on_another_and_sent(hosted_app: Flask) -> None:
    phone = _signed_in(hosted_app, ME)
    start_a_draft(phone)
    laptop = hosted_app.test_client()
    sign_in(laptop, ME)
    space = laptop.get("/fr/my/").get_data(as_text=True)
    assert "Mes brouillons" in space and "Congé d&#39;essai" in space
    assert "supprimé 30 jours après sa dernière modification" in space
    [draft_id] = draft_ids(hosted_app)
    resumed = laptop.get(f"/fr/my/drafts/{draft_id}", follow_steps=False)
    assert resumed.status_code == 302 and resumed.headers["Location"].endswith("/1")
    page = laptop.get(resumed.headers["Location"]).get_data(as_text=True)
    assert "Étape 2 sur 3" in page
    action = re.search(r'action="([^"]+)" id="apply-form"', page)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert action and key
    laptop.post(action.group(1), data={"key": key.group(1), "step": "1", **WHO, **WHEN})
    sent = laptop.post(action.group(1), data={
        "key": key.group(1), "step": "2", "action": "submit", **WHO, **WHEN, **CONTACT,
        "document-certificate": [(io.BytesIO(pdf_bytes()), "c.pdf")]}, content_type="multipart/form-data",
        follow_steps=False)  # fmt: skip
    assert sent.status_code == 302 and "/receipt" in sent.headers["Location"]
    space = phone.get("/fr/my/").get_data(as_text=True)
    assert "Aucun brouillon." in space  # sent: a dossier now, not a draft
    with hosted_app.app_context():
        assert str(db.session.scalar(select(Dossier.reference))) in space


def test_another_account_cannot_see_resume_or_delete_a_draft(hosted_app: Flask) -> None:
    mine = _signed_in(hosted_app, ME)
    second_step = start_a_draft(mine)
    [draft_id] = draft_ids(hosted_app)
    other = _signed_in(hosted_app, OTHER)
    assert "Congé d&#39;essai" not in other.get("/fr/my/").get_data(as_text=True)
    assert other.get(f"/fr/my/drafts/{draft_id}").status_code == 404
    assert other.post(f"/fr/my/drafts/{draft_id}/delete").status_code == 404
    stolen = other.get(second_step, follow_steps=False)  # the draft's own address, copied
    assert stolen.status_code == 302 and stolen.headers["Location"].endswith("/services/demo-leave/apply")
    assert "Amina Belkacem" not in other.get(second_step[:-1] + "0").get_data(as_text=True)
    assert draft_ids(hosted_app) == [draft_id]
    anonymous = hosted_app.test_client()
    assert anonymous.get(f"/fr/my/drafts/{draft_id}", follow_steps=False).status_code == 302  # to sign in


def test_a_draft_of_an_account_is_not_the_browsers_after_sign_out(hosted_app: Flask) -> None:
    client = _signed_in(hosted_app, ME)
    second_step = start_a_draft(client)
    client.post("/fr/account/sign-out")
    assert client.get(second_step, follow_steps=False).status_code == 302  # the shared computer shows nothing


def test_the_owner_deletes_a_draft_with_its_files(hosted_app: Flask) -> None:
    client = _signed_in(hosted_app, ME)
    second_step = start_a_draft(client)
    page = client.get(second_step).get_data(as_text=True)
    action = re.search(r'action="([^"]+)" id="apply-form"', page)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert action and key
    client.post(action.group(1), data={"key": key.group(1), "step": "1", **WHO, **WHEN})
    client.post(action.group(1), data={"key": key.group(1), "step": "2", **WHO, **WHEN,
                                       "document-certificate": [(io.BytesIO(pdf_bytes()), "c.pdf")]},
                content_type="multipart/form-data")  # fmt: skip
    with hosted_app.app_context():
        [upload] = db.session.scalars(select(PendingUpload)).all()
        assert upload.account_id is not None
    [draft_id] = draft_ids(hosted_app)
    deleted = client.post(f"/fr/my/drafts/{draft_id}/delete")
    assert deleted.status_code == 302
    assert "Le brouillon a été supprimé" in client.get("/fr/my/").get_data(as_text=True)
    assert draft_ids(hosted_app) == []
    with hosted_app.app_context():
        assert db.session.scalars(select(PendingUpload)).all() == []


def test_a_browser_without_an_account_keeps_its_draft_to_itself(hosted_app: Flask) -> None:
    start_a_draft(hosted_app.test_client())
    with hosted_app.app_context():
        assert db.session.scalars(select(FormDraft.account_id)).all() == [None]


def test_an_accounts_draft_outlives_the_browsers_forgetting(hosted_app: Flask) -> None:
    """A browser remembers so many drafts and deletes the one it forgets; an account's draft is not its to delete."""
    client = _signed_in(hosted_app, ME)
    start_a_draft(client)
    client.post("/fr/account/sign-out")
    for _ in range(drafts.REMEMBERED + 1):
        client.get("/fr/services/demo-leave/apply", follow_steps=False)
    assert len(draft_ids(hosted_app)) == 1
