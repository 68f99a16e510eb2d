"""The citizen's account signed in on this request, for the modules beneath the accounts module: a dossier sent while
signed in records its account, and its owner follows it without the tracking code. The accounts module installs, at
start-up, the function that reads its session (``install``); without it, nobody is signed in."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

LOADER_KEY = "portal.current_account"
AccountLoader = Callable[[], "int | None"]


def install(app: Flask, loader: AccountLoader) -> None:
    """Tell the modules beneath how to read the signed-in account (called once, by the accounts module)."""
    app.extensions[LOADER_KEY] = loader


def current_account_id() -> int | None:
    """The id of the account signed in on this request, else None."""
    loader: AccountLoader | None = current_app.extensions.get(LOADER_KEY)
    return loader() if loader is not None else None
