"""A certificate is what the platform signed: it checks as valid; a payload changed in the database, a signature by
a key the platform does not trust or a code nobody was given does not; a key rotated away keeps checking what it
signed; an expired or revoked certificate says so."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from portal.certificates import checking, issuing, keys
from portal.certificates.issuing import DAY, IDENTIFIER, Fact
from portal.certificates.models import Certificate
from portal.clock import today
from portal.extensions import db
from tests.conftest import AppFactory
from tests.portal.certificates.conftest import retire, write_key
from tests.portal.connectors.conftest import new_account

FACTS = [Fact("Affiliated since", "2010-10-01", DAY), Fact("Social security number (NSS)", "870314012345", IDENTIFIER)]


def _issued(app: Flask, valid_days: int = 90) -> str:
    account_id = new_account(app, f"holder-{uuid.uuid4().hex[:8]}@example.dz")
    with app.test_request_context("/fr/"):
        certificate = issuing.issue(account_id, "demo", "affiliation", "Amina Benali", FACTS, "fr", valid_days)
        db.session.commit()
        return certificate.code


def _status(app: Flask, code: str) -> str:
    with app.app_context():
        return checking.check(code).status


def test_a_certificate_checks_as_issued_and_shows_little(signing_app: Flask) -> None:
    code = _issued(signing_app)
    with signing_app.app_context():
        result = checking.check(code.lower().replace("-", " "))  # as typed by someone reading it
    assert result.status == checking.VALID and result.code == code
    assert result.holder == "Amina B." and result.issued == today()
    assert result.facts[1]["value"] == "••••••••2345"


def test_a_payload_changed_in_the_database_is_not_authentic(signing_app: Flask) -> None:
    code = _issued(signing_app)
    with signing_app.app_context():
        certificate = db.session.scalars(select(Certificate).where(Certificate.code == code)).one()
        certificate.payload = certificate.payload.replace("2010-10-01", "2000-10-01")
        db.session.commit()
    assert _status(signing_app, code) == checking.FORGED


def test_a_payload_moved_to_another_code_is_not_authentic(signing_app: Flask) -> None:
    first, second = _issued(signing_app), _issued(signing_app)
    with signing_app.app_context():
        rows = {row.code: row for row in db.session.scalars(select(Certificate))}
        rows[second].payload, rows[second].signature = rows[first].payload, rows[first].signature
        db.session.commit()
    assert _status(signing_app, second) == checking.FORGED and _status(signing_app, first) == checking.VALID


def test_unknown_and_malformed_codes_are_unknown(signing_app: Flask) -> None:
    _issued(signing_app)
    for code in ("AAAA-AAAA-AAAA", "", "x" * 200, "ABCD-EFGH-JKL1"):
        assert _status(signing_app, code) == checking.UNKNOWN


def test_a_rotated_key_still_checks_what_it_signed(make_app: AppFactory, tmp_path: Path,
                                                   key_settings: dict[str, str]) -> None:  # fmt: skip
    app = make_app(**key_settings)
    old = _issued(app)
    key_file, retired = Path(key_settings["CERTIFICATE_KEY_FILE"]), Path(key_settings["CERTIFICATE_PUBLIC_KEYS"])
    retire(key_file, retired)
    write_key(key_file)  # the new key replaces the old one
    new = _issued(app)
    assert _status(app, old) == checking.VALID and _status(app, new) == checking.VALID
    with app.app_context():
        used = {row.code: row.key_id for row in db.session.scalars(select(Certificate))}
        assert used[old] != used[new] and set(used.values()) <= set(keys.public_keys())
    for path in retired.iterdir():  # a key no longer trusted: what it signed is no longer authentic
        path.unlink()
    assert _status(app, old) == checking.FORGED and _status(app, new) == checking.VALID


def test_a_key_nobody_trusts_makes_no_authentic_certificate(make_app: AppFactory, tmp_path: Path,
                                                            key_settings: dict[str, str]) -> None:  # fmt: skip
    app = make_app(**key_settings)
    code = _issued(app)
    write_key(Path(key_settings["CERTIFICATE_KEY_FILE"]))  # replaced without keeping the old public key
    assert _status(app, code) == checking.FORGED


def test_expired_and_revoked_certificates_say_so(signing_app: Flask) -> None:
    expired, revoked = _issued(signing_app, valid_days=-1), _issued(signing_app)
    run = signing_app.test_cli_runner().invoke
    assert run(args=["certificates", "revoke", revoked.lower()]).output == f"revoked: {revoked}\n"
    assert "no certificate has the code" in run(args=["certificates", "revoke", "AAAA-AAAA-AAAA"]).output
    with signing_app.app_context():
        row = db.session.scalars(select(Certificate).where(Certificate.code == revoked)).one()
        assert row.revoked_at is not None and row.valid_until == today() + timedelta(days=90)
    assert _status(signing_app, expired) == checking.EXPIRED
    assert _status(signing_app, revoked) == checking.REVOKED
