"""Settings: defaults, then PORTAL_* variables, then the override; production refuses a weak secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from portal import create_app
from portal.config import DEFAULT_SECRET_KEY, ConfigError, check, from_environment
from portal.extensions import db


def test_production_refuses_a_missing_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="Set PORTAL_SECRET_KEY"):
        create_app({"ENV": "production", "SECRET_KEY": ""})


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY is missing or still the default"):
        create_app({"ENV": "production", "SECRET_KEY": DEFAULT_SECRET_KEY})


def test_production_starts_with_a_real_secret_and_secure_cookies(tmp_path: Path) -> None:
    app = create_app(
        {
            "ENV": "production",
            "SECRET_KEY": "x" * 64,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}",
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_environment_then_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("PORTAL_ENABLED_BODIES", "mintest, pilote")
    monkeypatch.setenv("PORTAL_CACHE_MAX_AGE", "60")
    app = create_app({"CACHE_MAX_AGE": 30, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})
    assert app.config["ENABLED_BODIES"] == ["mintest", "pilote"]
    assert app.config["CACHE_MAX_AGE"] == 30  # the override wins over the environment


def test_secret_key_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    assert from_environment({"PORTAL_SECRET_KEY_FILE": str(secret)})["SECRET_KEY"] == "from-a-file"


def test_database_url_selects_postgresql_with_psycopg() -> None:
    settings = from_environment({"DATABASE_URL": "postgresql://u:p@db.internal:5432/portal"})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal:5432/portal"


def test_sqlite_is_the_default_in_the_instance_folder_in_wal_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_unknown_default_locale_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DEFAULT_LOCALE 'en' is not one of LOCALES"):
        create_app({"TESTING": True, "DEFAULT_LOCALE": "en"})


@pytest.mark.parametrize("address", ["127.0.0.1", "clamd.ctl", "http://127.0.0.1:3310"])
def test_clamds_address_is_host_and_port_or_a_socket_path(address: str) -> None:
    settings = {"ENV": "testing", "BASE_URL": "http://localhost", "LOCALES": ["ar"], "DEFAULT_LOCALE": "ar"}
    with pytest.raises(ConfigError, match="Set PORTAL_CLAMD_ADDRESS to host:port"):
        check({**settings, "CLAMD_ADDRESS": address})
    for good in ("127.0.0.1:3310", "clamav.internal:3310", "/run/clamav/clamd.ctl", "unix:///run/clamav/clamd.ctl"):
        check({**settings, "CLAMD_ADDRESS": good})
