"""The rules a body plugin must satisfy; each problem names the plugin and the field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from portal.registry.connector import connector_problems
from portal.registry.form_validation import form_problems
from portal.registry.rule_book import MAX_VALUE_LENGTH, UNIT_BOUNDS, RuleDefinition, RuleValueError, stored_value
from portal.registry.spec import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText
from portal.registry.vocabulary import (
    AUDIENCES,
    BODY_KINDS,
    CHANNEL_KINDS,
    DOMAINS,
    LIFE_EVENTS,
    MATURITY_LEVELS,
    PAYMENT_OPTIONS,
    STATUSES,
    Vocabulary,
    maturity_reached,
)

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
RULE_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
RULE_UNITS = tuple(UNIT_BOUNDS)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def problem(plugin: str, field: str, message: str) -> str:
    return f"plugin {plugin!r}, field {field!r}: {message}"


def is_valid_url(url: object) -> bool:
    """An absolute http(s) URL with a dotted host name."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and "." in parts.netloc and " " not in url


def validate_plugin(name: str, plugin: type[BodyPlugin], locales: Sequence[str]) -> list[str]:
    """Every problem of one plugin class loaded under entry-point ``name``."""
    missing = [attr for attr in BodyPlugin.REQUIRED if not hasattr(plugin, attr)]
    if missing:
        return [problem(name, attr, "is missing") for attr in missing]
    problems: list[str] = []
    if plugin.code != name:
        problems.append(problem(name, "code", f"is {plugin.code!r} but the entry point is named {name!r}"))
    if not isinstance(plugin.code, str) or not CODE_PATTERN.match(plugin.code):
        problems.append(problem(name, "code", "must be 2-32 lowercase letters, digits or underscores"))
    problems += _in_vocabulary(name, "kind", plugin.kind, BODY_KINDS)
    problems += _localised(name, "names", plugin.names, locales)
    if not is_valid_url(plugin.website):
        problems.append(problem(name, "website", f"{plugin.website!r} is not an absolute http(s) URL"))
    problems += _contact(name, plugin.contact, locales)
    problems += _channels(name, plugin.channels, locales)
    problems += _rules(name, plugin.rules, locales)
    problems += _synonyms(name, plugin.synonyms)
    if plugin.connector is not None:
        problems += [problem(name, "connector", message) for message in connector_problems(plugin.connector)]
    channel_codes = {channel.code for channel in plugin.channels} | {PORTAL_CHANNEL}
    for index, service in enumerate(plugin.services):
        problems += _service(name, service_field(index, service), service, locales, channel_codes)
    return problems


def service_field(index: int, service: Service) -> str:
    """How problems name a service: by its slug, or by its place when it has no slug to name it by."""
    slug = service.slug if isinstance(service.slug, str) and service.slug.strip() else index
    return f"services[{slug}]"


def _claimed_twice(names_by_body: Mapping[str, Iterable[str]], field: str, say: Callable[[str, str], str]) -> list[str]:
    """A name (slug, rule code) claimed by a second body: ``say(name, first body)`` tells the second one."""
    owner: dict[str, str] = {}
    problems: list[str] = []
    for body, names in names_by_body.items():
        for name in names:
            if name in owner:
                problems.append(problem(body, field, say(name, owner[name])))
            owner.setdefault(name, body)
    return problems


def duplicate_slugs(services_by_body: Mapping[str, Iterable[Service]]) -> list[str]:
    """A slug names one service across the whole platform."""
    slugs = {body: [service.slug for service in services] for body, services in services_by_body.items()}
    return _claimed_twice(slugs, "services.slug",
                          lambda slug, first: f"duplicate slug {slug!r}, already used by plugin {first!r}")  # fmt: skip


def duplicate_rules(rules_by_body: Mapping[str, Iterable[RuleDefinition]]) -> list[str]:
    """A rule code names one rule across the platform (two bodies may read it, one declares it)."""
    codes = {body: [rule.code for rule in rules] for body, rules in rules_by_body.items()}
    return _claimed_twice(codes, "rules.code", lambda code, first: f"rule {code!r} is already declared by {first!r}")


