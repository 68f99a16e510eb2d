"""A dossier of one account is never shown to another: not in its space, not on the tracking page without the code,
not added to it with the code; a dossier sent anonymously stays anonymous until someone with its code adds it."""

from __future__ import annotations

from flask import Flask

from portal.dossiers import references
from tests.portal.accounts.helpers import account_of, create_account, send_leave


def tracking_code(app: Flask, reference: str) -> str:
    with app.test_request_context():
        return references.tracking_code(reference)


def test_account_b_can_neither_see_nor_add_account_as_dossier(portal_app: Flask) -> None:
    alice, bachir = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, alice, "alice@example.dz")
    create_account(portal_app, bachir, "+213550123456", recipient="+213550123456")
    hers = send_leave(alice)
    owner = account_of(portal_app, hers)

    assert hers not in bachir.get("/fr/my/").get_data(as_text=True)
    for path in (f"/fr/track/{hers}", f"/fr/dossiers/{hers}/receipt", f"/fr/dossiers/{hers}/acknowledgement.pdf"):
        response = bachir.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/fr/track?"), path
    added = bachir.post("/fr/my/dossiers", data={"reference": hers, "code": tracking_code(portal_app, hers)})
    assert added.status_code == 422
    assert "il est lié à un autre compte" in added.get_data(as_text=True).replace("&#39;", "'")
    assert account_of(portal_app, hers) == owner
    assert hers not in bachir.get("/fr/my/").get_data(as_text=True)
    wrong = bachir.post("/fr/my/dossiers", data={"reference": hers, "code": "AAAAA-BBBBB"})
    assert wrong.status_code == 422 and "ne correspondent à aucun dossier" in wrong.get_data(as_text=True)

    assert alice.get(f"/fr/track/{hers}").status_code == 200
    again = alice.post("/fr/my/dossiers", data={"reference": hers, "code": tracking_code(portal_app, hers)})
    assert again.headers["Location"] == "/fr/my/"
    assert "Ce dossier est déjà dans votre espace." in alice.get("/fr/my/").get_data(as_text=True)


def test_adding_dossiers_is_throttled_with_the_tracking_form(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "essais@example.dz")
    guesses = [client.post("/fr/my/dossiers", data={"reference": "MTESS-2026-000001-6", "code": "AAAAA-AAAAA"})
               for _ in range(10)]  # fmt: skip
    assert [guess.status_code for guess in guesses] == [422] * 10
    assert client.post("/fr/track", data={"reference": "MTESS-2026-000001-6", "code": "AAAAA-AAAAA"}).status_code == 429
