"""A fund's own hosted service started from a record of my space with answers written in from the record (a gap of
the career for CNR's report of a missing period, last year's declaration for CACOBATPH's simulation): the service is
found by its slug, must be the fund's, take applications now, have the fields written in, and be one this request may
reach (a mandate names its services)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from flask import redirect, url_for
from werkzeug.wrappers import Response

from portal.current_account import allowed_service
from portal.dossiers import drafts, form_state


def fund_service(slug: str, fund: str, fields: Collection[str]) -> form_state.HostedService | None:
    """The fund's hosted service ``slug``, when it has every field of ``fields`` and this request may reach it."""
    hosted = form_state.open_service(slug)
    if hosted is None or hosted.service.body.code != fund or not allowed_service(slug):
        return None
    declared = hosted.form.schema().fields
    return hosted if all(name in declared for name in fields) else None


def start_prefilled(hosted: form_state.HostedService, answers: Mapping[str, str]) -> Response:
    """A new application of the service with ``answers`` written in, opened at its first step (the applicant
    changes any of them before anything is sent)."""
    token = drafts.new_token()
    drafts.save(hosted.service, token, form_state.StepShown(form_state.FormState(answers=dict(answers)), []))
    return redirect(url_for("dossiers.apply_step", slug=hosted.service.slug, draft=token, step=0))
