"""Accesses to a citizen's data, told by the modules beneath the accounts module (case handling opens a dossier) to
the function the accounts module installs at start-up, which records them in the account's access log. Without it
(no accounts module), nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

RECORDER_KEY = "portal.data_access"
Recorder = Callable[[int, str, str, str, str], None]  # account id, actor kind, actor, service, purpose


def install(app: Flask, recorder: Recorder) -> None:
    """Tell the modules beneath how to record an access (called once, by the accounts module)."""
    app.extensions[RECORDER_KEY] = recorder


def staff_saw(account_id: int | None, role: str, body: str, service: str, purpose: str) -> None:
    """A member of staff of ``body`` in ``role`` saw data of the account (nothing when the data has no account)."""
    recorder: Recorder | None = current_app.extensions.get(RECORDER_KEY)
    if account_id is not None and recorder is not None:
        recorder(account_id, "staff", f"{role}:{body}", service, purpose)


def representative_acted(account_id: int, representative_id: int, organisation_id: int | None, service: str,
                         purpose: str) -> None:  # fmt: skip
    """A representative did ``purpose`` for the account it acts for (and the organisation, if any), under a mandate:
    the actor is written ``<representative's id>:<organisation's id or nothing>``."""
    recorder: Recorder | None = current_app.extensions.get(RECORDER_KEY)
    if recorder is not None:
        recorder(account_id, "mandate", f"{representative_id}:{organisation_id or ''}", service, purpose)


def fund_called(account_id: int, fund: str, operation: str) -> None:
    """The platform asked ``fund``'s system about the account (``operation`` of the connector contract)."""
    recorder: Recorder | None = current_app.extensions.get(RECORDER_KEY)
    if recorder is not None:
        recorder(account_id, "fund", fund, "", operation)