def unknown_rules(services_by_body: Mapping[str, Iterable[Service]], declared: Iterable[str]) -> list[str]:
    """A form reads only rules that an enabled body declares: reading another, it would fail at run time."""
    known = set(declared)
    return [
        problem(body, f"{service_field(index, service)}.form.rules",
                f"the form reads rule {code!r}, which no enabled body declares")
        for body, services in services_by_body.items()
        for index, service in enumerate(services)
        for code in (service.form.rules if service.form is not None else ())
        if code not in known
    ]  # fmt: skip


def _rules(plugin: str, rules: Sequence[RuleDefinition], locales: Sequence[str]) -> list[str]:
    problems: list[str] = []
    for index, rule in enumerate(rules):
        field = f"rules[{index}]"
        if not RULE_CODE.match(rule.code):
            problems.append(problem(plugin, f"{field}.code", f"{rule.code!r} must be dotted lowercase words"))
        problems += _localised(plugin, f"{field}.labels", rule.labels, locales)
        if rule.unit not in RULE_UNITS:
            problems.append(
                problem(plugin, f"{field}.unit", f"unknown unit {rule.unit!r} (known: {', '.join(RULE_UNITS)})")
            )
        bounds = _bounds(rule)
        if bounds is None:
            problems.append(
                problem(plugin, f"{field}.maximum", "minimum and maximum must be decimal numbers, in order")
            )
        for row, seeded in enumerate(rule.seed_rows()):
            problems += _seed_value(plugin, f"{field}.seed[{row}]", rule, seeded.value, bounds)
            problems += _localised(plugin, f"{field}.seed[{row}].reference", seeded.reference, locales)
            if seeded.unconfirmed:
                problems += _localised(plugin, f"{field}.seed[{row}].unconfirmed", seeded.unconfirmed, locales)
    return problems


def _bounds(rule: RuleDefinition) -> tuple[Decimal, Decimal] | None:
    try:
        low, high = rule.bounds()
    except InvalidOperation:
        return None
    return (low, high) if low.is_finite() and high.is_finite() and low <= high else None


