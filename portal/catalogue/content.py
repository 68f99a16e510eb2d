"""A service's editable content as one plain structure: read from the live rows, parsed from the editor's
form, checked before publication, compared between two revisions, and written back on publication."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.catalogue.channels import has_usable_channel
from portal.catalogue.models import Channel, Service, ServiceText, Term
from portal.catalogue.sync import TEXT_FIELDS
from portal.database import utcnow
from portal.extensions import db
from portal.i18n import language_name
from portal.inputs import parse_id
from portal.registry.validation import is_valid_url
from portal.registry.vocabulary import (
    AUDIENCES,
    DOMAINS,
    FULLY_ONLINE,
    LIFE_EVENTS,
    MATURITY_LEVELS,
    PAYMENT_ELSEWHERE,
    PAYMENT_OPTIONS,
    STATUSES,
)

LIST_FIELDS = ("documents", "steps")
REQUIRED_TEXT = ("title", "summary", "audience")
FIELD_LABELS = {
    "title": _l("Title"), "summary": _l("Summary"), "audience": _l("Who is it for?"),
    "eligibility": _l("Conditions"), "documents": _l("Documents to provide"), "steps": _l("Steps"),
    "cost": _l("Cost"), "processing_time": _l("Processing time"), "legal_basis": _l("Legal basis"),
    "domain": _l("Domain"), "audiences": _l("For whom"), "life_events": _l("Life event"),
    "channels": _l("Where to use it"), "status": _l("Status"), "maturity": _l("Level of service"),
    "planned_live_on": _l("Planned go-live date"), "payment": _l("Payment"),
}  # fmt: skip
NO_WAY_IN = _l(
    "No chosen channel lets citizens use the service: a platform or an app needs its address. Choose at least one "
    "channel with an address, a counter or this portal."
)


def snapshot(service: Service) -> dict[str, Any]:
    """The live content of a service."""
    return {
        "texts": {
            locale: {name: list(getattr(text, name)) if name in LIST_FIELDS else getattr(text, name)
                     for name in TEXT_FIELDS}
            for locale, text in service.texts.items()
        },
        "domain": service.domain.code,
        "audiences": [term.code for term in service.terms_of("audience")],
        "life_events": [term.code for term in service.terms_of("life_event")],
        "channels": [channel.code for channel in service.channels],
        "status": service.status,
        "maturity": service.maturity,
        "payment": service.payment,
        "planned_live_on": service.planned_live_on.isoformat() if service.planned_live_on else "",
    }  # fmt: skip


def from_form(form: Mapping[str, str], lists: Mapping[str, list[str]], locales: Iterable[str]) -> dict[str, Any]:
    """The editor's form as content; lists are one item a line; unknown codes are dropped."""
    texts = {}
    for locale in locales:
        texts[locale] = {
            name: _lines(form.get(f"{locale}-{name}", ""))
            if name in LIST_FIELDS
            else form.get(f"{locale}-{name}", "").strip()
            for name in TEXT_FIELDS
        }
    maturity = form.get("maturity", "")
    return {
        "texts": texts,
        "domain": form.get("domain", "") if form.get("domain") in DOMAINS else "",
        "audiences": [code for code in lists.get("audiences", []) if code in AUDIENCES],
        "life_events": [code for code in lists.get("life_events", []) if code in LIFE_EVENTS],
        "channels": list(dict.fromkeys(lists.get("channels", []))),
        "status": form.get("status", "") if form.get("status") in STATUSES else "planned",
        "maturity": level if (level := parse_id(maturity)) in MATURITY_LEVELS else 1,
        "payment": form.get("payment", "") if form.get("payment") in PAYMENT_OPTIONS else "none",
        "planned_live_on": _iso_date(form.get("planned_live_on", "")),
    }


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return ""


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def problems_to_save(data: Mapping[str, Any]) -> dict[str, str]:
    """What stops even a draft from being saved: a domain and at least one audience, so it can be found."""
    problems: dict[str, str] = {}
    if not data["domain"]:
        problems["domain"] = str(_l("Choose a domain."))
    if not data["audiences"]:
        problems["audiences"] = str(_l("Choose at least one audience."))
    if not any(text["title"] for text in data["texts"].values()):
        problems["title"] = str(_l("Give the service a title in at least one language."))
    return problems


def language_gaps(data: Mapping[str, Any], locale: str) -> list[str]:
    """What the text in one language lacks before publication, each as a sentence: the same checks serve the
    publication checklist and the editors' home, so "complete" there means publishable in that language."""
    text = data["texts"].get(locale, {})
    gaps = []
    if not all(text.get(name) for name in REQUIRED_TEXT):
        gaps.append(str(_l("The %(language)s text is incomplete: title, summary and audience are required.",
                           language=language_name(locale))))  # fmt: skip
    if not text.get("legal_basis"):
        gaps.append(str(_l("The legal basis is missing in %(language)s.", language=language_name(locale))))
    return gaps


