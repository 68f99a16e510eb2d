"""Bodies are found through the ``portal.bodies`` entry points; problems stop the start-up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portal.registry import RegistryError, get_registry
from tests.bodies import TEST_BODIES, bundled_bodies
from tests.conftest import AppFactory
from tests.plugins import PLUGIN_SOURCE


def test_the_test_bodies_are_installed_as_entry_points_in_display_order(make_app: AppFactory) -> None:
    app = make_app(migrate=False)
    assert list(get_registry(app).bodies) == ["mintest", "demo", "pilote"]


def test_without_the_enabled_setting_every_installed_body_loads(make_app: AppFactory) -> None:
    app = make_app(migrate=False, ENABLED_BODIES=None)
    assert set(get_registry(app).bodies) == {*TEST_BODIES, *bundled_bodies()}


def test_a_body_appears_when_its_entry_point_is_registered(
    make_app: AppFactory, install_plugin: Callable[..., None]
) -> None:
    install_plugin("acme", PLUGIN_SOURCE.format(code="acme"))
    app = make_app(ENABLED_BODIES=[*TEST_BODIES, "acme"])
    assert "acme" in get_registry(app).bodies
    page = app.test_client().get("/fr/").get_data(as_text=True)
    assert 'href="/fr/bodies/acme"' in page


def test_the_enabled_setting_limits_the_bodies(make_app: AppFactory) -> None:
    app = make_app(migrate=False, ENABLED_BODIES=["mintest", "pilote"])
    assert list(get_registry(app).bodies) == ["mintest", "pilote"]


def test_an_enabled_body_that_is_not_installed_stops_the_start(make_app: AppFactory) -> None:
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["demo", "demoo"])
    assert caught.value.problems == [
        "plugin 'demoo', field 'ENABLED_BODIES': is enabled but no 'portal.bodies' entry point provides it"
    ]


def test_a_plugin_that_cannot_be_imported_is_named(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("broken", "import not_a_module_anywhere\n")
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["broken"])
    [message] = caught.value.problems
    assert message.startswith("plugin 'broken', field 'entry point': ")
    assert "cannot be imported: No module named 'not_a_module_anywhere'" in message


def test_an_entry_point_that_is_not_a_plugin_class(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("thing", "Plugin = {'code': 'thing'}\n")
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["thing"])
    [message] = caught.value.problems
    assert message.startswith("plugin 'thing', field 'entry point': ")
    assert message.endswith("is not a BodyPlugin subclass")


def test_a_code_registered_twice_is_refused(make_app: AppFactory, install_plugin: Callable[..., None]) -> None:
    install_plugin("demo", PLUGIN_SOURCE.format(code="demo"), distribution="fake_demo")
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False)
    [message] = caught.value.problems
    assert message.startswith("plugin 'demo', field 'entry point': is registered more than once (")
    assert "tests.bodies.fund:Fund" in message
