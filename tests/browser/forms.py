"""Filling a hosted form's fields as a person does, in any language."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page


def type_date(page: Page, legend: str, day: date) -> None:
    """Type ``day`` into the three boxes (day, month, year) of the date whose fieldset has this legend."""
    group = page.get_by_role("group", name=legend)
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        group.locator(f"input[name$='-{part}']").fill(str(value))
