"""A service's lifecycle status was set: the catalogue tells the modules that asked to know at start-up.

The catalogue sets statuses (a sync from the plugins, a publication in the back office) but does not keep their
history: the dashboard does, and registers its listener in its ``init_app``. The listeners live on the app, so
that each app (and each test's app) has its own list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from portal.catalogue.models import Service

LISTENERS_KEY = "portal.catalogue.status_listeners"


@dataclass(frozen=True)
class StatusSet:
    """``service`` is now ``status``, set by ``author`` (an email, or ``plugin:<body>``) through ``source``."""

    service: Service
    status: str
    author: str
    source: str  # sync | backoffice


StatusListener = Callable[[StatusSet], None]


def on_status_set(app: Flask, listener: StatusListener) -> None:
    """Call ``listener`` whenever a status is set, in the transaction that sets it."""
    app.extensions.setdefault(LISTENERS_KEY, []).append(listener)


def status_set(service: Service, status: str, author: str, source: str) -> None:
    event = StatusSet(service, status, author, source)
    listeners: list[StatusListener] = current_app.extensions.get(LISTENERS_KEY, [])
    for listener in listeners:
        listener(event)
