"""The lists of a hosted form (``fields.table``) as people read them: how many entries they hold (blank lines
and the header are no entries), and, before sending, the entries themselves a page at a time, so that a list
of 10,000 workers is checked without a page of 10,000 rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale
from flask import request
from flask_babel import format_decimal, ngettext

from portal.i18n import current_locale
from portal.inputs import parse_id
from portal.registry.hosted_form import HostedForm
from portal.registry.tables import TableLine, table_lines

PER_PAGE = 50  # entries on a page of the list


def entry_count(metadata: Mapping[str, Any], count: int, locale: str) -> str:
    """``count`` entries in words, as the plugin names them (``12 travailleurs``), else as lines."""
    forms = metadata.get("entries", {}).get(locale)
    if not forms:
        return ngettext("%(num)s line", "%(num)s lines", count)
    text: str = forms.get(Locale.parse(locale).plural_form(count)) or forms["other"]
    return text.format(count=format_decimal(count))


@dataclass(frozen=True)
class ListPage:
    """One page of a list's entries, as the last step of the form shows them."""

    name: str
    label: str
    count: str
    columns: list[str]
    rows: list[TableLine]
    page: int
    pages: int
    total: int

    @property
    def first(self) -> int:
        return (self.page - 1) * PER_PAGE + 1

    @property
    def last(self) -> int:
        return min(self.page * PER_PAGE, self.total)


def page_of(name: str, lines: list[TableLine]) -> tuple[int, int]:
    """The page asked for in the address (``<name>-page``), kept within the list, and the number of pages."""
    pages = max(1, -(-len(lines) // PER_PAGE))
    asked = parse_id(request.args.get(f"{name}-page"))
    return min(max(asked or 1, 1), pages), pages


def pages_asked(form: HostedForm) -> dict[str, Any]:
    """The pages of the form's lists asked for in the address (``<name>-page``), as numbers: only these go on to
    the address of the step to show, never another name or text of the query string."""
    asked: dict[str, Any] = {}
    for name, item in form.schema().fields.items():
        page = parse_id(request.args.get(f"{name}-page"))
        if item.metadata.get("widget") == "table" and page:
            asked[f"{name}-page"] = page
    return asked


def previews(form: HostedForm, answers: Mapping[str, str]) -> list[ListPage]:
    """A page of each list the applicant answered, in the request's language."""
    locale = current_locale()
    found = []
    for name, item in form.schema().fields.items():
        if item.metadata.get("widget") != "table" or not answers.get(name):
            continue
        lines = table_lines(str(answers[name]))
        page, pages = page_of(name, lines)
        found.append(ListPage(
            name=name, label=item.metadata["label"].get(locale, name),
            count=entry_count(item.metadata, len(lines), locale),
            columns=[labels.get(locale, code) for code, labels in item.metadata["columns"].items()],
            rows=lines[(page - 1) * PER_PAGE : page * PER_PAGE], page=page, pages=pages, total=len(lines),
        ))  # fmt: skip
    return found
