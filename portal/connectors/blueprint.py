"""The connectors' part of the app: the job that writes to a fund (registered on import) and each worker's breakers.
The pages that show a fund's records are my space's (``portal.accounts``), which call this module's functions."""

from __future__ import annotations

from flask import Flask

from portal.connectors import models, writes  # noqa: F401 - the models and the write job are declared on import
from portal.connectors.breaker import KEY, Breakers
from portal.connectors.client import SESSION_KEY


def init_app(app: Flask) -> None:
    app.extensions[KEY] = Breakers()
    app.extensions.pop(SESSION_KEY, None)  # made on first use
