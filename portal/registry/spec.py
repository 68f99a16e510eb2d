"""The plugin contract: what a body declares to appear on the platform.

A body is a subclass of :class:`BodyPlugin` registered under the ``portal.bodies`` entry-point group
(see ``pyproject.toml``). Everything it declares is data: the loader validates it at start-up and
freezes it into a :class:`BodySpec`, which is all the rest of the core ever reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from portal.registry.connector import Connector
from portal.registry.hosted_form import HostedForm
from portal.registry.rule_book import RuleDefinition

# Text in every enabled locale, keyed by locale code ("ar", "fr", ...).
Localised = Mapping[str, str]


@dataclass(frozen=True)
class Contact:
    """How a citizen reaches the body; ``address`` is given in every locale."""

    email: str | None = None
    phone: str | None = None
    url: str | None = None
    address: Localised = field(default_factory=dict)


@dataclass(frozen=True)
class Channel:
    """Where a service is used: a web platform, a mobile app, a counter, a telephone line."""

    code: str
    kind: str  # a code of vocabulary.CHANNEL_KINDS
    names: Localised
    url: str | None = None


@dataclass(frozen=True)
class ServiceText:
    """A service's text in one locale; the fields follow CPSV-AP where it has a term."""

    title: str
    summary: str
    audience: str = ""  # who it is for
    eligibility: str = ""
    documents: tuple[str, ...] = ()  # required evidence
    steps: tuple[str, ...] = ()
    cost: str = ""
    processing_time: str = ""
    legal_basis: str = ""  # legal resource


@dataclass(frozen=True)
class Service:
    """A service as its body declares it: identity and behaviour (code) and initial content."""

    slug: str
    domain: str  # vocabulary.DOMAINS
    texts: Mapping[str, ServiceText]  # one per enabled locale
    audiences: tuple[str, ...]  # vocabulary.AUDIENCES
    life_events: tuple[str, ...] = ()  # vocabulary.LIFE_EVENTS
    channels: tuple[str, ...] = ()  # codes of the body's channels, or "portal" when hosted here
    maturity: int = 1  # vocabulary.MATURITY_LEVELS
    payment: str = "none"  # vocabulary.PAYMENT_OPTIONS: nothing to pay, paid online, or paid elsewhere
    status: str = "live"  # vocabulary.STATUSES
    hosted: bool = False  # True: the service is used on this platform
    planned_live_on: date | None = None  # the go-live date the body planned, for a service not live yet
    form: HostedForm | None = None  # the form of a hosted service that takes applications here


# The channel every hosted service has, whatever its body.
PORTAL_CHANNEL = "portal"


class BodyPlugin:
    """Base class of a body plugin. Subclasses set every class attribute below.

    ``code`` must equal the entry-point name. ``names`` and every text are given in each enabled
    locale. ``services`` lists the body's services as data; nothing is built at import time.
    """

    code: ClassVar[str]
    kind: ClassVar[str]  # vocabulary.BODY_KINDS
    acronym: ClassVar[str]
    names: ClassVar[Localised]
    website: ClassVar[str]
    contact: ClassVar[Contact]
    channels: ClassVar[tuple[Channel, ...]] = ()
    services: ClassVar[tuple[Service, ...]] = ()
    rules: ClassVar[tuple[RuleDefinition, ...]] = ()  # the rule tables its computations read
    position: ClassVar[int] = 100  # order on the home page, smallest first
    connector: ClassVar[type[Connector] | None] = None  # how the platform reaches the body's system, if it can
    # Groups of words that find each other in search: the names people type for the body and its platforms, in
    # any script ("cnas", "كناس"); the acronym as written is indexed already.
    synonyms: ClassVar[tuple[tuple[str, ...], ...]] = ()

    REQUIRED: ClassVar[tuple[str, ...]] = ("code", "kind", "acronym", "names", "website", "contact")


@dataclass(frozen=True)
class BodySpec:
    """A validated, immutable snapshot of one plugin, as the registry holds it."""

    code: str
    kind: str
    acronym: str
    names: Localised
    website: str
    contact: Contact
    channels: tuple[Channel, ...]
    services: tuple[Service, ...]
    position: int
    plugin: BodyPlugin = field(compare=False, repr=False)
    rules: tuple[RuleDefinition, ...] = ()
    connector: type[Connector] | None = field(default=None, compare=False, repr=False)
    synonyms: tuple[tuple[str, ...], ...] = ()

    def name(self, locale: str) -> str:
        return self.names[locale]
