"""Review and publication as the editors and the publisher read them: labels and language names in the page's
language, completeness that means "publishable", a sent-back draft flagged, the checklist before the button, and
a level of service that matches what the service offers."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.portal.backoffice.helpers import editor_form, service_id, token
from tests.portal.catalogue.test_workflow import signed_in

LEGAL_AR = {"ar-legal_basis": "القرار التجريبي رقم 12 المتعلق بالتصريحات السنوية."}


def home_row(client: FlaskClient, locale: str, sid: int) -> str:
    page = client.get(f"/{locale}/backoffice/").get_data(as_text=True)
    start = page.index(f'href="/{locale}/backoffice/services/{sid}"')
    return page[start : page.index("</tr>", start)]


def language_cells(row: str) -> list[str]:
    return re.findall(r"<td>([^<]*)</td>", row)[-2:]  # the last two cells: Arabic, French


def sent_for_review(app: Flask, **changes: str) -> tuple[FlaskClient, FlaskClient, str]:
    editor, publisher = signed_in(app, "editor"), signed_in(app, "publisher")
    path = f"/fr/backoffice/services/{service_id(app, 'employer-declaration')}"
    assert editor.post(path, data=editor_form(editor, path, **changes)).status_code == 302
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})
    return editor, publisher, path


def test_the_editors_home_calls_a_language_complete_only_when_it_could_be_published(app: Flask) -> None:
    editor = signed_in(app, "editor")
    sid = service_id(app, "employer-declaration")  # its Arabic legal basis is missing
    assert language_cells(home_row(editor, "fr", sid)) == ["incomplet", "complet"]
    path = f"/fr/backoffice/services/{sid}"
    editor.post(path, data=editor_form(editor, path, **LEGAL_AR, **{"fr-legal_basis": ""}))
    assert language_cells(home_row(editor, "fr", sid)) == ["complet", "incomplet"]
    headers = editor.get("/ar/backoffice/").get_data(as_text=True)
    assert '<th scope="col">العربية</th><th scope="col">الفرنسية</th>' in headers  # names in the reader's language


def test_a_draft_sent_back_is_flagged_on_the_editors_home_with_the_comment(app: Flask) -> None:
    editor, publisher, path = sent_for_review(app)
    sid = service_id(app, "employer-declaration")
    assert "أعادها المصادِق" not in home_row(editor, "ar", sid)
    publisher.post(f"{path}/send-back", data={"csrf_token": token(publisher, path), "comment": "أضيفوا السند."})
    row = home_row(editor, "ar", sid)
    assert "أعادها المصادِق" in row
    assert "أضيفوا السند." in row
    editor.post(f"{path}/submit", data={"csrf_token": token(editor, path)})  # sent for review again
    assert "أعادها المصادِق" not in home_row(editor, "ar", sid)


def test_the_publisher_sees_the_checklist_before_pressing_publish(app: Flask) -> None:
    _editor, publisher, path = sent_for_review(app)
    page = publisher.get(path.replace("/fr/", "/ar/")).get_data(as_text=True)
    checklist = page.index("قائمة التحقق قبل النشر")
    missing = page.index("السند القانوني غير موجود باللغة العربية.")
    assert checklist < missing < page.index(">نشر</button>")
    assert "Français" not in page[checklist : page.index(">نشر</button>")]


def test_a_complete_draft_shows_every_check_passed_before_publishing(app: Flask) -> None:
    _editor, publisher, path = sent_for_review(app, **LEGAL_AR)
    page = publisher.get(path).get_data(as_text=True)
    assert "Tous les contrôles sont satisfaits" in page
    assert page.index("Tous les contrôles sont satisfaits") < page.index(">Publier</button>")


def test_level_4_with_payment_elsewhere_is_refused_publication(app: Flask) -> None:
    too_high = "Le niveau de service est trop élevé : le paiement ne se fait pas en ligne"
    _editor, publisher, path = sent_for_review(app, **LEGAL_AR, payment="elsewhere", maturity="4")
    assert too_high in publisher.get(path).get_data(as_text=True).replace("&#39;", "'")
    refused = publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}, follow_redirects=True)
    assert too_high in refused.get_data(as_text=True).replace("&#39;", "'")
    assert "Le service a été publié." not in refused.get_data(as_text=True)


def test_level_4_paid_online_is_published(app: Flask) -> None:
    _editor, publisher, path = sent_for_review(app, **LEGAL_AR, payment="online", maturity="4")
    done = publisher.post(f"{path}/publish", data={"csrf_token": token(publisher, path)}, follow_redirects=True)
    assert "Le niveau de service est trop élevé" not in done.get_data(as_text=True)
    assert "Tous les contrôles" not in done.get_data(as_text=True)  # published: no draft, no checklist


def test_the_revision_history_reads_in_arabic(app: Flask) -> None:
    editor, publisher, path = sent_for_review(app, **{"fr-title": "Télédéclaration des salaires"})
    publisher.post(f"{path}/send-back", data={"csrf_token": token(publisher, path), "comment": ""})
    editor.post(path, data=editor_form(editor, path, **{"fr-title": "Déclaration annuelle des salaires"}))
    page = editor.get(f"{path.replace('/fr/', '/ar/')}/history?a=3&b=4").get_data(as_text=True)
    for label in ("<td>حفظ</td>", "<td>إرسال للمراجعة</td>", "<td>إعادة إلى المحررين</td>"):
        assert label in page
    for code in ("<td>saved</td>", "<td>submitted</td>", "<td>sent_back</td>"):
        assert code not in page
    assert "<td>العنوان (الفرنسية)</td>" in page
