"""Where uploaded documents are kept: one interface, a local directory by default (outside ``static``).

A deployment with several hosts puts another implementation on ``app.extensions[EXTENSION_KEY]`` (an object
store, a shared volume); nothing else changes. Keys are random: a file's name never comes from the applicant.
A file the antivirus finds infected is moved to the quarantine, out of reach of ``read`` for good.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

EXTENSION_KEY = "portal.storage"


class Storage(Protocol):
    def save(self, data: bytes) -> str:
        """Keep ``data`` under a new random key, and return the key."""

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def quarantine(self, key: str) -> None:
        """Move the file out of the storage for good (``read`` no longer finds it), where an administrator may
        examine it and nothing serves it. Harmless when done already."""


class LocalStorage:
    """Files in ``root/ab/abcdef...``, readable by the server's user only; infected ones in ``quarantine/ab/...``
    (by default the folder ``quarantine`` beside the root)."""

    def __init__(self, root: Path, quarantine: Path | None = None) -> None:
        self.root = root
        self.quarantine_root = quarantine or root.parent / "quarantine"

    def _path(self, key: str, root: Path | None = None) -> Path:
        if len(key) != 40 or not all(character in "0123456789abcdef" for character in key):
            raise KeyError(key)  # only keys this class made: nothing can point outside the root
        return (root or self.root) / key[:2] / key

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

    def quarantine(self, key: str) -> None:
        source, target = self._path(key), self._path(key, self.quarantine_root)
        if not source.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.move(source, target)  # a rename; on another volume, a copy (mode kept) and then a deletion


def init_app(app: Flask) -> None:
    folder = Path(app.config["UPLOAD_FOLDER"] or Path(app.instance_path) / "uploads")
    quarantine = app.config["QUARANTINE_FOLDER"]
    app.extensions.setdefault(EXTENSION_KEY, LocalStorage(folder, Path(quarantine) if quarantine else None))


def storage() -> Storage:
    found: Storage = current_app.extensions[EXTENSION_KEY]
    return found
