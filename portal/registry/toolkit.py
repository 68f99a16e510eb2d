"""The facade body plugins import: the only part of the core a plugin may depend on.

Keep it small and stable: a name removed here breaks every plugin that uses it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext

from portal.clock import today
from portal.i18n import in_every_locale
from portal.registry import fields
from portal.registry.current_rules import rules
from portal.registry.handling_status import DEFAULT_STATUSES
from portal.registry.hosted_form import (
    JPEG,
    PDF,
    PNG,
    Document,
    Estimate,
    EstimateLine,
    HandlingStatus,
    HostedForm,
    Step,
)
from portal.registry.rule_book import AppliedRule, NoRuleError, RuleBook, RuleDefinition
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
    "DEFAULT_STATUSES",
    "DOMAINS",
    "JPEG",
    "LIFE_EVENTS",
    "MATURITY_LEVELS",
    "PDF",
    "PNG",
    "PORTAL_CHANNEL",
    "STATUSES",
    "AppliedRule",
    "BodyPlugin",
    "Channel",
    "Contact",
    "Document",
    "Estimate",
    "EstimateLine",
    "HandlingStatus",
    "HostedForm",
    "NoRuleError",
    "RuleBook",
    "RuleDefinition",
    "Service",
    "ServiceText",
    "Step",
    "fields",
    "in_every_locale",
    "lazy_gettext",
    "rules",
    "today",
]
