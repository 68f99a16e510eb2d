"""What an app reads and writes of its citizen's data through /api/v1/me: the dossier as its owner follows it (the
body's messages in the asked language, the documents' names without their content), and an answer to a request for
information, which sends the dossier back to the body as the tracking page's answer does."""

from __future__ import annotations

from flask import Flask

from tests.portal.accounts.helpers import create_account, send_leave
from tests.portal.accounts.oauth_helpers import Flow, bearer, register_app
from tests.portal.dossiers.test_casework import agent_of, dossier_id


def test_an_app_reads_a_dossier_and_answers_the_body(portal_app: Flask) -> None:
    browser, phone_app = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, browser, "salima@example.dz")
    reference = send_leave(browser)
    token = Flow(register_app(portal_app)).tokens(browser, phone_app)["access_token"]
    agent = agent_of(portal_app, "demo")
    agent.post(f"/fr/backoffice/dossiers/{dossier_id(portal_app, reference)}/status",
               data={"status": "info_requested", "message": ""})  # fmt: skip

    listed = phone_app.get("/api/v1/me/dossiers?locale=ar", headers=bearer(token)).get_json()["items"]
    assert [(item["reference"], item["status"], item["waiting_for_applicant"]) for item in listed] == [
        (reference, "info_requested", True)
    ]
    assert "في انتظار ردكم" in listed[0]["expected"]
    dossier = phone_app.get(f"/api/v1/me/dossiers/{reference}?locale=ar", headers=bearer(token)).get_json()
    assert dossier["history"][-1]["kind"] == "status"
    assert "تحتاج المصالح المختصة إلى معلومات" in dossier["history"][-1]["message"]  # the standard message, in Arabic
    [document] = dossier["documents"]
    assert (document["filename"], document["content_type"], document["available"]) == ("c.pdf", "application/pdf",
                                                                                        True)  # fmt: skip
    assert "content" not in document and "storage_key" not in document

    empty = phone_app.post(f"/api/v1/me/dossiers/{reference}/replies", json={"message": ""}, headers=bearer(token))
    assert empty.status_code == 422
    answer = "Voici l'arrêt de travail signé."
    replied = phone_app.post(f"/api/v1/me/dossiers/{reference}/replies?locale=fr", json={"message": answer},
                             headers=bearer(token))  # fmt: skip
    assert replied.status_code == 201
    assert replied.get_json()["history"][-1]["message"] == answer
    assert replied.get_json()["waiting_for_applicant"] is False
    assert answer.replace("'", "&#39;") in browser.get(f"/fr/track/{reference}").get_data(as_text=True)
    again = phone_app.post(f"/api/v1/me/dossiers/{reference}/replies", json={"message": answer},
                           headers=bearer(token))  # fmt: skip
    assert again.status_code == 409
