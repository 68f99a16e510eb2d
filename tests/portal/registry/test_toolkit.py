"""The toolkit is the whole of what a plugin may import: its names are pinned, so a removal is deliberate."""

from __future__ import annotations

from datetime import date

import portal.registry.toolkit as toolkit

# Removing a name breaks the plugins that use it: change this list only with a note to the bodies' teams.
PINNED = [
    "ACCOUNT_ALLOWED", "ACCOUNT_NEEDED", "ACCOUNT_NONE",
    "AUDIENCES", "AppliedRule", "BodyPlugin", "CHANNEL_KINDS", "Channel", "Contact", "DEFAULT_STATUSES", "DOMAINS",
    "Document", "Estimate", "EstimateLine", "Exit", "HandlingStatus", "HostedForm", "IneligibleError", "JPEG",
    "LIFE_EVENTS", "MATURITY_LEVELS",
    "NoRuleError", "PDF", "PNG", "PORTAL_CHANNEL", "RuleBook", "RuleDefinition", "STATUSES", "Schema", "Service",
    "ServiceText", "Step", "TableLine", "ValidationError", "fields", "format_amount", "format_day", "format_number",
    "format_rate", "in_every_locale", "lazy_gettext", "normalise_digits", "percent_in_every_locale", "rule", "rules",
    "table_lines",
    "today", "validates", "validates_schema",
    # the connector contract (portal.registry.connector)
    "Answer", "Challenge", "Connector", "FundError", "FundUnavailableError", "MalformedAnswerError", "NotFoundError",
    "PersonLinking", "RefusedError", "Transport", "require",
]  # fmt: skip


def test_the_toolkit_exports_exactly_the_pinned_names() -> None:
    assert sorted(toolkit.__all__) == sorted(PINNED)


def test_every_exported_name_is_defined() -> None:
    assert [name for name in toolkit.__all__ if not hasattr(toolkit, name)] == []


def test_a_rule_is_declared_with_its_labels_unit_and_bounds_by_keyword() -> None:
    day = date(2025, 1, 1)
    declared = toolkit.rule("demo.rate", (day, "0.1", {"fr": "Loi"}), unit="percent", bounds=("0", "0.5"),
                            labels={"fr": "Taux", "ar": "النسبة"})  # fmt: skip
    assert declared == toolkit.RuleDefinition("demo.rate", {"ar": "النسبة", "fr": "Taux"}, "percent",
                                              ((day, "0.1", {"fr": "Loi"}),), "0", "0.5")  # fmt: skip
    assert toolkit.rule("demo.days", unit="days", labels={"fr": "Jours", "ar": "أيام"}).bounds() == (0, 3650)
