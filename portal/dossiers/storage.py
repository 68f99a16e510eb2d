"""Where uploaded documents are kept: one interface, a local directory by default (outside ``static``).

A deployment with several hosts puts another implementation on ``app.extensions[EXTENSION_KEY]`` (an object
store, a shared volume); nothing else changes. Keys are random: a file's name never comes from the applicant.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

EXTENSION_KEY = "portal.storage"


class Storage(Protocol):
    def save(self, data: bytes) -> str:
        """Keep ``data`` under a new random key, and return the key."""

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files in ``root/ab/abcdef...``, readable by the server's user only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if len(key) != 40 or not all(character in "0123456789abcdef" for character in key):
            raise KeyError(key)  # only keys this class made: nothing can point outside the root
        return self.root / key[:2] / key

    def save(self, data: bytes) -> str:
        key = secrets.token_hex(20)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return key

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    folder = Path(app.config["UPLOAD_FOLDER"] or Path(app.instance_path) / "uploads")
    app.extensions.setdefault(EXTENSION_KEY, LocalStorage(folder))


def storage() -> Storage:
    found: Storage = current_app.extensions[EXTENSION_KEY]
    return found
