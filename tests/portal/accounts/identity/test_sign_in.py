"""Signing in with the national identity: against the demo provider (panva's certified oidc-provider) over HTTP, the
code with PKCE exchanged, the ID token checked, the account made or linked, and every refusal a page in the reader's
language that saves nothing."""

from __future__ import annotations

import requests
from flask import Flask
from sqlalchemy import func, select

from portal.accounts.models import VERIFIED, Account, AccountAttribute, AccountIdentity
from portal.config import from_environment
from portal.extensions import db
from tests.oidc_provider import sign_in_at_provider
from tests.portal.accounts.helpers import code_sent_to, sign_up, verify
from tests.portal.accounts.identity.helpers import PORTAL, back_from_provider, settings, sign_in_with_identity

AMINA_NIN = "109870123456789012"


def _count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def _attributes(app: Flask, account_id: int) -> dict[str, AccountAttribute]:
    with app.app_context():
        rows = db.session.scalars(select(AccountAttribute).where(AccountAttribute.account_id == account_id))
        found = {row.name: row for row in rows}
        db.session.expunge_all()
        return found


def test_a_first_sign_in_makes_an_account_with_the_claims_verified_by_the_provider(identity_app: Flask, issuer: str):
    client = identity_app.test_client()
    response = sign_in_with_identity(client, "amina")
    assert response.status_code == 302 and response.headers["Location"].endswith("/fr/my/")
    assert "Vous êtes connecté avec votre identité nationale." in client.get("/fr/my/").get_data(as_text=True)
    with identity_app.app_context():
        identity = db.session.scalars(select(AccountIdentity)).one()
        assert (identity.issuer, identity.subject) == (issuer, "amina")
        account_id = identity.account_id
        assert (
            db.session.scalar(select(Account.identifier).where(Account.id == account_id)) == "amina.benali@exemple.dz"
        )
    attributes = _attributes(identity_app, account_id)
    assert attributes["nin"].value == AMINA_NIN and attributes["nin"].source == VERIFIED
    assert attributes["nin"].verified_by == "identity:" + issuer.removeprefix("http://")
    assert attributes["family_name_ar"].value == "بن علي" and attributes["birth_date"].value == "1987-03-14"
    assert set(attributes) == {"nin", "family_name_ar", "given_names_ar", "family_name_latin", "given_names_latin",
                               "birth_date", "email", "phone", "language"}  # fmt: skip
    profile = client.get("/fr/my/profile").get_data(as_text=True)
    assert "le service d’identité nationale" in profile or "service d'identité nationale" in profile


def test_a_second_sign_in_finds_the_same_account(identity_app: Flask):
    sign_in_with_identity(identity_app.test_client(), "amina")
    sign_in_with_identity(identity_app.test_client(), "amina")
    assert _count(identity_app, Account) == 1 and _count(identity_app, AccountIdentity) == 1


def test_a_verified_email_links_the_local_account_of_the_same_person(identity_app: Flask):
    client = identity_app.test_client()
    sign_up(client, "karim.haddad@exemple.fr", csrf=True)
    verify(client, code_sent_to(identity_app, "karim.haddad@exemple.fr"), csrf=True)
    response = sign_in_with_identity(identity_app.test_client(), "karim")
    assert response.status_code == 302
    assert _count(identity_app, Account) == 1
    with identity_app.app_context():
        account_id = db.session.scalars(select(Account.id)).one()
    assert _attributes(identity_app, account_id)["nin"].value == "119650987654321098"


def test_claims_that_lead_to_two_accounts_are_refused_and_nothing_is_saved(identity_app: Flask):
    for identifier in ("amina.benali@exemple.dz", "0550 12 34 56"):  # amina's email, and her phone
        client = identity_app.test_client()
        sign_up(client, identifier, csrf=True)
        verify(client, code_sent_to(identity_app, identifier.replace("0550 12 34 56", "+213550123456")), csrf=True)
    response = sign_in_with_identity(identity_app.test_client(), "amina")
    assert response.status_code == 409
    assert "ne correspond pas au compte" in response.get_data(as_text=True)
    assert _count(identity_app, AccountIdentity) == 0 and _count(identity_app, Account) == 2


def test_a_malformed_nin_is_refused_in_the_readers_language_and_nothing_is_saved(identity_app: Flask):
    response = sign_in_with_identity(identity_app.test_client(), "broken", locale="ar")
    assert response.status_code == 422
    assert "رقم تعريفكم الوطني" in response.get_data(as_text=True)
    assert _count(identity_app, Account) == 0 and _count(identity_app, AccountIdentity) == 0
    assert _count(identity_app, AccountAttribute) == 0


def test_a_wrong_state_is_refused(identity_app: Flask):
    client = identity_app.test_client()
    back = back_from_provider(client, "amina")
    response = client.get(back.replace("state=", "state=forged").removeprefix("http://localhost"))
    assert response.status_code == 400
    assert "Recommencez" in response.get_data(as_text=True)
    assert _count(identity_app, Account) == 0
    assert client.get("/fr/my/").status_code == 302  # not signed in


def test_a_replayed_code_is_refused_by_the_provider(identity_app: Flask, caplog):
    client = identity_app.test_client()
    back = back_from_provider(client, "amina").removeprefix("http://localhost")
    before = client.get_cookie("session")
    assert before is not None
    assert client.get(back).status_code == 302  # the code used once
    replay = identity_app.test_client()  # the same browser state (state, nonce, verifier), the same code again
    replay.set_cookie("session", before.value, domain=before.domain)
    response = replay.get(back)
    assert response.status_code == 401
    assert "n’a pas pu être vérifiée" in response.get_data(as_text=True) or "pas pu être vérifiée" in (
        response.get_data(as_text=True)
    )
    assert "invalid_grant" in caplog.text
    assert replay.get("/fr/my/").status_code == 302


