"""The back office's payment pages: a body's payments (filters, CSV), one payment's full history and its
refunds, the daily report by settlement day (CSV), the mismatches reconciliation found. Scoped to the user's body."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.clock import ALGIERS, today
from portal.database import utcnow
from portal.downloads import csv_download
from portal.extensions import db
from portal.inputs import parse_id
from portal.payments import items, office, payables, refunds, states
from portal.payments.labels import state_label
from portal.payments.models import Payment
from portal.payments.models_refunds import AWAITING, SENT, Refund
from portal.payments.schemas import shown_amount
from portal.staff import audit
from portal.staff.access import PERMISSIONS, requires

LIMIT = 200
REFUSALS = {
    "not_paid": _l("Only a paid payment can be refunded."),
    "amount": _l("The amount must be more than zero and at most what is still refundable."),
    "not_awaiting": _l("This refund is not waiting for an approval."),
    "same_person": _l("The person who asked for a refund cannot approve it: a second person must."),
}
REFUND_LABELS = {"awaiting": _l("Awaiting approval"), "sent": _l("Sent, answer awaited"), "done": _l("Refunded"),
                 "refused": _l("Refused by the gateway")}  # fmt: skip
MISMATCH_LABELS = {
    "unknown_here": _l("Paid at the gateway, unknown here"),
    "not_paid_here": _l("Paid at the gateway, not paid here"),
    "not_paid_at_gateway": _l("Paid here, not paid at the gateway"),
}


@requires("payments.read")
def payments() -> str:
    args = request.args.to_dict()
    rows = list(db.session.scalars(office.filtered(current_user, args).limit(LIMIT)))
    return render_template("payments/backoffice/list.html", payments=rows, args=args, states=states.STATES,
                           purposes=office.purposes(current_user), limit=LIMIT,
                           open_mismatches=len(office.mismatches(current_user)))  # fmt: skip


@requires("payments.read")
def payments_csv() -> Response:
    rows = db.session.scalars(office.filtered(current_user, request.args.to_dict()))
    header = [_("Reference"), _("Created"), _("Purpose"), _("Amount (centimes)"), _("Currency"), _("State"),
              _("Paid on"), _("Gateway")]  # fmt: skip
    return csv_download("payments.csv", header, ([
        payment.reference, payment.created_at.astimezone(ALGIERS).isoformat(timespec="seconds"), payment.purpose,
        payment.amount, payment.currency, state_label(payment.state),
        payment.paid_at.astimezone(ALGIERS).date().isoformat() if payment.paid_at else "", payment.gateway,
    ] for payment in rows))  # fmt: skip


@requires("payments.read")
def payment(payment_id: int) -> str:
    found = office.payment_for(current_user, payment_id)
    return render_template("payments/backoffice/payment.html", payment=found, refunds=office.refunds_of(found),
                           refundable=refunds.refundable(found), refund_labels=REFUND_LABELS, awaiting=AWAITING,
                           sent=SENT, may_refund=current_user.role in PERMISSIONS["payments.refund"],
                           threshold=shown_amount(_threshold()), items=items.of_payment(found),
                           reverses=payables.reverses(found), given_up=_given_up(found),
                           may_retry=current_user.role in PERMISSIONS["jobs.manage"])  # fmt: skip


def _given_up(payment: Payment) -> Mapping[str, int]:
    """The items whose undoing at the body's system failed every attempt, with their jobs (asked of a refunded
    payment only)."""
    return payables.given_up(payment) if payment.state == states.REFUNDED else {}


def _threshold() -> int:
    return int(current_app.config["PAYMENT_REFUND_APPROVAL_ABOVE"])


@requires("payments.refund")
def refund(payment_id: int) -> Response:
    found = office.payment_for(current_user, payment_id)
    amount = office.centimes(request.form.get("amount", ""))
    try:
        if amount is None:
            raise refunds.RefundError("amount")
        done = refunds.ask(found, amount, request.form.get("reason", "").strip(), current_user)
    except refunds.RefundError as error:
        flash(str(REFUSALS[error.code]), "danger")
    else:
        _say(done)
    return redirect(url_for(".payment", payment_id=found.id))


@requires("payments.refund")
def approve(payment_id: int) -> Response:
    found = office.payment_for(current_user, payment_id)
    refund_id = parse_id(request.form.get("refund")) or 0
    chosen = db.session.scalar(select(Refund).where(Refund.payment_id == found.id, Refund.id == refund_id))
    try:
        if chosen is None:
            raise refunds.RefundError("not_awaiting")
        _say(refunds.approve(chosen, current_user))
    except refunds.RefundError as error:
        flash(str(REFUSALS[error.code]), "danger")
    return redirect(url_for(".payment", payment_id=found.id))


@requires("payments.refund")
def check_refund(payment_id: int) -> Response:
    """Ask the gateway again about a refund left sent (its status, never a second refund.do), audited."""
    found = office.payment_for(current_user, payment_id)
    refund_id = parse_id(request.form.get("refund")) or 0
    chosen = db.session.scalar(select(Refund).where(Refund.payment_id == found.id, Refund.id == refund_id,
                                                    Refund.state == SENT))  # fmt: skip
    if chosen is None:
        flash(_("This refund is not waiting for the gateway's answer any more."), "info")
        return redirect(url_for(".payment", payment_id=found.id))
    audit.record("payment.refund_checked", target=found.reference, body_id=found.body_id, refund=chosen.id)
    db.session.commit()
    if refunds.check(chosen).state == SENT:
        flash(_("The gateway does not show this refund yet, or did not answer: it stays sent and is never sent "
                "again. Ask again later; the hourly reconciliation asks too."), "warning")  # fmt: skip
    else:
        _say(chosen)
    return redirect(url_for(".payment", payment_id=found.id))


def _say(refund: Refund) -> None:
    messages = {
        "awaiting": (_("The refund is recorded; a second person must approve it before it is sent."), "info"),
        "sent": (_("The gateway has not answered yet: the refund will not be sent again; its status is being checked."),
                 "warning"),
        "done": (_("The refund is done; the citizen is told."), "success"),
        "refused": (_("The gateway refused the refund, or could not be reached: nothing was refunded."), "danger"),
    }  # fmt: skip
    text, category = messages[refund.state]
    flash(text, category)


def _period() -> tuple[date, date]:
    since, until = office._day(request.args.get("since")), office._day(request.args.get("until"))
    until = until or today()
    return since or until - timedelta(days=30), until


@requires("payments.read")
def report() -> str:
    since, until = _period()
    return render_template("payments/backoffice/report.html", days=office.daily(current_user, since, until),
                           since=since, until=until)  # fmt: skip


@requires("payments.read")
def report_csv() -> Response:
    since, until = _period()
    header = [_("Settlement day"), _("Payments"), _("Paid (centimes)"), _("Refunded (centimes)"), _("Net (centimes)")]
    days = office.daily(current_user, since, until)
    rows = ([day.day.isoformat(), day.count, day.paid, day.refunded, day.net] for day in days)
    return csv_download(f"payments-{since}-{until}.csv", header, rows)


@requires("payments.read")
def mismatches() -> str:
    return render_template("payments/backoffice/mismatches.html", mismatches=office.mismatches(current_user),
                           labels=MISMATCH_LABELS)  # fmt: skip


@requires("payments.read")
def resolve() -> Response:
    chosen = parse_id(request.form.get("mismatch"))
    found = next((item for item in office.mismatches(current_user) if item.id == chosen), None)
    if found is not None:
        found.resolved_by_id, found.resolved_at = current_user.id, utcnow()
        audit.record("payment.mismatch_resolved", target=found.order_number, kind=found.kind)
        db.session.commit()
        flash(_("The mismatch is marked as resolved."), "success")
    return redirect(url_for(".mismatches"))
