"""Languages: the locale comes from the URL (``/ar/...``, ``/fr/...``); direction and formats follow it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from flask import Flask, abort, current_app, g, has_request_context, redirect, request, url_for
from flask_babel import force_locale, get_locale, gettext, ngettext
from werkzeug.wrappers import Response

from portal.addresses import canonical
from portal.extensions import babel
from portal.i18n import catalogues
from portal.i18n.formats import format_amount, format_day, format_number, format_rate, install_filters
from portal.i18n.moments import format_moment

LOCALE_ARG = "lang_code"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    catalogues.install(app)
    install_filters(app)
    app.jinja_env.filters["datetimeformat"] = format_moment
    app.url_value_preprocessor(_pull_locale)
    app.url_defaults(_add_locale)
    app.context_processor(_template_context)
    app.add_url_rule("/", "root", redirect_to_locale)


def current_locale() -> str:
    """The URL locale of this request, else the best match of the browser's languages."""
    if has_request_context() and getattr(g, LOCALE_ARG, None):
        return str(g.lang_code)
    locales: list[str] = current_app.config["LOCALES"]
    if has_request_context():
        return request.accept_languages.best_match(locales) or current_app.config["DEFAULT_LOCALE"]
    return str(current_app.config["DEFAULT_LOCALE"])


def select_locale() -> str:
    """Flask-Babel's selector: the Babel locale for formats (``ar_DZ``); gettext falls back to ``ar``."""
    return format_locale(current_locale(), current_app.config["FORMAT_LOCALES"])


@lru_cache(maxsize=64)
def _babel_knows(identifier: str) -> bool:
    try:
        Locale.parse(identifier)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def format_locale(locale: str, configured: dict[str, str]) -> str:
    if locale in configured:
        return configured[locale]
    regional = f"{locale}_DZ"
    return regional if _babel_knows(regional) else locale


@lru_cache(maxsize=64)
def text_direction(locale: str) -> str:
    """``rtl`` or ``ltr``, from Babel's data, so a new locale needs no code."""
    try:
        return str(Locale.parse(locale).text_direction)
    except (UnknownLocaleError, ValueError):
        return "ltr"


def in_every_locale(render: Callable[[str], str]) -> dict[str, str]:
    """``render`` called with the Babel locale of each enabled locale (``ar_DZ``...): a text in every locale,
    for a message a plugin writes with a date or an amount in it."""
    configured = current_app.config["FORMAT_LOCALES"]
    return {locale: render(format_locale(locale, configured)) for locale in current_app.config["LOCALES"]}


def percent_in_every_locale(fraction: Decimal) -> dict[str, str]:
    """A rate (a fraction: 0.13 reads 13 %) written in every locale as the core writes a ``percent`` value, for a
    label or a message that shows a rule's rate: take the fraction from the rule applied, never write it."""
    return in_every_locale(lambda babel: format_rate(fraction, babel))


