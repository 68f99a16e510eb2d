"""The bundled bodies' tests (services/*) run against the bundled bodies: the suite's app fixtures (``app``,
``portal_app``, ``make_app``...) load them instead of the test bodies."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest

from tests.bodies import bundled_bodies
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox, running_sandbox


@pytest.fixture
def make_app(make_app: AppFactory) -> AppFactory:
    """The suite's factory with the bundled bodies enabled (a test may still choose others)."""
    return partial(make_app, ENABLED_BODIES=bundled_bodies())


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """The sandbox funds of this test alone: what its payments write there is not seen by another test."""
    with running_sandbox() as running:
        yield running
