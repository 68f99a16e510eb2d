"""The lines of a list answered as a table (``fields.table``): typed one entry per line, values separated by
``;`` (or ``,``), or loaded from the CSV template. The core counts and shows the entries from here, and a
plugin checks them from here, so both agree on what a line is: a blank line, or one of empty values only
(``;;;``, as spreadsheets save an empty row), is no entry, and a first line without any digit is the header."""

from __future__ import annotations

import csv
from dataclasses import dataclass


@dataclass(frozen=True)
class TableLine:
    """An entry of the list: its line number, counted from 1 as a spreadsheet shows it, and its values
    (``None``: a line the CSV reader cannot read)."""

    number: int
    cells: tuple[str, ...] | None


def delimiter_of(text: str) -> str:
    return ";" if text.count(";") >= text.count(",") else ","


def _cells(raw: str, delimiter: str) -> tuple[str, ...] | None:
    try:
        return tuple(cell.strip() for cell in next(csv.reader([raw], delimiter=delimiter), []))
    except csv.Error:
        return None


def table_lines(text: str) -> list[TableLine]:
    """Every entry of the list, in order; blank lines and the header are left out. Never raises."""
    delimiter = delimiter_of(text)
    found: list[TableLine] = []
    first = True
    for number, raw in enumerate(text.splitlines(), start=1):
        cells = _cells(raw, delimiter) if raw.strip() else ()
        if cells is not None and not any(cells):
            continue
        if first and cells is not None and not any(character.isdigit() for cell in cells for character in cell):
            first = False
            continue  # the header, such as the template's
        first = False
        found.append(TableLine(number, cells))
    return found
