"""Whether a channel gives a citizen something to do: a platform or an app is of use only through its address.

A web platform or a mobile app named without an address leaves the citizen to guess where it is; its page then
says that the address is not published and points to the body's website and contact. A counter is described by the
body's contact, a telephone line by its number, and this portal by the service's own "apply" button.
"""

from __future__ import annotations

from collections.abc import Iterable

from portal.catalogue.models import Channel, Service
from portal.registry.validation import is_valid_url

ADDRESSED_KINDS = ("web", "mobile")  # a platform or an app: reached through its address


def is_usable(channel: Channel, service: Service) -> bool:
    """True when a citizen can use ``service`` through ``channel`` from what its page says."""
    if channel.kind in ADDRESSED_KINDS:
        return is_valid_url(channel.url)
    if channel.kind == "portal":
        return service.hosted
    if channel.kind == "phone":
        return bool((service.body.contact or {}).get("phone"))
    return True  # a counter: the body's contact says where


def has_usable_channel(channels: Iterable[Channel], service: Service) -> bool:
    return any(is_usable(channel, service) for channel in channels)


def lacks_address(channel: Channel) -> bool:
    """A platform or an app whose address is not published: its page says so and where to ask."""
    return channel.kind in ADDRESSED_KINDS and not channel.url
