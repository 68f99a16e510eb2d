"""The platform's signing key and the public keys that check its certificates. The key is an Ed25519 private key in
PEM, in the file ``CERTIFICATE_KEY_FILE`` (``make run`` makes ``instance/certificate_key``; never committed). Its
id is the start of the SHA-256 of its public key. Keys retired by a rotation keep checking the certificates they
signed: their public halves (PEM files, any name) lie in ``CERTIFICATE_PUBLIC_KEYS`` (the folder; None:
``instance/certificate_keys``). Only these files are trusted, never the database."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# cryptography is imported by the functions that sign or check, not when a worker starts (bench/memory.py).


class NoSigningKeyError(RuntimeError):
    """No signing key is configured: the platform issues no certificate."""


def key_id(public: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def offered() -> bool:
    """Whether the platform issues certificates (a signing key is configured)."""
    return bool(current_app.config.get("CERTIFICATE_KEY_FILE"))


def signing_key() -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    path = current_app.config.get("CERTIFICATE_KEY_FILE")
    if not path:
        raise NoSigningKeyError("CERTIFICATE_KEY_FILE is not set")
    key = load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise NoSigningKeyError(f"{path} does not hold an Ed25519 private key")
    return key


def _folder() -> Path:
    configured = current_app.config.get("CERTIFICATE_PUBLIC_KEYS")
    return Path(configured) if configured else Path(current_app.instance_path) / "certificate_keys"


def public_keys() -> dict[str, Ed25519PublicKey]:
    """The keys that check certificates, by key id: the retired ones of the folder, and the current one."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    keys: dict[str, Ed25519PublicKey] = {}
    folder = _folder()
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        public = load_pem_public_key(path.read_bytes())
        if isinstance(public, Ed25519PublicKey):
            keys[key_id(public)] = public
    if offered():
        current = signing_key().public_key()
        keys[key_id(current)] = current
    return keys


def sign(payload: bytes) -> tuple[str, str]:
    """The id of the current key and the payload's signature (base64)."""
    key = signing_key()
    return key_id(key.public_key()), base64.b64encode(key.sign(payload)).decode()


def verify(payload: bytes, key: str, signature: str) -> bool:
    """Whether a key the platform trusts, the one named, signed the payload."""
    from cryptography.exceptions import InvalidSignature

    public = public_keys().get(key)
    if public is None:
        return False
    try:
        public.verify(base64.b64decode(signature, validate=True), payload)
    except (InvalidSignature, ValueError):
        return False
    return True
