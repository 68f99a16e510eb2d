"""From a hosted form's schema to what the pages show: steps, fields with their labels, values and errors,
and the answers of a dossier as a person reads them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from babel.dates import get_month_names
from flask_babel import gettext, ngettext
from marshmallow import Schema, fields
from werkzeug.datastructures import MultiDict

from portal.clock import today
from portal.dossiers.lists import entry_count
from portal.i18n import Translated, format_quantity
from portal.i18n.formats import babel_locale, format_day, format_number
from portal.registry import dates
from portal.registry.digits import grouped, grouped_example
from portal.registry.hosted_form import Estimate, HostedForm, Step
from portal.registry.tables import table_lines

TABLE_FILE_BYTES = 5 * 1024 * 1024  # the CSV file of a list: 10,000 workers take about 600 kB
FINAL_STEP = Step("documents", Translated("Documents, contact and sending"), ())
NOTHING_TO_ATTACH = Step("documents", Translated("Contact and sending"), ())  # the last step when nothing is attached


@dataclass(frozen=True)
class FieldView:
    """A field as the template renders it."""

    name: str
    widget: str
    label: str
    help: str
    required: bool
    value: str
    errors: list[str]
    choices: list[tuple[str, str]] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    prefilled: bool = False  # its value is the applicant's profile's
    locked: bool = False  # and the service takes it as it is


def steps_of(form: HostedForm) -> list[Step]:
    """The plugin's steps (one step with every field when it declares none), then documents and sending."""
    steps = list(form.steps) or [Step("answers", Translated("Details"),
                                      tuple(form.schema().fields))]  # fmt: skip
    return [*steps, FINAL_STEP if form.documents else NOTHING_TO_ATTACH]


def step_of_field(steps: list[Step], name: str) -> int:
    return next((index for index, step in enumerate(steps) if name in step.fields), len(steps) - 1)


def first_step_with(steps: list[Step], names: Iterable[str], default: int) -> int:
    """The earliest step holding one of these fields (in error): the applicant is taken back there."""
    return min((step_of_field(steps, name) for name in names), default=default)


def raw_values(schema: Schema, data: MultiDict[str, str]) -> dict[str, str]:
    """The posted values of the schema's fields, as text; an empty box is no answer, an unticked box is false; a
    date typed in three boxes is one value (``year-month-day`` as typed), or the one carried from an earlier step."""
    found: dict[str, str] = {}
    for name, item in schema.fields.items():
        value = data.get(name, "").strip()
        if item.metadata.get("widget") == "date" and any(f"{name}-{part}" in data for part in dates.PARTS):
            value = dates.joined(*(data.get(f"{name}-{part}", "") for part in dates.PARTS))
        if isinstance(item, fields.Boolean):
            found[name] = "true" if value in {"true", "on", "1"} else "false"
        elif value:
            found[name] = value
    return found


def field_views(schema: Schema, names: Iterable[str], raw: Mapping[str, str], errors: Mapping[str, list[str]],
                locale: str) -> list[FieldView]:  # fmt: skip
    views = []
    for name in names:
        item = schema.fields[name]
        meta = item.metadata
        choices = [(code, labels.get(locale, code)) for code, labels in meta.get("choices", {}).items()]
        attributes = {key: meta[key] for key in ("max_length", "minimum", "maximum", "autocomplete") if meta.get(key)}
        if meta.get("columns"):
            attributes["columns"] = [labels.get(locale, code) for code, labels in meta["columns"].items()]
        attributes.update(_format_of(meta, raw.get(name, "")))
        views.append(FieldView(name=name, widget=meta.get("widget", "text"), label=meta["label"].get(locale, name),
                               help=meta.get("help", {}).get(locale, ""), required=bool(item.required),
                               value=raw.get(name, ""), errors=list(errors.get(name, [])), choices=choices,
                               attributes=attributes))  # fmt: skip
    return views


def left_to_right(text: str) -> str:
    """``text`` isolated left to right (Unicode's LRI ... PDI): groups of digits keep their order in Arabic."""
    return f"\u2066{text}\u2069"


