"""The message catalogue of the current locale, looked up once per locale and request.

Flask-Babel finds the catalogue anew for every message (its context, the locale, the domain, the cache key: ~15 µs),
and a page shows 60 to 200 messages. Here the catalogue found is kept beside the locale it was found for, in
Flask-Babel's own state on ``g``: ``force_locale`` (an email in the applicant's language) replaces that locale, so the
catalogue is looked up again, and the request's comes back with it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal as babel_format_decimal
from babel.support import NullTranslations
from flask import Flask, g
from flask_babel import format_decimal, get_locale, get_translations

STATE = "_flask_babel"  # where Flask-Babel keeps the request's locale (babel_locale) and catalogue
MEMO = "portal_catalogue"


def translations() -> NullTranslations:
    """The current locale's catalogue (Flask-Babel's ``get_translations``, remembered for this locale)."""
    state = g.get(STATE)
    if state is not None:
        memo = getattr(state, MEMO, None)
        if memo is not None and memo[0] is getattr(state, "babel_locale", None):
            return memo[1]
    found = get_translations()
    state = g.get(STATE)
    if state is not None and getattr(state, "babel_locale", None) is not None:
        setattr(state, MEMO, (state.babel_locale, found))
    return found


def gettext(message: str, **variables: Any) -> str:
    text = translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, count: int, **variables: Any) -> str:
    variables.setdefault("num", count)
    return translations().ungettext(singular, plural, count) % variables


def decimal_format(number: Any, pattern: str | None = None) -> str:
    """Flask-Babel's ``decimalformat`` filter, with a whole number's text remembered per locale."""
    if pattern is None and isinstance(number, int) and not isinstance(number, bool):
        return _whole_number(number, str(get_locale()))
    return str(format_decimal(number, pattern))


@lru_cache(maxsize=4096)
def _whole_number(number: int, locale: str) -> str:
    return str(babel_format_decimal(number, locale=locale))


def install(app: Flask) -> None:
    """The templates' ``_``, ``gettext``, ``ngettext`` and ``decimalformat`` read the remembered catalogue."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: translations().ugettext(message),
        ngettext=lambda singular, plural, count: translations().ungettext(singular, plural, count),
        pgettext=lambda context, message: translations().upgettext(context, message),
        npgettext=lambda context, singular, plural, count: translations().unpgettext(context, singular, plural, count),
        newstyle=True,
    )
    app.jinja_env.filters["decimalformat"] = decimal_format