def completeness(data: Mapping[str, Any], locale: str) -> bool:
    return not language_gaps(data, locale)


def publication_checklist(data: Mapping[str, Any], service: Service, locales: Iterable[str]) -> list[str]:
    """Everything missing before publication, each as a sentence for the publisher."""
    missing = [gap for locale in locales for gap in language_gaps(data, locale)]
    missing.extend(maturity_gaps(data))
    contact = service.body.contact or {}
    if not (contact.get("url") or contact.get("email") or contact.get("phone")):
        missing.append(str(_l("The body has no contact point.")))
    channels = _channels(service, data["channels"])
    if not channels:
        missing.append(str(_l("Choose at least one channel where the service is used.")))
    elif not has_usable_channel(channels, service):
        missing.append(str(NO_WAY_IN))
    for channel in channels:
        if channel.url and not is_valid_url(channel.url):
            missing.append(str(_l("The address of %(channel)s is not valid.", channel=channel.code)))
    return missing


def maturity_gaps(data: Mapping[str, Any]) -> list[str]:
    """A level claimed beyond what the service offers: a fully online transaction (level 4 and above) takes
    its payment online too, so a service that asks to pay elsewhere is at most at level 3."""
    if data.get("maturity", 1) >= FULLY_ONLINE and data.get("payment") == PAYMENT_ELSEWHERE:
        return [str(_l("The level of service is too high: payment is not online, so the service is at most at "
                       "level 3 (online submission)."))]  # fmt: skip
    return []


def _channels(service: Service, codes: Iterable[str]) -> list[Channel]:
    by_code = {channel.code: channel for channel in service.body.channels}
    return [by_code[code] for code in codes if code in by_code]


def differences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field that differs; texts are named with their locale."""
    rows = []
    for locale in sorted(set(before.get("texts", {})) | set(after.get("texts", {}))):
        old, new = before.get("texts", {}).get(locale, {}), after.get("texts", {}).get(locale, {})
        for name in TEXT_FIELDS:
            if _shown(old.get(name)) != _shown(new.get(name)):
                field = f"{FIELD_LABELS[name]} ({language_name(locale)})"
                rows.append((field, _shown(old.get(name)), _shown(new.get(name))))
    for name in ("domain", "audiences", "life_events", "channels", "status", "maturity", "payment", "planned_live_on"):
        old_value, new_value = _shown(before.get(name), name), _shown(after.get(name), name)
        if old_value != new_value:
            rows.append((str(FIELD_LABELS[name]), old_value, new_value))
    return rows


# The fields whose codes are shown by their labels, in the reader's language.
_LABELLED = {"domain": DOMAINS, "audiences": AUDIENCES, "life_events": LIFE_EVENTS, "status": STATUSES,
             "maturity": MATURITY_LEVELS, "payment": PAYMENT_OPTIONS}  # fmt: skip


def _shown(value: Any, name: str = "") -> str:
    vocabulary: Any = _LABELLED.get(name)
    if isinstance(value, list):
        return "\n".join(_shown(item, name) for item in value)
    if vocabulary is not None and value in vocabulary:
        return vocabulary.label(value)
    return "" if value is None else str(value)


def apply(service: Service, data: Mapping[str, Any], editor: str) -> None:
    """Write content onto the live rows (publication); marks it as edited by a person, so sync keeps it."""
    terms = {(term.vocabulary, term.code): term for term in db.session.scalars(select(Term))}
    now = utcnow()
    service.domain = terms[("domain", data["domain"])]
    service.terms = [terms[("audience", code)] for code in data["audiences"]] + [
        terms[("life_event", code)] for code in data["life_events"]
    ]
    service.channels = _channels(service, data["channels"])
    service.status, service.maturity = data["status"], data["maturity"]
    service.payment = data.get("payment", "none")
    service.planned_live_on = date.fromisoformat(data["planned_live_on"]) if data.get("planned_live_on") else None
    service.content_edited_at, service.content_edited_by, service.updated_at = now, editor, now
    for locale, values in data["texts"].items():
        text = service.texts.get(locale) or ServiceText(locale=locale)
        service.texts[locale] = text
        for name in TEXT_FIELDS:
            setattr(text, name, values.get(name, [] if name in LIST_FIELDS else ""))
        text.edited_at, text.edited_by = now, editor
