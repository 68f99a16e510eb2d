"""The steps of a hosted form, on the test fund's leave form: Post/Redirect/Get (Back and reload show a step again
with its answers), every error of a step at once, an exit page instead of errors, and replacing a kept file."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.dossiers.forms import steps_of
from portal.dossiers.models import Dossier, FormDraft, PendingUpload
from portal.extensions import db
from portal.registry.hosted_form import HostedForm
from tests.bodies.fund import LEAVE_FORM
from tests.portal.dossiers.helpers import pdf_bytes

WHO = {"worker_name": "Amina Belkacem", "kind": "sick"}
WHEN = {"start": "2026-01-10", "days": "12"}


def apply_url(locale: str = "fr") -> str:
    return f"/{locale}/services/demo-leave/apply"


def start(client: FlaskClient, locale: str = "fr") -> tuple[str, str, str]:
    """Open the form as a browser does: the address of its first step, where its steps post, and its key."""
    opened = client.get(apply_url(locale), follow_steps=False)
    assert opened.status_code == 302
    first = opened.headers["Location"]
    page = client.get(first).get_data(as_text=True)
    action = re.search(r'action="([^"]+)" id="apply-form"', page)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert action is not None and key is not None
    return first, action.group(1), key.group(1)


def test_each_step_posts_then_redirects_to_the_next_steps_own_address(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    first, action, key = start(client)
    assert re.search(r"/fr/services/demo-leave/apply/[0-9a-f]{32}/0$", first)
    sent = client.post(action, data={"key": key, "step": "0", **WHO}, follow_steps=False)
    assert sent.status_code == 303 and sent.headers["Location"] == first[:-1] + "1"
    second = client.get(sent.headers["Location"])
    reloaded = client.get(sent.headers["Location"])  # a reload reads the draft again; nothing is sent
    assert second.status_code == reloaded.status_code == 200
    assert "Étape 2 sur 3 : La durée" in reloaded.get_data(as_text=True)
    back = client.get(first).get_data(as_text=True)  # the browser's Back: the first step with its answers
    assert "Étape 1 sur 3 : Le travailleur" in back and 'value="Amina Belkacem"' in back
    assert re.search(r'value="sick" checked', back)
    assert '<a class="back-link" href="/fr/services/demo-leave">Retour</a>' in back
    assert 'class="back-link" type="submit" form="apply-form" name="action" value="back">Retour<' in (
        reloaded.get_data(as_text=True)
    )
    with hosted_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_the_back_link_keeps_what_was_typed_on_the_step(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    _first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO})
    back = client.post(action, data={"key": key, "step": "1", **WHO, "days": "7", "action": "back"},
                       follow_steps=False)  # fmt: skip
    assert back.status_code == 303 and back.headers["Location"].endswith("/0")
    again = client.get(back.headers["Location"][:-1] + "1").get_data(as_text=True)
    assert 'value="7"' in again


def test_two_tabs_keep_two_forms_and_another_browser_reads_neither(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO})
    other_first, _other_action, _ = start(client)  # a second tab
    assert other_first != first
    assert "Amina" not in client.get(other_first).get_data(as_text=True)
    assert "Amina" in client.get(first).get_data(as_text=True)
    stranger = hosted_app.test_client().get(first, follow_steps=False)
    assert stranger.status_code == 302 and stranger.headers["Location"].endswith("/fr/services/demo-leave/apply")


def test_a_step_not_reached_yet_is_not_shown(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    first, _action, _key = start(client)
    ahead = client.get(first[:-1] + "2", follow_steps=False)
    assert ahead.status_code == 302 and ahead.headers["Location"] == first


def test_every_error_of_a_step_shows_at_once(hosted_app: Flask) -> None:
    """A malformed date and a cross-field rule broken by the well-formed answers: both, in one go."""
    client = hosted_app.test_client()
    _first, action, key = start(client)
    client.post(action, data={"key": key, "step": "0", **WHO})
    page = client.post(action, data={"key": key, "step": "1", **WHO, "start": "2026-13-45", "days": "40"})
    text = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Un congé maladie ne dépasse pas 30 jours ici." in text
    assert "Étape 2 sur 3" in text and text.count('class="invalid-feedback d-block"') == 2


def test_an_ineligible_answer_leads_to_an_exit_page_in_french_and_in_arabic(hosted_app: Flask) -> None:
    for locale, expected in {
        "fr": ("<h1>Ce service n&#39;est pas fait pour les longs congés</h1>",
               "La durée demandée dépasse la durée du congé fixée par la loi.", "Durée du congé d&#39;essai",
               "150 jours", "Loi d&#39;essai n° 25-08.", "Contactez la Caisse d&#39;essai",
               'href="https://demo.example.dz">Site de la Caisse d&#39;essai</a>', "Modifier mes réponses"),
        "ar": ("<h1>هذه الخدمة ليست للعطل الطويلة</h1>", "تتجاوز المدة المطلوبة مدة العطلة التي يحددها القانون.",
               "مدة العطلة التجريبية", "القانون التجريبي رقم 25-08.", "اتصلوا بالصندوق التجريبي",
               "موقع الصندوق التجريبي", "تعديل إجاباتي", "ما يمكنكم القيام به"),
    }.items():  # fmt: skip
        client = hosted_app.test_client()
        _first, action, key = start(client, locale)
        client.post(action, data={"key": key, "step": "0", **WHO, "kind": "ordinary"})
        sent = client.post(action, data={"key": key, "step": "1", **WHO, "kind": "ordinary", "start": "2026-01-10",
                                         "days": "200"}, follow_steps=False)  # fmt: skip
        assert sent.status_code == 303 and sent.headers["Location"].endswith("/exit")
        page = client.get(sent.headers["Location"])
        text = page.get_data(as_text=True)
        assert page.status_code == 200
        for part in expected:
            assert part in text, (locale, part)
        assert "Merci de corriger" not in text and "يرجى تصحيح" not in text
        changed = client.get(sent.headers["Location"][: -len("exit")] + "1").get_data(as_text=True)
        assert 'value="200"' in changed  # the way back: the answers are all there, to be changed


def test_a_kept_file_is_replaced_by_the_file_chosen_again(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    _first, action, key = start(client)
    answers = {"key": key, **WHO, **WHEN}
    client.post(action, data={**answers, "step": "0"})
    client.post(action, data={**answers, "step": "1"})
    first = client.post(action, data={**answers, "step": "2", "action": "submit",
                                      "document-certificate": (io.BytesIO(pdf_bytes("one")), "premier.pdf")},
                        content_type="multipart/form-data")  # fmt: skip
    page = first.get_data(as_text=True)
    assert first.status_code == 422 and "premier.pdf" in page  # the name is missing; the file is kept
    assert "Remplacer ce fichier" in page and "Choisissez un autre fichier : il remplace « premier.pdf »." in page
    assert "Formats acceptés : PDF ;" in page  # what the section accepts
    [token] = re.findall(r'name="upload" value="([0-9a-f]+)"', page)
    second = client.post(action, data={**answers, "step": "2", "action": "submit", "upload": token,
                                       "document-certificate": (io.BytesIO(pdf_bytes("two")), "second.pdf")},
                         content_type="multipart/form-data")  # fmt: skip
    text = second.get_data(as_text=True)
    assert "second.pdf" in text and "premier.pdf" not in text and "au plus 1" not in text
    [new_token] = re.findall(r'name="upload" value="([0-9a-f]+)"', text)
    done = client.post(action, data={**answers, "step": "2", "action": "submit", "upload": new_token,
                                     "applicant_name": "Amina Belkacem"}, follow_steps=False)  # fmt: skip
    assert done.status_code == 302 and "/receipt" in done.headers["Location"]
    with hosted_app.app_context():
        [document] = db.session.scalars(select(Dossier)).one().documents
        assert document.filename == "second.pdf"
        assert db.session.scalar(select(func.count()).select_from(PendingUpload)) == 0
        assert db.session.scalar(select(FormDraft.problem)) == "sent"
    back = client.get(action + "/2", follow_steps=False)  # Back after sending: the receipt, not a new form
    assert back.status_code == 302 and "/receipt" in back.headers["Location"]


def test_the_last_step_of_a_form_without_documents_does_not_announce_any(hosted_app: Flask) -> None:
    bare = HostedForm(schema=LEAVE_FORM.schema, steps=LEAVE_FORM.steps)  # the test fund's leave form, no documents
    with hosted_app.app_context():
        assert [step.titles["fr"] for step in steps_of(LEAVE_FORM)][-1] == "Pièces, coordonnées et envoi"
        assert [step.titles["fr"] for step in steps_of(bare)][-1] == "Coordonnées et envoi"
        assert steps_of(bare)[-1].titles["ar"] == "الاتصال والتأكيد"
