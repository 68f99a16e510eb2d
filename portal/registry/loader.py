"""Discovery of body plugins through entry points, validation, and the immutable registry."""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from types import MappingProxyType

from portal.registry.rule_book import RuleDefinition
from portal.registry.spec import BodyPlugin, BodySpec, Contact
from portal.registry.validation import duplicate_rules, duplicate_slugs, problem, unknown_rules, validate_plugin

ENTRY_POINT_GROUP = "portal.bodies"
EXTENSION_KEY = "portal.registry"


class RegistryError(RuntimeError):
    """One or more plugins are invalid; ``problems`` lists each, naming the plugin and the field."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {item}" for item in self.problems)
        super().__init__(f"the body plugins cannot be loaded:\n{lines}")


@dataclass(frozen=True)
class Registry:
    """The loaded bodies, in display order, and their services; read-only once built."""

    bodies: Mapping[str, BodySpec]

    @property
    def rules(self) -> dict[str, RuleDefinition]:
        """Every rule the plugins declare, by code."""
        return {rule.code: rule for body in self.bodies.values() for rule in body.rules}

    def __iter__(self) -> Iterator[BodySpec]:
        return iter(self.bodies.values())

    def __len__(self) -> int:
        return len(self.bodies)


def discover() -> list[EntryPoint]:
    """Every entry point of the ``portal.bodies`` group, in every installed distribution."""
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name)


def load_registry(enabled: Sequence[str] | None, locales: Sequence[str]) -> Registry:
    """Load, validate and freeze the enabled plugins (all installed ones when ``enabled`` is None)."""
    points = discover()
    problems = _duplicate_points(points)
    installed = {point.name: point for point in points}
    if enabled is not None:
        problems += [
            problem(name, "ENABLED_BODIES", f"is enabled but no {ENTRY_POINT_GROUP!r} entry point provides it")
            for name in enabled
            if name not in installed
        ]
    selected = [point for point in installed.values() if enabled is None or point.name in enabled]
    plugins: dict[str, type[BodyPlugin]] = {}
    for point in selected:
        loaded, errors = _load_class(point)
        problems += errors
        if loaded is not None:
            plugins[point.name] = loaded
    try:
        registry = build_registry(plugins, locales)
    except RegistryError as error:
        problems += error.problems
    if problems:
        raise RegistryError(problems)
    return registry


def build_registry(plugins: Mapping[str, type[BodyPlugin]], locales: Sequence[str]) -> Registry:
    """Validate plugin classes (keyed by the name they are registered under) and freeze them. The bodies are
    checked together too: a slug or a rule claimed twice, a form reading a rule none of them declares."""
    problems: list[str] = []
    specs: list[BodySpec] = []
    for name, plugin in plugins.items():
        errors = validate_plugin(name, plugin, locales)
        problems += errors
        if not errors:
            specs.append(_freeze(plugin()))
    problems += duplicate_slugs({spec.code: spec.services for spec in specs})
    problems += duplicate_rules({spec.code: spec.rules for spec in specs})
    declared = (rule.code for plugin in plugins.values() for rule in plugin.rules)  # an invalid body's too
    problems += unknown_rules({spec.code: spec.services for spec in specs}, declared)
    if problems:
        raise RegistryError(problems)
    specs.sort(key=lambda spec: (spec.position, spec.code))
    return Registry(MappingProxyType({spec.code: spec for spec in specs}))


def _duplicate_points(points: Sequence[EntryPoint]) -> list[str]:
    values: dict[str, set[str]] = {}
    for point in points:
        values.setdefault(point.name, set()).add(point.value)
    return [
        problem(name, "entry point", f"is registered more than once ({', '.join(sorted(found))})")
        for name, found in values.items()
        if len(found) > 1
    ]


def _load_class(point: EntryPoint) -> tuple[type[BodyPlugin] | None, list[str]]:
    try:
        loaded = point.load()
    except Exception as exc:  # any import error is the plugin's, reported with its name
        return None, [problem(point.name, "entry point", f"{point.value!r} cannot be imported: {exc}")]
    if not (inspect.isclass(loaded) and issubclass(loaded, BodyPlugin)):
        return None, [problem(point.name, "entry point", f"{point.value!r} is not a BodyPlugin subclass")]
    return loaded, []


def _freeze(plugin: BodyPlugin) -> BodySpec:
    contact = plugin.contact
    return BodySpec(
        code=plugin.code,
        kind=plugin.kind,
        acronym=plugin.acronym,
        names=MappingProxyType(dict(plugin.names)),
        website=plugin.website,
        contact=Contact(contact.email, contact.phone, contact.url, MappingProxyType(dict(contact.address))),
        channels=tuple(plugin.channels),
        services=tuple(plugin.services),
        position=plugin.position,
        plugin=plugin,
        rules=tuple(plugin.rules),
        connector=plugin.connector,
        synonyms=tuple(tuple(group) for group in plugin.synonyms),
    )
