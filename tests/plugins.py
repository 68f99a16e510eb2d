"""A small, valid body plugin that tests copy and break one field at a time."""

from __future__ import annotations

from typing import Any, ClassVar

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText

TEXTS = {
    "ar": ServiceText(title="خدمة تجريبية", summary="ملخص الخدمة التجريبية."),
    "fr": ServiceText(title="Service d'essai", summary="Résumé du service d'essai."),
}


def service(slug: str = "demo-service", **changes: object) -> Service:
    fields: dict[str, Any] = {
        "slug": slug,
        "domain": "social_security",
        "audiences": ("salaried",),
        "life_events": ("having_a_child",),
        "channels": ("demo-web",),
        "texts": TEXTS,
    }
    fields.update(changes)
    return Service(**fields)


class Demo(BodyPlugin):
    code = "demo"
    kind = "fund"
    acronym = "DEMO"
    names = {"ar": "صندوق تجريبي", "fr": "Caisse d'essai"}
    website = "https://demo.example.dz"
    contact = Contact(email="contact@demo.example.dz", url="https://demo.example.dz/contact")
    channels: ClassVar[tuple[Channel, ...]] = (
        Channel("demo-web", "web", {"ar": "منصة", "fr": "Plateforme"}, "https://e.demo.example.dz"),
    )
    services: ClassVar[tuple[Service, ...]] = (
        service(),
        service("demo-hosted", channels=(PORTAL_CHANNEL,), hosted=True),
    )


# Source of a valid plugin module, for tests that register it through a real entry point.
PLUGIN_SOURCE = """
from tests.plugins import Demo

class Plugin(Demo):
    code = "{code}"
    services = ()
"""
