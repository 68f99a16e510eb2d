"""One-time codes of six digits (to verify an address, to reset a password), which no stored row holds in clear.

A code is derived from a random seed with the platform's secret, as a dossier's tracking code is from its reference:
the message that carries it keeps the seed and a mask, and the code is written into it only when it is sent; the
account keeps the seed and a keyed digest of the code, against which a typed code is checked. Neither a member of
staff reading the outbox nor someone holding a copy of the database without the secret can read a code."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app

CODE_DIGITS = 6
CODE_MASK = "••••••"  # where a message carries a one-time code


def new_seed() -> str:
    return secrets.token_hex(16)


def _key(purpose: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), purpose, hashlib.sha256).digest()


def code_of(seed: str) -> str:
    """The six digits derived from ``seed``."""
    number = int.from_bytes(hmac.new(_key(b"one-time-code"), seed.encode(), hashlib.sha256).digest(), "big")
    return f"{number % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def code_digest(seed: str, code: str) -> str:
    """What is stored of a code: keyed, so that the million codes cannot be tried against it without the secret."""
    return hmac.new(_key(b"one-time-code-digest"), f"{seed}:{code}".encode(), hashlib.sha256).hexdigest()


def code_matches(seed: str, typed: str, stored: str) -> bool:
    return hmac.compare_digest(code_digest(seed, typed), stored)
