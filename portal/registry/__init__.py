"""The plugin registry: the contract (spec), discovery (loader) and the plugins' facade (toolkit)."""

from __future__ import annotations

from flask import Flask, current_app

from portal.registry.loader import EXTENSION_KEY, Registry, RegistryError, build_registry, load_registry

__all__ = ["Registry", "RegistryError", "build_registry", "get_registry", "init_app", "load_registry"]


def init_app(app: Flask) -> Registry:
    """Load the enabled bodies once, at start-up, and keep the registry on the app."""
    registry = load_registry(app.config["ENABLED_BODIES"], app.config["LOCALES"])
    app.extensions[EXTENSION_KEY] = registry
    return registry


def get_registry(app: Flask | None = None) -> Registry:
    registry: Registry = (app or current_app).extensions[EXTENSION_KEY]
    return registry
