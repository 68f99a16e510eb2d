"""Passwords, for staff and citizens alike: salted and slow (Werkzeug's scrypt by default), and checked in the same
time whether or not the account exists, so that a wrong address cannot be told from a wrong password."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD = 12


def hash_password(password: str) -> str:
    """A salted, slow hash of ``password`` by the configured method (Werkzeug's scrypt by default)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@lru_cache(maxsize=4)
def _unknown(method: str) -> str:
    """Compared against when the account is unknown, so that both failures take the same time."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def password_matches(stored: str | None, password: str) -> bool:
    """Whether ``password`` is the one hashed in ``stored``; with no account (``None``), a hash is checked anyway and
    the answer is no, in the same time."""
    if stored is None:
        check_password_hash(_unknown(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return check_password_hash(stored, password)