def _seed_value(
    plugin: str, field: str, rule: RuleDefinition, value: str, bounds: tuple[Decimal, Decimal] | None
) -> list[str]:
    """A first value must be one a person could type: a decimal number within the rule's bounds."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return [problem(plugin, field, f"{value!r} is not a decimal number")]
    if bounds is None:
        return []
    try:
        stored_value(rule, number)
    except RuleValueError:
        return [
            problem(
                plugin,
                field,
                f"{value!r} is not a value from {bounds[0]} to {bounds[1]} of at most {MAX_VALUE_LENGTH} characters",
            )
        ]
    return []


def _in_vocabulary(plugin: str, field: str, code: object, vocabulary: Vocabulary) -> list[str]:
    if code in vocabulary:
        return []
    known = ", ".join(str(term) for term in vocabulary)
    return [problem(plugin, field, f"unknown {vocabulary.name} {code!r} (known: {known})")]


def _localised(plugin: str, field: str, texts: object, locales: Sequence[str]) -> list[str]:
    if not isinstance(texts, Mapping):
        return [problem(plugin, field, "must map each locale to a text")]
    return [
        problem(plugin, field, f"missing {locale!r} translation")
        for locale in locales
        if not isinstance(texts.get(locale), str) or not texts[locale].strip()
    ]


def _contact(plugin: str, contact: object, locales: Sequence[str]) -> list[str]:
    if not isinstance(contact, Contact):
        return [problem(plugin, "contact", "must be a Contact")]
    problems = []
    if contact.url is not None and not is_valid_url(contact.url):
        problems.append(problem(plugin, "contact.url", f"{contact.url!r} is not an absolute http(s) URL"))
    if contact.email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", contact.email):
        problems.append(problem(plugin, "contact.email", f"{contact.email!r} is not an email address"))
    if contact.address:
        problems += _localised(plugin, "contact.address", contact.address, locales)
    return problems


def _channels(plugin: str, channels: Sequence[Channel], locales: Sequence[str]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for index, channel in enumerate(channels):
        field = f"channels[{index}]"
        if channel.code in seen or channel.code == PORTAL_CHANNEL:
            problems.append(problem(plugin, f"{field}.code", f"duplicate or reserved code {channel.code!r}"))
        seen.add(channel.code)
        problems += _in_vocabulary(plugin, f"{field}.kind", channel.kind, CHANNEL_KINDS)
        problems += _localised(plugin, f"{field}.names", channel.names, locales)
        if channel.url is not None and not is_valid_url(channel.url):
            problems.append(problem(plugin, f"{field}.url", f"{channel.url!r} is not an absolute http(s) URL"))
    return problems


MAX_SYNONYM_GROUPS, MAX_GROUP_WORDS = 20, 12


def _synonyms(plugin: str, groups: object) -> list[str]:
    """Each group: two words or more (a word alone finds only itself), each a short line holding a letter or a digit
    (punctuation alone would be an empty word to the search); a plugin names itself, not a thesaurus."""
    if not isinstance(groups, (tuple, list)) or len(groups) > MAX_SYNONYM_GROUPS:
        return [problem(plugin, "synonyms", f"must be a tuple of at most {MAX_SYNONYM_GROUPS} groups of words")]
    problems: list[str] = []
    for index, group in enumerate(groups):
        words = list(group) if isinstance(group, (tuple, list)) else []
        if not 2 <= len(words) <= MAX_GROUP_WORDS or not all(_a_word(word) for word in words):
            problems.append(problem(plugin, f"synonyms[{index}]", f"must hold 2 to {MAX_GROUP_WORDS} words, each "
                                    "1-60 printable characters with a letter or a digit"))  # fmt: skip
    return problems


def _a_word(word: object) -> bool:
    return isinstance(word, str) and len(word) <= 60 and word.isprintable() and any(
        character.isalnum() and unicodedata.category(character) != "Lm" for character in word)  # fmt: skip


def _service(plugin: str, field: str, service: Service, locales: Sequence[str], channel_codes: set[str]) -> list[str]:
    problems: list[str] = []
    if not isinstance(service.slug, str) or not SLUG_PATTERN.match(service.slug):
        problems.append(problem(plugin, f"{field}.slug", f"{service.slug!r} must be lowercase words joined by '-'"))
    problems += _in_vocabulary(plugin, f"{field}.domain", service.domain, DOMAINS)
    if not service.audiences:
        problems.append(problem(plugin, f"{field}.audiences", "names no audience"))
    for code in service.audiences:
        problems += _in_vocabulary(plugin, f"{field}.audiences", code, AUDIENCES)
    for code in service.life_events:
        problems += _in_vocabulary(plugin, f"{field}.life_events", code, LIFE_EVENTS)
    problems += _in_vocabulary(plugin, f"{field}.maturity", service.maturity, MATURITY_LEVELS)
    problems += _in_vocabulary(plugin, f"{field}.payment", service.payment, PAYMENT_OPTIONS)
    if maturity_reached(service.maturity, service.payment) != service.maturity:
        problems.append(
            problem(plugin, f"{field}.maturity", "level 4 or above needs online payment; payment is elsewhere")
        )
    problems += _in_vocabulary(plugin, f"{field}.status", service.status, STATUSES)
    for code in service.channels:
        if code not in channel_codes:
            problems.append(problem(plugin, f"{field}.channels", f"unknown channel {code!r} of this body"))
    if service.hosted and PORTAL_CHANNEL not in service.channels:
        problems.append(problem(plugin, f"{field}.channels", f"a hosted service lists the {PORTAL_CHANNEL!r} channel"))
    for locale in locales:
        text = service.texts.get(locale) if isinstance(service.texts, Mapping) else None
        if not isinstance(text, ServiceText) or not text.title.strip() or not text.summary.strip():
            problems.append(problem(plugin, f"{field}.texts", f"missing {locale!r} translation"))
    if service.form is not None:
        if not service.hosted:
            problems.append(problem(plugin, f"{field}.form", "only a hosted service has a form"))
        problems += [problem(plugin, f"{field}.form{where}", message)
                     for where, message in form_problems(service.form, locales)]  # fmt: skip
    return problems
