"""The rule tables in the back office: a ministry administrator reads every rule with its history, adds a
row when a law changes it (from a date), or corrects a row; each change is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.i18n import format_quantity
from portal.i18n.formats import format_day
from portal.registry import get_registry
from portal.registry.rule_book import MAX_VALUE_LENGTH, RuleDefinition, RuleValueError, readable, stored_value
from portal.rules.models import RuleRow
from portal.staff import audit
from portal.staff.access import requires

Page = str | Response | tuple[str, int]
HUNDRED = Decimal(100)


def shown(value: str, unit: str) -> str:
    """A rule's value as a person reads it, in the page's language. A stored value that is not a number the rule
    could take (a row written before values were checked) is shown as text, cut short: the page still opens,
    and the row can be corrected."""
    if readable(value) is None:
        return _cut(value)
    try:
        return format_quantity(value, "DZD" if unit == "dinars" else unit)
    except (InvalidOperation, ValueError, OverflowError):  # a number too large for a currency's or a percent's format
        return _cut(value)


def typed(value: str, unit: str) -> str:
    """The value as the form shows it for editing: a percentage is typed as 12.21, not 0.1221."""
    number = readable(value)
    if number is None:
        return _cut(value)
    return format((number * HUNDRED if unit == "percent" else number).normalize(), "f")


def _cut(value: str) -> str:
    return value if len(value) <= MAX_VALUE_LENGTH else value[:MAX_VALUE_LENGTH] + "…"


@requires("rules.manage")
def rules_page() -> Page:
    return _page({}, {})


def _page(problems: dict[str, str], form: dict[str, str], status: int = 200) -> Page:
    definitions = sorted(get_registry().rules.values(), key=lambda item: item.code)
    rows: dict[str, list[RuleRow]] = {}
    for row in db.session.scalars(select(RuleRow).order_by(RuleRow.code, RuleRow.valid_from)):
        rows.setdefault(row.code, []).append(row)
    page = render_template("rules/rules.html", definitions=definitions, rows=rows, shown=shown, typed=typed,
                           problems=problems, form=form)  # fmt: skip
    return (page, status) if status != 200 else page


Read = tuple[str, dict[str, str], dict[str, str]]


def _read(definition: RuleDefinition, form: dict[str, str], problems: dict[str, str]) -> Read:
    """The value (stored as a fraction for a percentage), the legal reference in every locale and the note on a
    value no official text confirms yet (in every locale, or none), or problems."""
    value = ""
    try:
        value = stored_value(definition, _typed_number(form.get("value", ""), definition.unit))
    except RuleValueError as refused:
        problems["value"] = _refusal(definition, refused.reason)
    reference = {locale: form.get(f"reference_{locale}", "").strip() for locale in current_app.config["LOCALES"]}
    if not all(reference.values()):
        problems["reference"] = _("Give the legal reference in every language of the portal.")
    unconfirmed = {locale: form.get(f"unconfirmed_{locale}", "").strip() for locale in current_app.config["LOCALES"]}
    if any(unconfirmed.values()) and not all(unconfirmed.values()):
        problems["unconfirmed"] = _("Give the note on the unconfirmed value in every language, or in none.")
    return value, reference, unconfirmed if any(unconfirmed.values()) else {}


def _typed_number(typed_text: str, unit: str) -> Decimal:
    """What the person typed (12,21 or 12.21; a percentage in percent) as the number stored (0.1221)."""
    text = typed_text.replace(",", ".").replace(" ", "").replace("\u00a0", "")
    if len(text) > MAX_VALUE_LENGTH:
        raise RuleValueError("length")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RuleValueError("number") from None
    if not number.is_finite():
        raise RuleValueError("number")
    return number / HUNDRED if unit == "percent" else number


def _refusal(definition: RuleDefinition, reason: str) -> str:
    """Why a value is refused, naming the values the rule may take, as the person reads them."""
    if reason == "number":
        return _("Type a number, for example 12.21 or 150.")
    low, high = (shown(str(bound), definition.unit) for bound in definition.bounds())
    if reason == "length":
        return _("Type a shorter number (%(count)s characters at most), from %(minimum)s to %(maximum)s.",
                 count=MAX_VALUE_LENGTH, minimum=low, maximum=high)  # fmt: skip
    return _("Type a number from %(minimum)s to %(maximum)s.", minimum=low, maximum=high)


@requires("rules.manage")
def add_rule_row() -> Page:
    """A law changes a rule: a new row from a date; the earlier rows keep applying to earlier dates."""
    form = request.form.to_dict()
    definition = get_registry().rules.get(form.get("code", ""))
    if definition is None:
        flash(_("No rule has this code."), "danger")
        return _page({}, form, 422)
    problems: dict[str, str] = {}
    value, reference, unconfirmed = _read(definition, form, problems)
    try:
        valid_from = date.fromisoformat(form.get("valid_from", ""))
    except ValueError:
        problems["valid_from"] = _("Give the date from which the new value applies.")
    else:
        taken = select(RuleRow.id).where(RuleRow.code == definition.code, RuleRow.valid_from == valid_from)
        if db.session.scalar(taken) is not None:
            problems["valid_from"] = _("A row of this rule already applies from that date: correct it instead.")
    if problems:
        return _page({f"{definition.code}:{name}": text for name, text in problems.items()}, form, 422)
    db.session.add(RuleRow(code=definition.code, valid_from=valid_from, value=value, reference=reference,
                           unconfirmed=unconfirmed, updated_by=current_user.email))  # fmt: skip
    audit.record("rule.add", definition.code, value=value, valid_from=valid_from.isoformat())
    db.session.commit()
    flash(_("The new value has been recorded. It applies from %(date)s.", date=format_day(valid_from)), "success")
    return redirect(url_for(".rules", _anchor=definition.code))


@requires("rules.manage")
def correct_rule_row(row_id: int) -> Page:
    """A mistake in a row: its value or its reference corrected, what it was kept in the audit log."""
    row = db.session.get(RuleRow, row_id)
    definition = get_registry().rules.get(row.code) if row is not None else None
    if row is None or definition is None:
        abort(404)
    problems: dict[str, str] = {}
    value, reference, unconfirmed = _read(definition, request.form.to_dict(), problems)
    if problems:
        return _page({f"{row.id}:{name}": text for name, text in problems.items()}, request.form.to_dict(), 422)
    before: dict[str, Any] = {"value": row.value, "reference": row.reference, "unconfirmed": row.unconfirmed}
    row.value, row.reference, row.unconfirmed, row.updated_by = value, reference, unconfirmed, current_user.email
    audit.record("rule.correct", row.code, valid_from=row.valid_from.isoformat(), before=before, after=value)
    db.session.commit()
    flash(_("The row has been corrected."), "success")
    return redirect(url_for(".rules", _anchor=row.code))