def test_the_provider_down_gives_a_page_that_says_so(make_app):
    from tests.processes import free_port

    app = make_app(OIDC_ISSUER=f"http://127.0.0.1:{free_port()}", OIDC_CLIENT_ID="portal", OIDC_TIMEOUT=1.0)
    for locale, words in (("fr", "ne peut pas être joint"), ("ar", "تعذر")):
        response = app.test_client().get(f"/{locale}/account/identity/sign-in")
        assert response.status_code == 503
        assert words in response.get_data(as_text=True)


def test_signing_out_ends_the_session_here_and_at_the_provider(identity_app: Flask, issuer: str):
    from tests.portal.backoffice.helpers import token

    client = identity_app.test_client()
    sign_in_with_identity(client, "amina")
    response = client.post("/fr/account/sign-out", data={"csrf_token": token(client, "/fr/my/")})
    location = response.headers["Location"]
    assert response.status_code == 302 and location.startswith(issuer + "/session/end?")
    assert "id_token_hint=" in location
    assert "post_logout_redirect_uri=http%3A%2F%2Flocalhost%2Ffr%2Faccount%2Fsign-in" in location
    assert client.get("/fr/my/").status_code == 302  # signed out here too


def test_the_provider_ends_its_session_and_sends_the_person_back_to_the_sign_in_page(identity_app: Flask):
    from tests.oidc_provider import end_session_at_provider
    from tests.portal.backoffice.helpers import token

    client = identity_app.test_client()
    browser = requests.Session()
    started = client.get("/fr/account/identity/sign-in")
    client.get(sign_in_at_provider(browser, started.headers["Location"], "amina", PORTAL).removeprefix(PORTAL))
    signed_out = client.post("/fr/account/sign-out", data={"csrf_token": token(client, "/fr/my/")})
    assert end_session_at_provider(browser, signed_out.headers["Location"], PORTAL).startswith(
        PORTAL + "/fr/account/sign-in"
    )
    again = browser.get(started.headers["Location"].replace("state=", "state=x"), allow_redirects=False, timeout=10)
    assert "/interaction/" in again.headers["Location"]  # the provider asks to sign in again


def test_without_a_provider_no_button_and_no_page(make_app, issuer: str):
    assert "Se connecter avec l’identité nationale" not in make_app().test_client().get(
        "/fr/account/sign-in").get_data(as_text=True)  # fmt: skip
    assert make_app().test_client().get("/fr/account/identity/sign-in").status_code == 404
    configured = make_app(**settings(issuer)).test_client().get("/fr/account/sign-in").get_data(as_text=True)
    assert "Se connecter avec l’identité nationale" in configured


def test_an_expired_id_token_is_refused(make_app, caplog):
    from tests.oidc_provider import running_provider

    # A provider whose clock is 15 minutes behind: its ID tokens (10 minutes) have expired when they arrive.
    with running_provider(PORTAL, clock_skew=900) as late:
        app = make_app(**settings(late))
        response = sign_in_with_identity(app.test_client(), "amina")
        assert response.status_code == 401
        assert "pas pu être vérifiée" in response.get_data(as_text=True)
    assert "ExpiredTokenError" in caplog.text
    assert _count(app, Account) == 0


def test_the_settings_come_from_the_environment_and_the_secret_from_a_file(tmp_path):
    secret = tmp_path / "oidc_client_secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    read = from_environment({"PORTAL_OIDC_CLIENT_SECRET_FILE": str(secret), "PORTAL_OIDC_LEEWAY": "30",
                             "PORTAL_OIDC_CLAIMS": "nin=national_id, email=mail,broken"})  # fmt: skip
    assert read == {"OIDC_CLIENT_SECRET": "s3cret", "OIDC_LEEWAY": 30,
                    "OIDC_CLAIMS": {"nin": "national_id", "email": "mail"}}  # fmt: skip


def test_claims_with_invalid_unicode_or_a_subject_too_long_are_refused(app: Flask):
    import pytest

    from portal.accounts.identity import ClaimError, read_claims, read_subject

    mapping = {"nin": "nin", "family_name_latin": "family_name", "email": "email"}
    with app.app_context():
        for claims in ({"nin": "10987012345678901\ud800"}, {"family_name": "Ben\x00ali"}, {"nin": 109870123456789012},
                       {"email": "a\ud800@exemple.dz", "email_verified": True}):  # fmt: skip
            with pytest.raises(ClaimError):
                read_claims(claims, mapping)
        assert read_claims({"email": "a@exemple.dz", "email_verified": "true"}, mapping) == {}  # not said verified
        for subject in ("x" * 256, "", "a\ud800", None):
            with pytest.raises(ClaimError):
                read_subject({"sub": subject})


def test_sign_ins_started_again_keep_one_waiting_and_the_cookie_small(identity_app: Flask):
    from tests.portal.backoffice.helpers import session_data

    client = identity_app.test_client()
    for _ in range(20):
        client.get("/fr/account/identity/sign-in")
    cookie = client.get_cookie("session")
    assert cookie is not None and len(cookie.value) < 1000
    assert len([key for key in session_data(identity_app, cookie.value) if key.startswith("_state_")]) == 1
    back = back_from_provider(client, "amina")  # the last one started is the one that ends
    assert client.get(back.removeprefix(PORTAL)).status_code == 302


def test_sign_ins_with_the_provider_are_throttled_per_client(identity_app: Flask):
    client = identity_app.test_client()
    answers = [client.get("/fr/account/identity/sign-in").status_code for _ in range(31)]
    assert answers[:30] == [302] * 30 and answers[30] == 429
    assert client.get("/fr/account/identity/return?code=x&state=y").status_code == 429  # one count for both
