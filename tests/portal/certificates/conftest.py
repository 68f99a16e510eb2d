"""Signing keys written as an operator would (PEM files), and an app that signs certificates with one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import Flask

from tests.conftest import AppFactory


def write_key(path: Path) -> Path:
    """A new Ed25519 private key in PEM at ``path``, as ``make run`` writes instance/certificate_key."""
    key = Ed25519PrivateKey.generate()
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))  # fmt: skip
    return path


def retire(key_file: Path, folder: Path) -> None:
    """A rotation's first step: the current key's public half into the folder of retired keys."""
    key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    folder.mkdir(exist_ok=True)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / f"{key_file.stem}-retired.pem").write_bytes(public)


@pytest.fixture
def key_settings(tmp_path: Path) -> dict[str, str]:
    return {"CERTIFICATE_KEY_FILE": str(write_key(tmp_path / "certificate_key")),
            "CERTIFICATE_PUBLIC_KEYS": str(tmp_path / "retired")}  # fmt: skip


@pytest.fixture
def signing_app(make_app: AppFactory, key_settings: dict[str, str]) -> Flask:
    return make_app(WTF_CSRF_ENABLED=False, **key_settings)
