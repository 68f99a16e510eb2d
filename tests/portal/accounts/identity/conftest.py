"""The demo national identity provider, running for the session, and an app configured for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from tests import oidc_provider
from tests.conftest import require
from tests.portal.accounts.identity.helpers import PORTAL, settings


@pytest.fixture(scope="session")
def issuer() -> Iterator[str]:
    require(oidc_provider.available(), "Node with oidc-provider (npm ci)")
    with oidc_provider.running_provider(PORTAL) as url:
        yield url


@pytest.fixture
def identity_app(make_app: Callable[..., Flask], issuer: str) -> Flask:
    return make_app(**settings(issuer))
