"""The facade body plugins import: the only part of the core, and of its libraries, a plugin may depend on.

Keep it small and stable: a name removed here breaks every plugin that uses it. The names taken from
marshmallow (a form's schema and its cross-field rules) are re-exported so that a plugin never imports them
itself; a date, an amount, a rate or a number is written with the core's formats (``format_day``,
``format_amount``, ``format_rate``, ``format_number``, for each locale with ``in_every_locale``), as every page
writes them: Algerian month names, no full stop between groups of digits, ``دج``/``DA``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext
from marshmallow import Schema, ValidationError, validates, validates_schema

from portal.clock import today
from portal.i18n import in_every_locale, percent_in_every_locale
from portal.i18n.formats import format_amount, format_day, format_number, format_rate
from portal.registry import fields
from portal.registry.connector import (
    Answer,
    Challenge,
    Connector,
    FundError,
    FundUnavailableError,
    MalformedAnswerError,
    NotFoundError,
    PersonLinking,
    RefusedError,
    Transport,
    require,
)
from portal.registry.current_rules import rules
from portal.registry.digits import normalise_digits
from portal.registry.handling_status import DEFAULT_STATUSES
from portal.registry.hosted_form import (
    ACCOUNT_ALLOWED,
    ACCOUNT_NEEDED,
    ACCOUNT_NONE,
    JPEG,
    PDF,
    PNG,
    Document,
    Estimate,
    EstimateLine,
    Exit,
    HandlingStatus,
    HostedForm,
    IneligibleError,
    Step,
)
from portal.registry.rule_book import AppliedRule, NoRuleError, RuleBook, RuleDefinition, rule
from portal.registry.spec import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from portal.registry.tables import TableLine, table_lines
from portal.registry.vocabulary import (
    AUDIENCES,
    CHANNEL_KINDS,
    DOMAINS,
    LIFE_EVENTS,
    MATURITY_LEVELS,
    STATUSES,
)

__all__ = [
    "ACCOUNT_ALLOWED",
    "ACCOUNT_NEEDED",
    "ACCOUNT_NONE",
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
    "Answer",
    "AppliedRule",
    "BodyPlugin",
    "Challenge",
    "Channel",
    "Connector",
    "Contact",
    "Document",
    "Estimate",
    "EstimateLine",
    "Exit",
    "FundError",
    "FundUnavailableError",
    "HandlingStatus",
    "HostedForm",
    "IneligibleError",
    "MalformedAnswerError",
    "NoRuleError",
    "NotFoundError",
    "PersonLinking",
    "RefusedError",
    "RuleBook",
    "RuleDefinition",
    "Schema",
    "Service",
    "ServiceText",
    "Step",
    "TableLine",
    "Transport",
    "ValidationError",
    "fields",
    "format_amount",
    "format_day",
    "format_number",
    "format_rate",
    "in_every_locale",
    "lazy_gettext",
    "normalise_digits",
    "percent_in_every_locale",
    "require",
    "rule",
    "rules",
    "table_lines",
    "today",
    "validates",
    "validates_schema",
]
