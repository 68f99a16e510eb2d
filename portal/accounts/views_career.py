"""What the career page adds to the career record: the estimate of the retirement date and the pension, from the
rule tables in force (``portal/connectors/retirement.py``)."""

from __future__ import annotations

from typing import Any

from portal.clock import today
from portal.connectors import records, retirement
from portal.dossiers import forms
from portal.i18n import current_locale
from portal.registry.current_rules import rules


def career_extras(record: records.Career) -> dict[str, Any]:
    """The estimate's rows and note for the career page (none for a pensioner or without the rules)."""
    found = retirement.estimate(record, record.born, today(), rules())
    if found is None:
        return {}
    locale = current_locale()
    return {"estimate_rows": forms.estimate_rows(forms.estimate_data(found), locale),
            "estimate_note": found.note.get(locale, "")}  # fmt: skip
