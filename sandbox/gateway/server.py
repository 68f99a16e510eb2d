"""A sandbox of SATIM's e-payment gateway (and of BDL's Visa acquiring, which speaks the same interface): its own
small WSGI process, never the platform's code. It keeps the real interface's quirks (PAYMENTS.md): register.do
answers with lower-case keys, confirmOrder.do and getOrderStatus.do with capitalised ones, error codes are JSON
numbers, a declined attempt's confirmation carries no OrderStatus. Card numbers are typed on its own hosted page
and never leave it (the platform only sees a masked number, which it drops).

Faults for tests: ``POST /sandbox/faults`` with JSON ``{"operation": "confirmOrder.do", "fault": "timeout" | "500" |
"late", "times": 1, "delay": 3}``: a timeout answers after ``delay`` seconds (the operation is carried out), a 500
does nothing, "late" makes confirmOrder.do say the order is still registered while it is paid (the status tells);
``DELETE /sandbox/faults`` drops the faults not yet used (the gateway is well again).

Run: ``python sandbox/gateway/server.py --port 8030`` (credentials: SANDBOX_GATEWAY_USER, and
SANDBOX_GATEWAY_PASSWORD_FILE or SANDBOX_GATEWAY_PASSWORD).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cards
import pages

CURRENCIES = {"012", "978", "840"}
MINIMUM = 5000  # 50 DZD in centimes


@dataclass
class Order:
    number: str
    amount: int
    currency: str
    return_url: str
    fail_url: str
    language: str
    expires_at: float
    status: int = 0
    action: int = 0
    response: str = ""
    description: str = ""
    pan: str = ""
    approval: str = ""
    confirmed: bool = False
    refunded: int = 0


@dataclass
class Fault:
    kind: str
    times: int
    delay: float


@dataclass
class Gateway:
    user: str
    password: str
    orders: dict[str, Order] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    faults: dict[str, Fault] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_fault(self, operation: str) -> Fault | None:
        with self.lock:
            fault = self.faults.get(operation)
            if fault is None:
                return None
            fault.times -= 1
            if fault.times <= 0:
                del self.faults[operation]
            return fault


def _json(data: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


def _lang(value: str) -> str:
    return value if value in pages.TEXTS else "fr"


def register(gateway: Gateway, form: dict[str, str], host: str) -> dict[str, Any]:
    number, amount, currency = form.get("orderNumber", ""), form.get("amount", ""), form.get("currency", "")
    if not number or len(number) > 10 or not amount.isdigit() or int(amount) < MINIMUM or currency not in CURRENCIES:
        return {"errorCode": 4, "errorMessage": "Invalid order number, amount or currency"}
    if not form.get("returnUrl"):
        return {"errorCode": 4, "errorMessage": "returnUrl is empty"}
    with gateway.lock:
        if number in gateway.numbers:
            return {"errorCode": 1, "errorMessage": "Order with this number was already processed"}
        gateway.numbers.add(number)
        order_id = secrets.token_hex(16)
        timeout = min(max(int(form.get("sessionTimeoutSecs") or 1200), 600), 86400)
        gateway.orders[order_id] = Order(number, int(amount), currency, form["returnUrl"],
                                         form.get("failUrl") or form["returnUrl"], _lang(form.get("language", "")),
                                         time.time() + timeout)  # fmt: skip
    language = _lang(form.get("language", ""))
    return {"errorCode": 0, "orderId": order_id,
            "formUrl": f"{host}/payment/merchants/sandbox/payment_{language}.html?mdOrder={order_id}"}  # fmt: skip


def order_answer(order: Order, with_status: bool) -> dict[str, Any]:
    """The capitalised answer of confirmOrder.do and getOrderStatus.do."""
    answer: dict[str, Any] = {
        "ErrorCode": 0, "ErrorMessage": "Success" if order.status in (0, 2, 4) else "Payment is declined",
        "OrderNumber": order.number, "Amount": order.amount, "currency": order.currency,
        "depositAmount": order.amount if order.status == 2 else 0, "actionCode": order.action,
        "actionCodeDescription": order.description, "approvalCode": order.approval, "Pan": order.pan,
        "params": {"respCode": order.response, "respCode_desc": order.description}, "SvfeResponse": order.response,
        "refundedAmount": order.refunded,
    }  # fmt: skip
    if with_status:
        answer["OrderStatus"] = order.status
    return answer


def confirm(gateway: Gateway, order: Order, late: bool) -> dict[str, Any]:
    with gateway.lock:
        if order.confirmed:
            return {"ErrorCode": 2, "ErrorMessage": "Order already confirmed"}
        if late:  # the bank's answer is not there yet: the order reads as registered
            return order_answer(Order(order.number, order.amount, order.currency, "", "", "fr", 0), True)
        if order.status == 0:
            return order_answer(order, True)
        order.confirmed = True
    return order_answer(order, order.status != 6)  # a declined attempt carries no OrderStatus


def refund(gateway: Gateway, order: Order, amount: str) -> dict[str, Any]:
    with gateway.lock:
        if order.status != 2 or not amount.isdigit() or int(amount) > order.amount - order.refunded:
            return {"errorCode": 7, "errorMessage": "Refund amount exceeds the deposited amount or order not paid"}
        order.refunded += int(amount)
        order.status = 4 if order.refunded == order.amount else 2
    return {"errorCode": 0, "errorMessage": "Success"}


def reverse(gateway: Gateway, order: Order) -> dict[str, Any]:
    with gateway.lock:
        if order.status not in (0, 1, 2):
            return {"errorCode": 7, "errorMessage": "Reversal is impossible for this order"}
        order.status, order.action, order.description = 3, 0, "Reversed"
    return {"errorCode": 0, "errorMessage": "Success"}


def settle(order: Order, order_id: str, outcome: cards.Outcome, number: str = "") -> str:
    """Record the card's outcome; the address the cardholder's browser goes back to."""
    if time.time() > order.expires_at:
        outcome = cards.EXPIRED
    order.status, order.action, order.response, order.description = outcome
    if number:
        order.pan = cards.masked(number)
    if outcome.status == 2:
        order.approval = f"{secrets.randbelow(10**6):06d}"
    target = order.return_url if outcome.status == 2 else order.fail_url
    return f"{target}{'&' if '?' in target else '?'}{urlencode({'orderId': order_id, 'lang': order.language})}"


URLS = Map([
    Rule("/payment/rest/<operation>", endpoint="rest", methods=["POST"]),
    Rule("/payment/merchants/<merchant>/payment_<lang>.html", endpoint="card_page", methods=["GET"]),
    Rule("/payment/merchants/<merchant>/pay", endpoint="pay", methods=["POST"]),
    Rule("/payment/merchants/<merchant>/challenge", endpoint="challenge", methods=["POST"]),
    Rule("/sandbox/faults", endpoint="faults", methods=["POST", "DELETE"]),
    Rule("/sandbox/health", endpoint="health", methods=["GET"]),
    Rule("/sandbox/orders", endpoint="orders", methods=["GET", "POST"]),
])  # fmt: skip


class App:
    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        adapter = URLS.bind_to_environ(environ)
        try:
            endpoint, values = adapter.match()
        except HTTPException as error:  # not found, method not allowed: werkzeug's own answers
            return error(environ, start_response)
        response = getattr(self, endpoint)(request, **values)
        return response(environ, start_response)

    def health(self, request: Request) -> Response:
        return _json({"ok": True})

    def faults(self, request: Request) -> Response:
        if request.method == "DELETE":  # the gateway is well again: every fault not yet used is dropped
            with self.gateway.lock:
                self.gateway.faults.clear()
            return _json({"ok": True})
        data = request.get_json(force=True)
        fault = Fault(str(data["fault"]), int(data.get("times", 1)), float(data.get("delay", 3)))
        with self.gateway.lock:
            self.gateway.faults[str(data["operation"])] = fault
        return _json({"ok": True})

    def orders(self, request: Request) -> Response:
        """Test only: GET lists every order (as a settlement file would); POST adds a paid order that the platform
        never registered (``{"orderNumber": ..., "amount": ...}``), so that a test can produce a mismatch."""
        if request.method == "POST":
            data = request.get_json(force=True)
            with self.gateway.lock:
                order_id = secrets.token_hex(16)
                self.gateway.orders[order_id] = Order(str(data["orderNumber"]), int(data["amount"]), "012", "", "",
                                                      "fr", time.time(), status=2, approval="000000")  # fmt: skip
            return _json({"orderId": order_id})
        with self.gateway.lock:
            listed = [{"orderId": key, "OrderNumber": order.number, "Amount": order.amount, "OrderStatus": order.status,
                       "refundedAmount": order.refunded} for key, order in self.gateway.orders.items()]  # fmt: skip
        return _json({"orders": listed})

    def _order(self, order_id: str) -> Order | None:
        return self.gateway.orders.get(order_id)

    def rest(self, request: Request, operation: str) -> Response:
        fault = self.gateway.take_fault(operation)
        if fault is not None and fault.kind == "500":
            return Response("Internal Server Error", status=500)
        if fault is not None and fault.kind == "timeout":
            time.sleep(fault.delay)
        form = request.form.to_dict()
        if (form.get("userName"), form.get("password")) != (self.gateway.user, self.gateway.password):
            return _json({"errorCode": 5, "ErrorCode": 5, "errorMessage": "Access denied"})
        if operation == "register.do":
            return _json(register(self.gateway, form, request.host_url.rstrip("/")))
        order = self._order(form.get("orderId", ""))
        if order is None:
            return _json({"ErrorCode": 6, "ErrorMessage": "Unknown order"})
        late = fault is not None and fault.kind == "late"
        answers = {
            "confirmOrder.do": lambda: confirm(self.gateway, order, late),
            "getOrderStatus.do": lambda: order_answer(order, True),
            "refund.do": lambda: refund(self.gateway, order, form.get("amount", "")),
            "reverse.do": lambda: reverse(self.gateway, order),
        }
        if operation not in answers:
            return Response("Not Found", status=404)
        return _json(answers[operation]())

    def card_page(self, request: Request, merchant: str, lang: str) -> Response:
        order = self._order(request.args.get("mdOrder", ""))
        language = _lang(lang)
        if order is None or order.status != 0:
            return Response(pages.gone_page(language), status=404, mimetype="text/html")
        action = f"/payment/merchants/{merchant}/pay?{urlencode({'mdOrder': request.args['mdOrder']})}"
        amount = f"{order.amount // 100}.{order.amount % 100:02d} ({order.currency})"
        return Response(pages.card_page(language, action, amount), mimetype="text/html")

    def pay(self, request: Request, merchant: str) -> Response:
        order_id = request.args.get("mdOrder", "")
        order = self._order(order_id)
        if order is None or order.status != 0:
            return Response(pages.gone_page("fr"), status=404, mimetype="text/html")
        if request.form.get("do") == "cancel":
            return _redirect(settle(order, order_id, cards.CANCELLED))
        number = request.form.get("pan", "")
        found = cards.outcome(number)
        if found == cards.CHALLENGE:
            action = f"/payment/merchants/{merchant}/challenge?{urlencode({'mdOrder': order_id})}"
            order.pan = cards.masked(number)
            return Response(pages.challenge_page(order.language, action), mimetype="text/html")
        assert isinstance(found, cards.Outcome)  # noqa: S101
        return _redirect(settle(order, order_id, found, number))

    def challenge(self, request: Request, merchant: str) -> Response:
        order_id = request.args.get("mdOrder", "")
        order = self._order(order_id)
        if order is None or order.status != 0:
            return Response(pages.gone_page("fr"), status=404, mimetype="text/html")
        passed = request.form.get("otp", "") == cards.CHALLENGE_CODE
        return _redirect(settle(order, order_id, cards.APPROVED if passed else cards.CHALLENGE_FAILED))


def _redirect(target: str) -> Response:
    return Response("", status=303, headers={"Location": target})


def _password() -> str:
    path = os.environ.get("SANDBOX_GATEWAY_PASSWORD_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get("SANDBOX_GATEWAY_PASSWORD", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("SANDBOX_GATEWAY_PORT", "8030")))
    arguments = parser.parse_args()
    password = _password()
    if not password:
        sys.exit("set SANDBOX_GATEWAY_PASSWORD_FILE or SANDBOX_GATEWAY_PASSWORD")
    app = App(Gateway(os.environ.get("SANDBOX_GATEWAY_USER", "sandbox"), password))
    run_simple(arguments.host, arguments.port, app, threaded=True)


if __name__ == "__main__":
    main()
