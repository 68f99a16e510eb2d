"""Request handlers of the citizen pages: parse, call a query, render."""

from __future__ import annotations

from flask import abort, render_template, request

from portal.caching import cached
from portal.catalogue.browse import Filters, browse
from portal.catalogue.facets import TITLES, facet_options
from portal.catalogue.hosting import takes_applications
from portal.catalogue.linked_data import government_service
from portal.catalogue.queries import body_by_code, body_rows, catalogue_version, life_event_counts, service_by_slug
from portal.catalogue.schemas import lenient_filters
from portal.i18n import current_locale
from portal.registry import get_registry
from portal.registry.vocabulary import LIFE_EVENTS


def enabled_bodies() -> list[str]:
    return list(get_registry().bodies)


@cached
def home() -> str:
    return render_template(
        "catalogue/home.html",
        bodies=body_rows(enabled_bodies()),
        life_events=life_event_counts(enabled_bodies()),
        updated=catalogue_version()[1],
    )


@cached
def services() -> str:
    filters = lenient_filters(request.args)
    locale = current_locale()
    result = browse(filters, enabled_bodies(), locale)
    return render_template(
        "catalogue/services.html",
        filters=filters,
        result=result,
        facets=facet_options(result, filters, list(get_registry()), locale),
        facet_titles=TITLES,
    )


@cached
def service(slug: str) -> str:
    found = service_by_slug(slug, enabled_bodies())
    if found is None:
        abort(404)
    return render_template(
        "catalogue/service.html",
        service=found,
        structured_data=government_service(found, current_locale()),
        can_apply=takes_applications(found),
    )


@cached
def body(code: str) -> str:
    found = body_by_code(code, enabled_bodies())
    if found is None:
        abort(404)
    result = browse(Filters(body=(code,), per_page=100), enabled_bodies(), current_locale(), with_facets=False)
    return render_template("catalogue/body.html", body=found, result=result)


@cached
def life_event(code: str) -> str:
    if code not in LIFE_EVENTS:
        abort(404)
    result = browse(Filters(life_event=(code,), per_page=100), enabled_bodies(), current_locale(), with_facets=False)
    return render_template("catalogue/life_event.html", code=code, result=result)
