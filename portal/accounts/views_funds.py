"""My funds: link the account to a fund's records (NSS and date of birth, then the code the fund sent; or the NIN the
identity provider verified), see and end each link, and read the records a fund offers (the CNR career record). Each
page reads only the signed-in account's own links; nothing personal is read before the fund confirmed the person."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import Schema
from werkzeug.wrappers import Response

from portal.accounts import acting, fund_payments, mandates, profile, sessions, views_career, views_certificates
from portal.accounts.schemas import CodeSchema, fund_link_schema
from portal.accounts.throttles import code_limit, fund_link_limits
from portal.accounts.views import Page, read_form
from portal.connectors import client, linking, reads, records
from portal.connectors.models import LINKED, PENDING
from portal.dossiers.forms import FieldView, field_views, raw_values
from portal.i18n import current_locale
from portal.registry import get_registry
from portal.registry.connector import READS, FundError, MalformedAnswerError

UNAVAILABLE = 503
RETRY_AFTER = 120  # seconds before trying again, as the pages say ("in a few minutes")


def _funds() -> list[str]:
    """The enabled bodies whose connector links accounts and whose system the platform knows, in display order."""
    return [body.code for body in get_registry() if client.offers(body.code, "find_person") or
            client.offers(body.code, "person_by_nin")]  # fmt: skip


def open_fund(fund: str) -> str:
    """The fund, if my space offers it (else 404)."""
    if fund not in _funds():
        abort(404)
    return fund


def fund_name(fund: str) -> str:
    return get_registry().bodies[fund].name(current_locale())


def _unavailable(template: str, context: Mapping[str, object], **more: object) -> Response:
    """The page again, saying the fund's system does not answer (``context`` names the fund and its name)."""
    error = _("The information system of %(body)s is not answering at the moment. Nothing was lost: try again in a "
              "few minutes.", body=context["name"])  # fmt: skip
    return unavailable(render_template(template, unavailable=error, **context, **more))


def unavailable(page: str) -> Response:
    """A page saying the fund's system does not answer: 503, and when to try again."""
    return make_response(page, UNAVAILABLE, {"Retry-After": str(RETRY_AFTER)})


@sessions.signed_in
def funds() -> Page:
    account, standing = sessions.signed_in_account(), acting.standing()
    under = standing.acting if standing is not None and standing.mandate is not None and standing.organisation else None
    lines = []
    for fund in _funds():
        link = linking.link_of(account.id, fund)
        linked = link is not None and link.state == LINKED
        offered = [operation for operation in READS if client.offers(fund, operation)]
        # Under a mandate for an organisation that covers the fund: the organisation's employer's account, not mine.
        represented = under is not None and "employers_of" in offered and mandates.covers(under.services, fund)
        mine = [operation for operation in offered if linked and not (represented and operation == "employers_of")]
        lines.append({"fund": fund, "name": fund_name(fund), "linked": linked, "reads": mine,
                      "represented": represented})  # fmt: skip
    return render_template("accounts/funds.html", lines=lines, errors={})


@sessions.signed_in
@fund_link_limits[0]
@fund_link_limits[1]
def fund_link(fund: str) -> Page:
    account, fund = sessions.signed_in_account(), open_fund(fund)
    schema = fund_link_schema()
    nin = profile.verified_by_provider(account, "nin")
    context = {"fund": fund, "name": fund_name(fund), "nin": bool(nin and client.offers(fund, "person_by_nin"))}
    if request.method == "GET":
        stored = {name: attribute.value for name, attribute in profile.attributes_of(account).items()}
        return _link_page(schema, stored, {}, context)
    raw = raw_values(schema, request.form)
    data, errors = read_form(schema, raw)
    if errors:
        return _link_page(schema, raw, errors, context), 422
    try:
        link = linking.start(account.id, fund, data["nss"], data["birth_date"])
    except FundError:
        return _unavailable("accounts/fund_link.html", context, errors={}, fields=_fields(schema, raw, {}))
    if link is None:
        errors = {"nss": [_("%(body)s has no record with this social security number and this date of birth. "
                            "Check both, as written on your papers from the fund.", body=fund_name(fund))]}  # fmt: skip
        return _link_page(schema, raw, errors, context), 422
    return redirect(url_for(".fund_code", fund=fund))


def _fields(schema: Schema, values: dict[str, str], errors: dict[str, list[str]]) -> list[FieldView]:
    return field_views(schema, schema.fields, values, errors, current_locale())


def _link_page(schema: Schema, values: dict[str, str], errors: dict[str, list[str]], context: dict[str, object]) -> str:
    return render_template("accounts/fund_link.html", errors=errors, fields=_fields(schema, values, errors), **context)


@sessions.signed_in
@code_limit
def fund_code(fund: str) -> Page:
    account, fund = sessions.signed_in_account(), open_fund(fund)
    link = linking.link_of(account.id, fund)
    if link is None or link.state != PENDING:
        return redirect(url_for(".fund_link", fund=fund))
    context = {"fund": fund, "name": fund_name(fund), "hint": link.phone_hint}
    if request.method == "GET":
        return render_template("accounts/fund_code.html", errors={}, **context)
    data, errors = read_form(CodeSchema(), {"code": request.form.get("code", "")})
    if errors:
        return render_template("accounts/fund_code.html", errors=errors, **context), 422
    try:
        confirmed = linking.confirm(account.id, fund, data["code"])
    except FundError:
        return _unavailable("accounts/fund_code.html", context, errors={})
    if confirmed is None:
        flash(_("Too many wrong codes: ask for a new one."), "warning")
        return redirect(url_for(".fund_link", fund=fund))
    if not confirmed:
        errors = {"code": [_("This code is not the one %(body)s sent. Check the message and type it again.",
                             body=fund_name(fund))]}  # fmt: skip
        return render_template("accounts/fund_code.html", errors=errors, **context), 422
    return _linked(fund)


