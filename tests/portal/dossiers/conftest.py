"""Fixtures of the dossier tests: the app with the dummy hosted plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import AppFactory
from tests.portal.dossiers.dummy_plugin import PLUGIN_SOURCE


@pytest.fixture
def hosted_app(make_app: AppFactory, install_plugin: Callable[..., None], tmp_path: Path) -> Flask:
    """The platform with the dummy body and its hosted service, CSRF off (its own test checks it)."""
    install_plugin("demo", PLUGIN_SOURCE)
    return make_app(WTF_CSRF_ENABLED=False, UPLOAD_FOLDER=str(tmp_path / "uploads"))
