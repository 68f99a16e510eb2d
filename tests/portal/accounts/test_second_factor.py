"""The optional second factor: enrolled from the profile with a code, then asked after the password; a wrong code
is refused, a recovery code works once, a used TOTP code is not accepted again; turned off with password and code."""

from __future__ import annotations

import re
import time

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.accounts.models import Account, AccountRecoveryCode
from portal.extensions import db
from tests.portal.accounts.helpers import PASSWORD, code_sent_to, create_account, sign_in


def enrol(client: FlaskClient) -> tuple[str, list[str]]:
    """The secret of the enrolment page and the recovery codes shown once."""
    page = client.get("/fr/my/second-factor").get_data(as_text=True)
    assert "<svg" in page
    match = re.search(r'class="totp-secret">([A-Z2-7]+)<', page)
    assert match is not None
    secret = match.group(1)
    assert client.post("/fr/my/second-factor", data={"code": "000000"}).status_code == 422
    shown = client.post("/fr/my/second-factor", data={"code": previous_code(secret)}).get_data(as_text=True)
    codes = re.findall(r"<code>([0-9a-f-]{23})</code>", shown)
    assert len(codes) == 10
    return secret, codes


def stored(app: Flask, identifier: str) -> tuple[str | None, str | None, list[str]]:
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.identifier == identifier))
        assert account is not None
        digests = db.session.scalars(select(AccountRecoveryCode.code_digest)
                                     .where(AccountRecoveryCode.account_id == account.id))  # fmt: skip
        return account.totp_secret, account.totp_pending, list(digests)


def previous_code(secret: str) -> str:
    """A code of the step before this one, accepted for clock drift: the enrolment spends it, sign-in the next."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(int(time.time()) // totp.interval - 1)


def test_enrol_then_sign_in_with_a_code_a_wrong_code_and_a_recovery_code(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "deux@example.dz")
    secret, codes = enrol(client)
    kept_secret, pending, digests = stored(portal_app, "deux@example.dz")
    assert kept_secret == secret and pending is None and len(digests) == 10
    assert not set(codes) & set(digests)  # only digests are kept

    browser = portal_app.test_client()
    asked = sign_in(browser, "deux@example.dz")
    assert asked.headers["Location"] == "/fr/account/second-factor"
    assert browser.get("/fr/my/").status_code == 302  # not signed in before the code
    wrong = browser.post("/fr/account/second-factor", data={"code": "123456"})
    assert wrong.status_code == 422 and "Ce code n'est pas le bon" in wrong.get_data(as_text=True).replace("&#39;", "'")
    assert browser.get("/fr/my/").status_code == 302
    current = pyotp.TOTP(secret).now()
    signed = browser.post("/fr/account/second-factor", data={"code": current})
    assert signed.headers["Location"] == "/fr/my/" and browser.get("/fr/my/").status_code == 200

    replay = portal_app.test_client()
    sign_in(replay, "deux@example.dz")
    assert replay.post("/fr/account/second-factor", data={"code": current}).status_code == 422
    assert replay.post("/fr/account/second-factor", data={"code": codes[0].upper()}).status_code == 302
    again = portal_app.test_client()
    sign_in(again, "deux@example.dz")
    assert again.post("/fr/account/second-factor", data={"code": codes[0]}).status_code == 422  # spent


def test_the_code_page_needs_the_password_first(portal_app: Flask) -> None:
    client = portal_app.test_client()
    assert client.get("/fr/account/second-factor").headers["Location"] == "/fr/account/sign-in"
    assert client.post("/fr/account/second-factor", data={"code": "123456"}).status_code == 302


def test_turning_off_needs_the_password_and_a_code(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "off@example.dz")
    secret, codes = enrol(client)
    assert "Désactiver le second facteur" in client.get("/fr/my/second-factor").get_data(as_text=True)
    bad_password = client.post("/fr/my/second-factor/off", data={"password": "mauvais mot de passe", "code": codes[1]})
    assert bad_password.status_code == 422
    bad_code = client.post("/fr/my/second-factor/off", data={"password": PASSWORD, "code": "000000"})
    assert bad_code.status_code == 422 and stored(portal_app, "off@example.dz")[0] == secret
    done = client.post("/fr/my/second-factor/off", data={"password": PASSWORD, "code": codes[1]})
    assert done.headers["Location"] == "/fr/my/profile"
    assert stored(portal_app, "off@example.dz") == (None, None, [])
    assert sign_in(portal_app.test_client(), "off@example.dz").headers["Location"] == "/fr/my/"


def test_second_factor_codes_are_throttled_per_account(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "lent@example.dz")
    enrol(client)
    sign_in(client, "lent@example.dz")
    tries = [client.post("/fr/account/second-factor", data={"code": "111111"}).status_code for _ in range(6)]
    assert tries == [422] * 5 + [429]
    with portal_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Account)) == 1


def test_arabic_digits_and_unreadable_text_are_codes_or_refused_never_errors(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "chiffres@example.dz")
    secret, _codes = enrol(client)
    sign_in(client, "chiffres@example.dz")
    for typed in ("١٢٣٤٥٦ß", "abcdéf"):
        assert client.post("/fr/account/second-factor", data={"code": typed}).status_code == 422
    unreadable = client.post("/fr/account/second-factor", data=b"code=%FF%FE%ED%A0%80",
                             content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert unreadable.status_code in (400, 422)
    arabic = pyotp.TOTP(secret).now().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.post("/fr/account/second-factor", data={"code": arabic}).headers["Location"] == "/fr/my/"


def test_a_new_password_by_code_still_asks_the_second_factor(portal_app: Flask) -> None:
    client = portal_app.test_client()
    create_account(portal_app, client, "oubli2@example.dz")
    secret, _codes = enrol(client)
    client.post("/fr/account/password", data={"identifier": "oubli2@example.dz"})
    code = code_sent_to(portal_app, "oubli2@example.dz")
    new = "un autre mot de passe long"
    done = client.post("/fr/account/password/code", data={"code": code, "password": new, "again": new})
    assert done.headers["Location"] == "/fr/account/second-factor"
    assert client.get("/fr/my/").status_code == 302  # not signed in by the new password alone
    asked = client.get("/fr/account/second-factor").get_data(as_text=True)
    assert "Saisissez le code de votre application" in asked.replace("&#39;", "'")
    signed = client.post("/fr/account/second-factor", data={"code": pyotp.TOTP(secret).now()})
    assert signed.headers["Location"] == "/fr/my/"