def _format_of(meta: Mapping[str, Any], value: str) -> dict[str, Any]:
    """What a digits or date field shows of the format it expects: the count of digits with an example in groups,
    or a date's parts as typed, an example date and the months' numbers with their names."""
    if meta.get("widget") == "digits":
        count = meta["digits"]
        hint = ngettext("%(num)s digit, for example %(example)s.", "%(num)s digits, for example %(example)s.", count,
                        example=left_to_right(grouped_example(count)))  # fmt: skip
        return {"format": hint}
    if meta.get("widget") == "date":
        example = date(today().year - (40 if meta.get("past") else 0), 3, 27)
        # Not isolated left to right: in Arabic the numbers then read day first from the right, as the boxes do.
        numbers = f"{example.day} {example.month} {example.year}"
        hint = gettext(
            "For example, %(numbers)s (%(date)s).", numbers=numbers, date=format_day(example, width="d MMMM y")
        )
        months = list(get_month_names("wide", locale=babel_locale()).values())
        return {"parts": dates.split(value), "months": months, "format": hint}
    return {}


def answer_rows(form: HostedForm, answers: Mapping[str, Any], locale: str) -> list[tuple[str, str]]:
    """Each answered field's label and value, in the order of the form, as the applicant and agents read them."""
    schema = form.schema()
    rows = []
    for name, item in schema.fields.items():
        if name not in answers or answers[name] in (None, ""):
            continue
        rows.append((item.metadata["label"].get(locale, name), display(item, answers[name], locale)))
    return rows


def decode_csv(data: bytes, limit: int) -> str:
    """A CSV file's text: UTF-8 (with or without its mark), else Windows Arabic, as spreadsheets save it."""
    if len(data) > limit:
        raise ValueError(gettext("The file is too large: at most %(limit)s MB.", limit=limit // (1024 * 1024)))
    for encoding in ("utf-8-sig", "cp1256"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").strip()
        except UnicodeDecodeError:
            continue
    raise ValueError(gettext("The file cannot be read: save it as CSV (UTF-8) and try again."))


def display(item: fields.Field, value: Any, locale: str) -> str:
    choices = item.metadata.get("choices")
    if item.metadata.get("widget") == "table":
        return entry_count(item.metadata, len(table_lines(str(value))), locale)
    if choices and value in choices:
        return str(choices[value].get(locale, value))
    if isinstance(item, fields.Boolean):
        return gettext("Yes") if value in (True, "true") else gettext("No")
    if isinstance(item, fields.Date):
        return format_day(value if isinstance(value, date) else date.fromisoformat(str(value)))
    if item.metadata.get("widget") == "digits":
        return f"\u2066{grouped(str(value))}\u2069"  # in groups of four, isolated left to right (LRI ... PDI)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value) if item.metadata.get("grouping", True) else str(value)
    return str(value)


def estimate_data(estimate: Estimate | None) -> list[dict[str, Any]] | None:
    """An estimate as the dossier keeps it: each line's code, label and detail in every locale, value and unit."""
    if estimate is None:
        return None
    return [{"code": line.code, "label": dict(line.label), "value": str(line.value), "unit": line.unit,
             "detail": dict(line.detail), "indicative": line.indicative} for line in estimate.lines]  # fmt: skip


class EstimateRow(NamedTuple):
    label: str
    value: str  # formatted for the reader's locale
    detail: str  # how it was found
    indicative: bool  # read from a value not yet confirmed by a published text: the body confirms the amount


def estimate_rows(data: list[dict[str, Any]] | None, locale: str) -> list[EstimateRow]:
    """Each line's label, value formatted for ``locale``, how it was found and whether it is indicative (a line
    stored before lines had codes reads the same). The pages mark the indicative lines and give the notice once."""
    return [EstimateRow(str(line["label"].get(locale, "")), format_quantity(line["value"], line.get("unit", "")),
                        str(line.get("detail", {}).get(locale, "")), bool(line.get("indicative")))
            for line in data or []]  # fmt: skip
