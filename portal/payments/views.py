"""The citizen's payment pages: paying what a hosted service declared payable (off to the gateway's page), and
the return page that waits for the platform's own confirmation (its script polls; without
JavaScript, a link asks again)."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from portal.current_account import current_account_id
from portal.extensions import db
from portal.i18n import current_locale
from portal.payments import confirmation, creation, items, lists, payables, receipt, refunds, states
from portal.payments.models import Payment
from portal.payments.schemas import shown_amount

Page = str | Response | tuple[str, int] | tuple[str, int, dict[str, str]]
RETRY_AFTER = 120  # seconds before trying again, as the page says ("in a few minutes")
MESSAGES = {
    states.PAID: _l("Your payment is confirmed by the bank."),
    states.DECLINED: _l("The bank declined the payment. Nothing was charged. You can try again with another card."),
    states.CANCELLED: _l("You cancelled the payment. Nothing was charged."),
    states.EXPIRED: _l("The payment page expired. Nothing was charged. You can start again."),
    states.REFUNDED: _l("This payment was refunded."),
    states.ERROR: _l(
        "The payment service did not answer. Nothing was charged; your payment is kept and you can try again."
    ),
}


def _account() -> int:
    account_id = current_account_id()
    if account_id is None:
        abort(401)
    return account_id


def pay(body: str, purpose: str) -> Page:
    """Pay what ``body`` declared payable for ``purpose``: one payment per idempotency key (a double click, a
    second tab), registered at the gateway, then the gateway's own page."""
    account_id = current_account_id()
    if account_id is None:
        return redirect(url_for("accounts.sign_in", next=url_for("accounts.my_space")))
    if lists.reach(account_id).read_only:  # a representative reads the payments, never makes one
        flash(_("You are acting for another person: they pay for themselves. Stop acting for them to pay your own."),
              "warning")  # fmt: skip
        return redirect(url_for("accounts.my_payments"), 303)
    key = request.form.get("key", "").strip()
    if not 16 <= len(key) <= 64:
        abort(400)
    try:
        payment = _payment(account_id, body, purpose, key)
    except creation.KeyReusedError:
        abort(409)
    except payables.UnavailableError as error:
        return _unavailable(error)
    except items.ItemHeldError as held:  # another tab or an earlier form pays it: that payment, never a second
        if held.payment is None or held.payment.account_id != account_id:
            abort(409)
        return redirect(url_for(".back", reference=held.payment.reference), 303)
    payment = creation.register(payment)
    if payment.state == states.STARTED and payment.confirm_sent_at is None:
        return redirect(payment.form_url, 303)
    return redirect(url_for(".back", reference=payment.reference), 303)


def _payment(account_id: int, body: str, purpose: str, key: str) -> Payment:
    """The payment under ``key``: new, or the one made before (nothing may be payable any more: a double click
    once the fund was told; or what is payable cannot be known now: the Back button while the fund is down)."""
    try:
        payable = payables.payable(body, purpose, account_id, request.form)
    except payables.UnavailableError as error:
        return _earlier(account_id, key, body, purpose, otherwise=error)
    if payable is not None:
        return creation.create(account_id, payable, key, current_locale())
    return _earlier(account_id, key, body, purpose, otherwise=NotFound())


def _earlier(account_id: int, key: str, body: str, purpose: str, otherwise: Exception) -> Payment:
    earlier = creation.earlier(account_id, key, body, purpose)
    if earlier is None:
        raise otherwise
    return earlier


def _unavailable(error: payables.UnavailableError) -> tuple[str, int, dict[str, str]]:
    """The body's system does not answer: nothing was charged (no payment was made), the person goes back."""
    page = render_template("payments/unavailable.html", body_name=error.body_name, back=error.back)
    return page, 503, {"Retry-After": str(RETRY_AFTER)}


def _mine(reference: str, read: bool = False) -> Payment:
    """My payment (or, under a mandate, one it allows); ``read``: a page of it is read, which a representative's
    access writes in the represented person's log."""
    found = lists.reach(_account())
    payment = lists.payment_of(found, reference)
    if payment is None:
        abort(404)
    if read and found.read_only:
        lists.seen(found, lists.OPENED, payment)
        db.session.commit()
    return payment


def back(reference: str) -> Page:
    """Where the gateway sends the citizen back (success or failure alike): the platform asks the gateway, and
    shows what it said; still open, its script polls (without it, a link asks again)."""
    payment = confirmation.settle(_mine(reference, read=True))
    waiting = payment.state in states.OPEN
    return render_template("payments/payment.html", payment=payment, waiting=waiting,
                           amount=shown_amount(payment.amount, payment.currency),
                           message=str(MESSAGES.get(payment.state, "")), refunds=refunds.done_of(payment),
                           items=items.of_payment(payment), reverses=payables.reverses(payment))  # fmt: skip


def state(reference: str) -> Response:
    """The payment's state for the return page's script (asks the gateway while it is open)."""
    payment = confirmation.settle(_mine(reference))
    return jsonify(state=payment.state, final=payment.state not in states.OPEN)


def receipt_pdf(reference: str) -> Response:
    """My payment's receipt, once paid, in the language I paid in."""
    payment = _mine(reference, read=True)
    if payment.state not in receipt.WITH_RECEIPT:
        abort(404)
    return receipt.pdf_response(payment)
