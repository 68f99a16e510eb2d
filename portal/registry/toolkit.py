"""The facade body plugins import: the only part of the core a plugin may depend on.

Keep it small and stable: a name removed here breaks every plugin that uses it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext

from portal.registry.spec import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from portal.registry.vocabulary import (
    AUDIENCES,
    CHANNEL_KINDS,
    DOMAINS,
    LIFE_EVENTS,
    MATURITY_LEVELS,
    STATUSES,
)

__all__ = [
    "AUDIENCES",
    "CHANNEL_KINDS",
    "DOMAINS",
    "LIFE_EVENTS",
    "MATURITY_LEVELS",
    "PORTAL_CHANNEL",
    "STATUSES",
    "BodyPlugin",
    "Channel",
    "Contact",
    "Service",
    "ServiceText",
    "lazy_gettext",
]
