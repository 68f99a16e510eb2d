"""The citizen's account signed in on this request, for the modules beneath the accounts module: a dossier sent while
signed in records its account, and its owner follows it without the tracking code; a hosted form is prefilled from its
profile. The accounts module installs, at start-up, the functions that read its session and its profile
(``install``); without them, nobody is signed in."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

LOADER_KEY = "portal.current_account"
PROFILE_KEY = "portal.current_profile"
AccountLoader = Callable[[], "int | None"]
ProfileLoader = Callable[[], "dict[str, str]"]


def install(app: Flask, loader: AccountLoader, profile: ProfileLoader | None = None) -> None:
    """Tell the modules beneath how to read the signed-in account and its profile (called once, by the accounts
    module)."""
    app.extensions[LOADER_KEY] = loader
    if profile is not None:
        app.extensions[PROFILE_KEY] = profile


def current_profile() -> dict[str, str]:
    """The profile of the account signed in on this request (attribute -> value as stored), else nothing."""
    loader: ProfileLoader | None = current_app.extensions.get(PROFILE_KEY)
    return loader() if loader is not None else {}


def current_account_id() -> int | None:
    """The id of the account signed in on this request, else None."""
    loader: AccountLoader | None = current_app.extensions.get(LOADER_KEY)
    return loader() if loader is not None else None
