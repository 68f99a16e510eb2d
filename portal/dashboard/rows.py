"""The dashboard's figures as rows: labelled in the page's language for its tables, as codes and numbers for the
exports (CSV and JSON)."""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, get_locale, gettext

from portal.dashboard.figures import Figures, Missing, sector, services_of
from portal.i18n.formats import format_day
from portal.i18n.moments import format_moment
from portal.registry import get_registry
from portal.registry.vocabulary import DOMAINS, MATURITY_LEVELS, STATUSES
from portal.staff.audit import actor_label

_VOCABULARIES: dict[str, Any] = {"domain": DOMAINS, "status": STATUSES}


def missing_rows(missing: Missing) -> dict[str, Any]:
    """The named missing services, each with its body, status and planned date (not live yet, or live below the
    programme's level), and ``<kind>_more``: how many more of each kind are not named."""
    rows: dict[str, Any] = {}
    for name, found in (("planned", missing.planned), ("below_level", missing.below_level)):
        rows[name] = [(service, service.body.acronym, STATUSES.label(service.status),
                       format_day(service.planned_live_on, width="medium") if service.planned_live_on else "")
                      for service in services_of(found)]  # fmt: skip
        rows[f"{name}_more"] = missing.more.get(name, 0) + len(found) - len(rows[name])
    return rows


def timeline_rows(figures: Figures) -> list[tuple[Any, ...]]:
    return [(format_day(day, width="MMMM y"), value) for day, value in figures.timeline]


def breakdown_rows(figures: Figures, name: str) -> list[tuple[Any, ...]]:
    """A breakdown's counts in the vocabulary's order, each labelled in the page's language."""
    order = _order(name)
    counts = figures.breakdown[name]
    ranked = sorted(counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    return [(_label(_VOCABULARIES.get(name), code, name), count) for code, count in ranked]


def shown_rows(figures: Figures) -> dict[str, list[tuple[Any, ...]]]:
    """The tables beside the charts, labelled in the page's language."""
    bodies = sector(get_registry().bodies)
    rows: dict[str, list[tuple[Any, ...]]] = {
        "timeline": timeline_rows(figures),
        "late": [(s.texts[_locale(s)].title, s.body.acronym, STATUSES.label(s.status),
                  format_day(s.planned_live_on, width="medium") if s.planned_live_on else "")
                 for s in services_of(figures.late)],
        "recent": [(format_moment(change.changed_at, "short"), change.service.texts[_locale(change.service)].title,
                    STATUSES.label(change.status), actor_label(change.author)) for change in figures.recent],
        "sector": [(row.body.name(get_locale().language), row.platforms, row.eservices) for row in bodies]
        + [(gettext("Total"), sum(row.platforms for row in bodies), sum(row.eservices for row in bodies))],
    }  # fmt: skip
    for name in figures.breakdown:
        rows[name] = breakdown_rows(figures, name)
    return rows


def _locale(service: Any) -> str:
    language = get_locale().language
    return language if language in service.texts else next(iter(service.texts))


def _order(name: str) -> list[str]:
    if name == "body":
        return list(get_registry().bodies)
    vocabularies: dict[str, Any] = {"domain": DOMAINS, "status": STATUSES, "maturity": MATURITY_LEVELS}
    return [str(code) for code in vocabularies[name]]


def tables(figures: Figures, locale: str) -> dict[str, list[dict[str, Any]]]:
    """Every figure as rows of codes and numbers: what the CSV and JSON exports hold."""
    with force_locale(locale):
        rows: dict[str, list[dict[str, Any]]] = {
            "progress": [{"programme": figures.programme.code, "live": figures.live, "target": figures.programme.target,
                          "percent": round(figures.percent, 1), "deadline": figures.programme.deadline.isoformat()}],
            "timeline": [{"month_end": day.isoformat(), "live": value} for day, value in figures.timeline],
            "forecast": [_forecast_row(figures)],
            "late": [{"service": service.slug, "body": service.body, "status": service.status,
                      "planned_live_on": service.planned_live_on.isoformat() if service.planned_live_on else ""}
                     for service in figures.late],
            "recent": [{"service": change.service.slug, "status": change.status, "at": change.changed_at.isoformat(),
                        "by": change.author} for change in figures.recent],
            "sector": [{"body": row.body.code, "platforms": row.platforms, "eservices": row.eservices}
                       for row in sector(get_registry().bodies)],
        }  # fmt: skip
        for name, counts in figures.breakdown.items():
            vocabulary = _VOCABULARIES.get(name)
            rows[name] = [{"code": code, "label": _label(vocabulary, code, name), "count": count}
                          for code, count in sorted(counts.items())]  # fmt: skip
    return rows


def _forecast_row(figures: Figures) -> dict[str, Any]:
    forecast = figures.forecast
    return {
        "pace_per_month": forecast.pace,
        "target_reached_on": forecast.reached_on.isoformat() if forecast.reached_on else "",
        "needed_per_month": forecast.needed_pace if forecast.needed_pace is not None else "",
    }


def _label(vocabulary: Any, code: str, name: str) -> str:
    if vocabulary is not None:
        return str(vocabulary.label(code))
    if name == "maturity":
        return str(MATURITY_LEVELS.label(int(code)))
    body = get_registry().bodies.get(code)
    return body.acronym if body else code