class Translated(Mapping[str, str]):
    """A core text in every enabled locale, read from the message catalogues. Where a plugin gives its texts as a
    mapping of locale to text, the core gives one of these (``Translated("Received")``, extracted like
    ``gettext``), so that a third locale needs only its catalogue, not a change to the code."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __getitem__(self, locale: str) -> str:
        if locale not in current_app.config["LOCALES"]:
            raise KeyError(locale)
        with force_locale(locale):
            return str(gettext(self.message))

    def __iter__(self) -> Iterator[str]:
        return iter(current_app.config["LOCALES"])

    def __len__(self) -> int:
        return len(current_app.config["LOCALES"])

    def __bool__(self) -> bool:  # a text, in whichever locale: true without asking the app for its locales
        return True

    def __repr__(self) -> str:
        return f"Translated({self.message!r})"


# A whole number of a unit, with the unit's name in the plural form the number takes in the current language.
COUNTED: Mapping[str, Callable[[int], str]] = {
    "days": lambda count: ngettext("%(num)s day", "%(num)s days", count),
    "hours": lambda count: ngettext("%(num)s hour", "%(num)s hours", count),
    "years": lambda count: ngettext("%(num)s year", "%(num)s years", count),
    "quarters": lambda count: ngettext("%(num)s quarter", "%(num)s quarters", count),
}


def format_quantity(value: str, unit: str) -> str:
    """A value in the current language by its unit: ``DZD`` or ``dinars``, ``percent`` (a fraction: 0.2 reads
    20 %), ``days``, ``hours``, ``years``, ``quarters``, ``date`` (ISO); any other number as a number, and text
    as it is."""
    if unit == "date":
        return format_day(date.fromisoformat(value))
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if unit in ("DZD", "dinars"):
        return format_amount(number)
    if unit == "percent":
        return format_rate(number)
    if unit in COUNTED:
        return COUNTED[unit](int(number))
    return format_number(number)


def redirect_to_locale() -> Response:
    """``/``: send the visitor to the home page in the best of their browser's languages."""
    response = redirect(url_for("catalogue.home", lang_code=current_locale()))
    response.headers["Vary"] = "Accept-Language"
    return response


def switch_url(locale: str) -> str:
    """The current page in another locale, with its query string; the home page where there is none. The query
    string is carried as it came, never as ``url_for`` arguments: ``?_anchor=`` or ``?slug=`` must not steer it."""
    if request.endpoint and request.url_rule and LOCALE_ARG in request.url_rule.arguments:
        values = {**(request.view_args or {}), LOCALE_ARG: locale}
        return url_with_query(request.endpoint, request.args.to_dict(flat=False), **values)
    return url_for("catalogue.home", lang_code=locale)


def alternate_url(locale: str) -> str:
    """The current page in another locale at the canonical address, for ``hreflang`` alternates (which must be
    absolute)."""
    return canonical(switch_url(locale))


def url_with_query(endpoint: str, query: Mapping[str, Any], **values: Any) -> str:
    """The address of ``endpoint`` with ``values`` in its path and ``query`` (a visitor's query string, maybe
    changed) appended as it is: a visitor's ``_anchor``, ``_method`` or ``lang_code`` never reaches ``url_for``."""
    path = url_for(endpoint, **values)
    encoded = urlencode(query, doseq=True)
    return f"{path}?{encoded}" if encoded else path


def _pull_locale(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is None or LOCALE_ARG not in values:
        return
    locale = values.pop(LOCALE_ARG)
    if locale not in current_app.config["LOCALES"]:
        abort(404)
    g.lang_code = locale


def _add_locale(endpoint: str, values: dict[str, Any]) -> None:
    if LOCALE_ARG not in values and current_app.url_map.is_endpoint_expecting(endpoint, LOCALE_ARG):
        values[LOCALE_ARG] = current_locale()


def _template_context() -> dict[str, Any]:
    locale = current_locale()
    return {
        "locale": locale,
        "direction": text_direction(locale),
        "locales": current_app.config["LOCALES"],
        "locale_name": locale_name,
        "language_name": language_name,
        "switch_url": switch_url,
        "alternate_url": alternate_url,
        "url_with_query": url_with_query,
        "text_direction": text_direction,
    }


@lru_cache(maxsize=64)
def locale_name(locale: str) -> str:
    """A language's name in that language (العربية, Français), for the language switch."""
    try:
        name = Locale.parse(locale).get_display_name(locale) or locale
    except (UnknownLocaleError, ValueError):
        return locale
    return name[:1].upper() + name[1:]


def language_name(locale: str) -> str:
    """A language's name in the reader's language: الفرنسية on an Arabic page, « arabe » on a French one."""
    reader = get_locale()
    return _display_name(locale, reader.language if reader is not None else current_locale())


@lru_cache(maxsize=64)
def _display_name(locale: str, reader: str) -> str:
    try:
        return Locale.parse(locale).get_display_name(reader) or locale
    except (UnknownLocaleError, ValueError):
        return locale
