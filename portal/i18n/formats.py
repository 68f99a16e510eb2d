"""The one way the platform writes a date, an amount, a rate or a number, in every language: pages, emails,
estimates, the API's texts and the plugins' messages all come here.

- Dates use the Babel locale of the portal's language (``ar`` is written as ``ar_DZ``): the Algerian month
  names (جانفي ... جويلية ... ديسمبر), never the Mashriq ones (يناير ... يوليو) that plain ``ar`` gives.
- Numbers have a decimal comma and no full stop between groups in any language: ``ar_DZ`` groups thousands with
  a full stop, so that 1.900 hours reads 1.9 to a bilingual reader. Groups are separated by a narrow no-break
  space, as in French (1 900; 72 000,00), which also keeps a number whole in right-to-left text.
- Dinars are written ``72 000,00 دج`` and ``72 000,00 DA``: Babel's Arabic symbol ``د.ج.`` ends with a full stop,
  which doubles the stop of the sentence it closes.
- Rates use the Latin percent sign in both languages, as the digits are Latin: never ``٪``. French puts a no-break
  space before it (``18,25 %``); Arabic writes it against the number (``18,25%``), as Algerian administrative texts
  do, which also keeps it on the number's side in right-to-left text (after a space it would jump before it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal as babel_format_decimal
from babel.numbers import format_percent as babel_format_percent
from flask import Flask, current_app, has_app_context
from flask_babel import force_locale, get_locale, to_user_timezone

GROUP = "\u202f"  # narrow no-break space between groups of digits, in every language
PERCENT = "#,##0.0##\u00a0%"  # a rate as the platform writes it: 0.1825 reads 18,25 % (18,25% in Arabic)
AMOUNT = "#,##0.00"
DINARS = {"ar": "دج", "fr": "DA"}  # the symbol used in Algeria's texts in each language; DZD elsewhere
DEFAULT_FORMAT_LOCALES = {"ar": "ar_DZ", "fr": "fr_DZ"}
Number = Decimal | int | float


def babel_locale(locale: str | None = None) -> str:
    """The Babel locale that formats ``locale`` (a portal language such as ``ar``, or already ``ar_DZ``); the
    request's when None."""
    if locale is None:
        return str(get_locale() or "ar_DZ") if has_app_context() else "ar_DZ"
    configured = current_app.config["FORMAT_LOCALES"] if has_app_context() else DEFAULT_FORMAT_LOCALES
    return configured.get(locale) or configured.get(_language(locale)) or locale


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0]


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Texts and formats in ``locale`` (a portal language), for an email, the API or an index written outside
    that language's pages: Flask-Babel's ``force_locale`` with the Babel locale that writes Algerian dates."""
    with force_locale(babel_locale(locale)):
        yield


def _numbers(text: str, locale: str) -> str:
    """A number as Babel wrote it in ``locale``, with the platform's group separator and without the marks that
    force a direction (the page's ``dir`` and Unicode's rules already keep a number whole)."""
    symbols = {"\u200f": "", "\u200e": "", "\u061c": ""}
    if _language(locale) == "ar":  # ar_DZ: 1.234,5 -> 1 234,5
        symbols["."] = GROUP
    for mark, replacement in symbols.items():
        text = text.replace(mark, replacement)
    return text


def install_filters(app: Flask) -> None:
    """The templates' filters write with these formats: ``dateformat`` (Flask-Babel's name, kept), ``amount``,
    ``rate`` and ``number``."""
    app.jinja_env.filters.update(dateformat=lambda day, width="medium": format_day(day, width=width or "medium"),
                                 amount=format_amount, rate=format_rate, number=format_number)  # fmt: skip


def format_day(day: date | datetime, locale: str | None = None, width: str = "long") -> str:
    """A date as a person reads it: ``19 جويلية 2025``, ``19 juillet 2025``, ``1er juillet 2027``; a moment is
    first brought to the portal's time zone (Africa/Algiers), so that late evening is still the same day."""
    if isinstance(day, datetime) and has_app_context():
        day = to_user_timezone(day)
    target = babel_locale(locale)
    text = str(babel_format_date(day, width, locale=target))
    if _language(target) == "fr" and width == "long" and day.day == 1 and text.startswith("1 "):
        return "1er " + text[2:]  # French writes the first of the month as an ordinal
    return text


def format_number(number: Number, locale: str | None = None) -> str:
    """A count or a quantity (hours, days, a base): 1 900, 12,5."""
    target = babel_locale(locale)
    return _numbers(str(babel_format_decimal(number, locale=target)), target)


def format_amount(amount: Number, locale: str | None = None) -> str:
    """An amount in dinars with its centimes: ``72 000,00 دج``, ``72 000,00 DA``."""
    target = babel_locale(locale)
    digits = _numbers(str(babel_format_decimal(amount, AMOUNT, locale=target)), target)
    return f"{digits}\u00a0{DINARS.get(_language(target), 'DZD')}"


def format_rate(fraction: Number, locale: str | None = None) -> str:
    """A rate given as a fraction: 0.1825 reads ``18,25 %`` in both languages."""
    target = babel_locale(locale)
    pattern = PERCENT.replace("\u00a0", "") if _language(target) == "ar" else PERCENT
    return _numbers(str(babel_format_percent(fraction, pattern, locale=target)), target)
