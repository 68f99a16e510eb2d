"""A citizen's journey: sign up with an email address, type the code received, sign out and in again, see in my
space the dossier sent while signed in, and add one sent without an account."""

from __future__ import annotations

from flask import Flask

from portal.dossiers import references
from tests.portal.accounts.helpers import (
    PASSWORD,
    account_of,
    code_sent_to,
    create_account,
    messages_to,
    send_leave,
    sign_in,
    sign_out,
    sign_up,
    verify,
)


def test_sign_up_verify_sign_in_my_space_and_add_a_dossier(portal_app: Flask) -> None:
    client = portal_app.test_client()
    asked = sign_up(client, "Salima.Benali@Example.dz")
    assert asked.status_code == 302 and asked.headers["Location"] == "/fr/account/verify"
    page = client.get("/fr/account/verify").get_data(as_text=True)
    assert "salima.benali@example.dz" in page
    [message] = messages_to(portal_app, "salima.benali@example.dz")
    assert message.kind == "email" and message.subject == "Votre code pour créer votre compte"
    code = code_sent_to(portal_app, "salima.benali@example.dz")
    assert code not in message.text  # the outbox keeps a mask: the code is written in when the email is sent
    assert client.get("/fr/my/").headers["Location"].startswith("/fr/account/sign-in")  # not an account yet

    verified = verify(client, code)
    assert verified.headers["Location"] == "/fr/my/"
    space = client.get("/fr/my/").get_data(as_text=True)
    assert "Votre compte est prêt" in space and "Aucun dossier pour l’instant" in space
    assert verify(client, code).status_code == 410  # the code is spent

    mine = send_leave(client)
    assert account_of(portal_app, mine) is not None
    anonymous = send_leave(portal_app.test_client(), worker_name="Nadia Saadi")
    assert account_of(portal_app, anonymous) is None  # sending without an account is unchanged

    sign_out(client)
    assert client.get("/fr/my/").status_code == 302
    assert sign_in(client, "salima.benali@example.dz", "pas le bon mot de passe").status_code == 401
    signed = sign_in(client, "SALIMA.BENALI@example.dz", PASSWORD, next_page="/fr/my/")
    assert signed.headers["Location"] == "/fr/my/"
    space = client.get("/fr/my/").get_data(as_text=True)
    assert mine in space and anonymous not in space
    assert "Reçu" in space  # its status
    assert "Rien pour l’instant" in space  # what is expected of me
    assert client.get(f"/fr/track/{mine}").status_code == 200  # the tracking page opens for its owner

    added = client.post("/fr/my/dossiers", data={"reference": anonymous.lower(),
                                                 "code": references_code(portal_app, anonymous)})  # fmt: skip
    assert added.headers["Location"] == "/fr/my/"
    space = client.get("/fr/my/").get_data(as_text=True)
    assert "Le dossier a été ajouté à votre espace." in space and anonymous in space
    assert account_of(portal_app, anonymous) == account_of(portal_app, mine)


def references_code(app: Flask, reference: str) -> str:
    with app.test_request_context():
        return references.tracking_code(reference)


def test_a_phone_number_of_any_country_signs_up_through_a_text_message(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert sign_up(client, "+33 6 12 34 56 78", locale="ar").status_code == 302
    [message] = messages_to(portal_app, "+33612345678")
    assert message.kind == "sms" and message.sent_at is None  # the default gateway leaves it in the outbox
    assert message.locale == "ar"
    verified = client.post("/ar/account/verify", data={"code": code_sent_to(portal_app, "+33612345678")})
    assert verified.headers["Location"] == "/ar/my/"
    assert "+33 6 12 34 56 78" in client.get("/ar/my/").get_data(as_text=True)
    sign_out(client)
    assert sign_in(client, "0033612345678").headers["Location"] == "/fr/my/"


def test_a_new_password_by_code_ends_the_other_sessions(portal_app: Flask) -> None:
    elsewhere = portal_app.test_client()
    create_account(portal_app, elsewhere, "oubli@example.dz")
    client = portal_app.test_client()
    asked = client.post("/fr/account/password", data={"identifier": "OUBLI@example.dz"})
    assert asked.headers["Location"] == "/fr/account/password/code"
    [_, message] = messages_to(portal_app, "oubli@example.dz")
    assert message.subject == "Votre code pour choisir un nouveau mot de passe"
    new = "un autre mot de passe long"
    code = code_sent_to(portal_app, "oubli@example.dz")
    mismatch = client.post("/fr/account/password/code", data={"code": code, "password": new, "again": "autre"})
    assert mismatch.status_code == 422 and "Tapez deux fois le même mot de passe." in mismatch.get_data(as_text=True)
    done = client.post("/fr/account/password/code", data={"code": code, "password": new, "again": new})
    assert done.headers["Location"] == "/fr/my/"
    assert "vos autres sessions sont terminées" in client.get("/fr/my/").get_data(as_text=True)
    assert elsewhere.get("/fr/my/").status_code == 302  # the other browser is signed out
    assert sign_in(portal_app.test_client(), "oubli@example.dz", PASSWORD).status_code == 401
    assert sign_in(portal_app.test_client(), "oubli@example.dz", new).status_code == 302


def test_messages_follow_the_accounts_preferred_language(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "langue@example.dz")
    assert client.post("/fr/my/profile", data={"email": "langue@example.dz", "language": "ar"}).status_code == 302
    portal_app.test_client().post("/fr/account/password", data={"identifier": "langue@example.dz"})
    message = messages_to(portal_app, "langue@example.dz")[-1]
    assert message.locale == "ar" and message.subject == "رمزكم لاختيار كلمة سر جديدة"
