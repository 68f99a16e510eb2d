"""The project ships its seven bodies as entry points of its own distribution, in their display order."""

from __future__ import annotations

from portal.registry import get_registry
from tests.bodies import bundled_bodies
from tests.conftest import AppFactory

SEVEN = ["mtess", "cnas", "cnr", "casnos", "cnac", "cacobatph", "anem"]


def test_the_seven_bodies_are_installed_as_entry_points(make_app: AppFactory) -> None:
    assert sorted(bundled_bodies()) == sorted(SEVEN)
    assert list(get_registry(make_app(migrate=False)).bodies) == SEVEN
