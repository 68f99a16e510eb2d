"""Every service gives the citizen something to do: a platform or an app named without its address is no way in.
Its page says that the address is not published and points to the body's website and contact; the publication
checklist refuses a service whose channels are all of that kind."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask

from portal.catalogue.models import Service
from portal.extensions import db
from tests.portal.backoffice.helpers import editor_form, service_id, token
from tests.portal.catalogue.test_workflow import public_title, signed_in

NOT_PUBLISHED = {
    "fr": "L'adresse de cette application n'est pas publiée. Renseignez-vous auprès de l'organisme (DEMO), sur "
    "son site web ou par les moyens de contact indiqués sur cette page :",
    "ar": "عنوان هذا التطبيق غير منشور. استفسروا لدى الهيئة (DEMO) عبر موقعها الإلكتروني أو بوسائل الاتصال المبيّنة "
    "في هذه الصفحة:",
}
REFUSED = (
    "Aucun canal choisi ne permet aux citoyens d'utiliser le service : une plateforme ou une application n'est "
    "utilisable qu'avec son adresse. Choisissez au moins un canal qui a une adresse, un guichet ou ce portail."
)
LEGAL = {"ar-legal_basis": "نص تجريبي.", "fr-legal_basis": "Texte d'essai."}


def use_box(page: str) -> str:
    found = re.search(r'<section class="use-box".*?</section>', page, re.S)
    assert found is not None, "no 'where to use this service' box"
    return found.group(0)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_an_app_without_an_address_says_so_and_points_to_the_body(app: Flask, locale: str) -> None:
    box = use_box(app.test_client().get(f"/{locale}/services/life-certificate").get_data(as_text=True))
    assert NOT_PUBLISHED[locale] in text_of(box)
    assert re.search(r'<a href="https://demo.example.dz" rel="noopener" dir="ltr">demo.example.dz</a>', box)
    body = app.test_client().get(f"/{locale}/bodies/demo").get_data(as_text=True)
    assert re.search(r"(Application Tajribati|تطبيق «تجربتي») <span class=\"channel-note\">", html.unescape(body))
    assert NOT_PUBLISHED[locale].split(".")[0] in html.unescape(body)  # its first sentence, beside the app's name


def test_an_app_with_its_address_is_a_link_and_needs_no_such_note(app: Flask) -> None:
    box = use_box(app.test_client().get("/fr/services/unemployment-benefit").get_data(as_text=True))
    assert '<a class="channel-link" href="https://wassit.pilote.example.dz" rel="noopener">Plateforme Wassit</a>' in box
    assert "n'est pas publiée" not in text_of(box)


def test_publication_is_refused_while_no_channel_gives_a_way_in(app: Flask) -> None:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    sid = service_id(app, "life-certificate")
    path = f"/fr/backoffice/services/{sid}"
    form = editor_form(editor, path, **LEGAL, **{"fr-title": "Certificat de vie : nouvelle version"})
    assert form["channels"] == ["tajribati"]  # the mobile app, declared without its address
    assert editor.post(path, data=form).status_code == 302
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    refused = publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}, follow_redirects=True)
    assert REFUSED in html.unescape(refused.get_data(as_text=True))
    assert public_title(app.test_client(), "life-certificate") == "Certificat de vie à distance des retraités"

    # The agencies' counters are a way in: the body's contact says where they are.
    form = editor_form(editor, path, channels=["tajribati", "counter"])
    assert editor.post(path, data=form).status_code == 302
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    published = publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}, follow_redirects=True)
    assert REFUSED not in html.unescape(published.get_data(as_text=True))
    assert public_title(app.test_client(), "life-certificate") == "Certificat de vie : nouvelle version"
    with app.app_context():
        service = db.session.get(Service, sid)
        assert service is not None
        assert [channel.code for channel in service.channels] == ["tajribati", "counter"]