@sessions.signed_in
@fund_link_limits[0]
@fund_link_limits[1]
def fund_link_identity(fund: str) -> Page:
    account, fund = sessions.signed_in_account(), open_fund(fund)
    nin, born = profile.verified_by_provider(account, "nin"), profile.verified_by_provider(account, "birth_date")
    if not nin or not born or not client.offers(fund, "person_by_nin"):
        abort(404)
    try:
        matched = linking.by_nin(account.id, fund, nin, date.fromisoformat(born))
    except FundError:
        flash(_("The information system of %(body)s is not answering at the moment. Nothing was lost: try again in "
                "a few minutes.", body=fund_name(fund)), "warning")  # fmt: skip
        return redirect(url_for(".fund_link", fund=fund))
    if not matched:
        flash(_("%(body)s has no record with your national identification number. Link your account with your "
                "social security number below.", body=fund_name(fund)), "warning")  # fmt: skip
        return redirect(url_for(".fund_link", fund=fund))
    return _linked(fund)


def _linked(fund: str) -> Response:
    flash(_("Your account is linked to your records at %(body)s.", body=fund_name(fund)), "success")
    return redirect(url_for(".funds"))


@sessions.signed_in
def fund_unlink(fund: str) -> Response:
    account, fund = sessions.signed_in_account(), open_fund(fund)
    linking.unlink(account.id, fund)
    flash(_("Your account is no longer linked to %(body)s; what was read from it is deleted.", body=fund_name(fund)),
          "success")  # fmt: skip
    return redirect(url_for(".funds"))


# The reads my space shows: how the page reads the fund's answer, and its template.
RECORD_PAGES = {
    "career": (records.career, "accounts/fund_career.html"),
    "retirement_account": (records.retirement_account, "accounts/fund_retirement.html"),
    "affiliation_certificate": (records.affiliation, "accounts/fund_affiliation.html"),
    "contributions_due": (records.quarters, "accounts/fund_quarters.html"),
    "paid_leave": (records.paid_leave, "accounts/fund_leave.html"),
}
# What a record page shows beside the record, computed from it.
RECORD_EXTRAS: dict[str, Callable[[str, Any], dict[str, Any]]] = {"career": views_career.career_extras}


@sessions.signed_in
def fund_career(fund: str) -> Page:
    """The individual account of the active worker: career periods and gaps, wages and contributions by year."""
    return _record_page(fund, "career")


@sessions.signed_in
def fund_retirement_account(fund: str) -> Page:
    """The retirement account of a non-salaried worker: contributions declared and paid by year, arrears."""
    return _record_page(fund, "retirement_account")


@sessions.signed_in
def fund_affiliation(fund: str) -> Page:
    """The person's affiliation, as the affiliation certificate states it."""
    return _record_page(fund, "affiliation_certificate")


@sessions.signed_in
def fund_quarters(fund: str) -> Page:
    """The quarters of a voluntary affiliation (abroad), paid and due."""
    return _record_page(fund, "contributions_due")


@sessions.signed_in
def fund_paid_leave(fund: str) -> Page:
    """A worker's paid leave: days acquired and taken by period, and the indemnity."""
    return _record_page(fund, "paid_leave")


def _record_page(fund: str, operation: str) -> Page:
    """A read of the linked person's records, live or kept with its date; before the link, the link's page."""
    account, fund = sessions.signed_in_account(), open_fund(fund)
    if not client.offers(fund, operation):
        abort(404)
    person = linking.person_of(account.id, fund)
    if person is None:
        return redirect(url_for(".fund_link", fund=fund))
    parse, template = RECORD_PAGES[operation]
    context = {"fund": fund, "name": fund_name(fund), "errors": {}}
    try:
        reading = reads.read(account.id, fund, operation, person)
        record = parse(reading.answer)
    except reads.NoReadingError as error:
        return no_reading(template, error.problem, context)
    except MalformedAnswerError:
        return no_reading(template, reads.MALFORMED, context)
    more = {}
    if isinstance(record, records.Quarters):  # the quarters due may be chosen and paid
        more = fund_payments.quarters_context(account.id, fund, person, record, reading.live)
    elif isinstance(record, records.RetirementAccount):  # and the years of arrears
        more = fund_payments.arrears_context(account.id, fund, person, record, reading.live)
    certificate = views_certificates.offered_on(operation)
    extras = RECORD_EXTRAS[operation](fund, record) if operation in RECORD_EXTRAS else {}
    return render_template(template, reading=reading, record=record, certificate=certificate, **extras, **more,
                           **context)  # fmt: skip


def no_reading(template: str, problem: str, context: Mapping[str, object]) -> Response:
    body = context["name"]
    messages = {
        reads.UNAVAILABLE: _("The information system of %(body)s is not answering at the moment, and nothing was "
                             "read from it before. Try again in a few minutes.", body=body),
        reads.MALFORMED: _("The information system of %(body)s sent an answer that cannot be read. Nothing was lost. "
                           "Try again later.", body=body),
        reads.NOT_FOUND: _("%(body)s holds no such record for you.", body=body),
    }  # fmt: skip
    page = render_template(template, problem=messages[problem], **context)
    return make_response(page, 404) if problem == reads.NOT_FOUND else unavailable(page)
