"""The citizen's account signed in on this request, for the modules beneath the accounts module: a dossier sent while
signed in records its account, and its owner follows it without the tracking code; a hosted form is prefilled from its
profile. The accounts module installs, at start-up, the functions that read its session and its profile
(``install``); without them, nobody is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

LOADER_KEY = "portal.current_account"
PROFILE_KEY = "portal.current_profile"
AccountLoader = Callable[[], "int | None"]
ACTING_KEY = "portal.current_acting"
ProfileLoader = Callable[[], "dict[str, str]"]


@dataclass(frozen=True)
class Acting:
    """Acting for another, checked on this request: the account that acts, the account it acts for (the person, the
    owner who granted an organisation's mandate, or itself when it acts as an owner or a declarant of
    ``organisation_id``), the organisation if any, and the services it may act for (None: every service)."""

    representative_id: int
    account_id: int
    organisation_id: int | None
    services: frozenset[str] | None

    def allows(self, slug: str) -> bool:
        return self.services is None or slug in self.services

    @property
    def under_mandate(self) -> bool:
        """It acts for another account (a member acting for its organisation acts in its own name)."""
        return self.representative_id != self.account_id


ActingLoader = Callable[[], "Acting | None"]


def install(app: Flask, loader: AccountLoader, profile: ProfileLoader | None = None,
            acting: ActingLoader | None = None) -> None:  # fmt: skip
    """Tell the modules beneath how to read the signed-in account, its profile and the mandate it acts under
    (called once, by the accounts module)."""
    app.extensions[LOADER_KEY] = loader
    if profile is not None:
        app.extensions[PROFILE_KEY] = profile
    if acting is not None:
        app.extensions[ACTING_KEY] = acting


def current_acting() -> Acting | None:
    """For whom the signed-in account acts on this request, if for another."""
    loader: ActingLoader | None = current_app.extensions.get(ACTING_KEY)
    return loader() if loader is not None else None


def allowed_service(slug: str) -> bool:
    """Whether this request may reach the service ``slug``: always, unless it acts under a mandate that leaves it
    out."""
    acting = current_acting()
    return acting is None or acting.allows(slug)


def current_profile() -> dict[str, str]:
    """The profile of the account signed in on this request (attribute -> value as stored), else nothing."""
    loader: ProfileLoader | None = current_app.extensions.get(PROFILE_KEY)
    return loader() if loader is not None else {}


def current_account_id() -> int | None:
    """The id of the account signed in on this request, else None."""
    loader: AccountLoader | None = current_app.extensions.get(LOADER_KEY)
    return loader() if loader is not None else None
