"""What the career page adds to the career record: the estimate of the retirement date and the pension, from the
rule tables in force (``portal/connectors/retirement.py``), and the report of a gap to the fund, which starts the
fund's hosted service ``report-missing-period`` with the gap's dates written in."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import fund_services, sessions
from portal.accounts.throttles import missing_period_limit
from portal.clock import today
from portal.connectors import linking, reads, records, retirement
from portal.dossiers import form_state, forms
from portal.i18n import current_locale
from portal.registry import get_registry
from portal.registry.connector import MalformedAnswerError
from portal.registry.current_rules import rules


def career_extras(fund: str, record: records.Career) -> dict[str, Any]:
    """The estimate's rows and note for the career page (none for a pensioner or without the rules), and whether
    the fund takes reports of a missing period."""
    extras: dict[str, Any] = {"report_gaps": missing_period_service(fund) is not None}
    found = retirement.estimate(record, record.born, today(), rules())
    if found is None:
        return extras
    locale = current_locale()
    return {**extras, "estimate_rows": forms.estimate_rows(forms.estimate_data(found), locale),
            "estimate_note": found.note.get(locale, "")}  # fmt: skip


# The service a fund's body declares for a period missing from the career record, and the fields it prefills.
MISSING_PERIOD = "report-missing-period"


def missing_period_service(fund: str) -> form_state.HostedService | None:
    """The fund's own hosted service for reporting a missing period, when it declares one that takes applications."""
    return fund_services.fund_service(MISSING_PERIOD, fund, ("period_start", "period_end"))


@sessions.signed_in
@missing_period_limit
def report_gap(fund: str, index: int) -> Response:
    """Start the fund's report of a missing period with the gap's dates written, and open its first step."""
    account, hosted = sessions.signed_in_account(), missing_period_service(fund)
    person = linking.person_of(account.id, fund)
    if hosted is None or person is None:
        abort(404)
    try:
        gaps = records.career(reads.read(account.id, fund, "career", person).answer).gaps
    except (reads.NoReadingError, MalformedAnswerError):
        name = get_registry().bodies[fund].name(current_locale())
        flash(_("The information system of %(body)s is not answering at the moment. Nothing was lost: try again in a "
                "few minutes.", body=name), "warning")  # fmt: skip
        return redirect(url_for(".fund_career", fund=fund))
    if not 0 <= index < len(gaps) or gaps[index].end is None:
        abort(404)
    gap = gaps[index]
    answers = {"period_start": gap.start.isoformat(), "period_end": gap.end.isoformat()}  # type: ignore[union-attr]
    return fund_services.start_prefilled(hosted, answers)
