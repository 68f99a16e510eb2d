"""SATIM's e-payment interface over HTTP (``/payment/rest/*.do``, form-encoded, JSON answers), with timeouts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from portal.payments.gateways import Credentials, GatewayError, Order

if TYPE_CHECKING:
    pass

SESSION_TIMEOUT_SECS = 1200  # the hosted page's session (SATIM accepts 600 to 86400)


class SatimGateway:
    def __init__(self, name: str, credentials: Credentials, timeout: float) -> None:
        self.name, self.credentials, self.timeout = name, credentials, timeout

    def _call(self, operation: str, fields: dict[str, str]) -> dict[str, Any]:
        import requests  # here: a worker that serves only the catalogue never loads it (bench/memory.py)

        data = {"userName": self.credentials.user, "password": self.credentials.password, **fields}
        try:
            answer = requests.post(f"{self.credentials.url}/{operation}", data=data, timeout=self.timeout)
        except requests.Timeout as error:
            raise GatewayError(f"{operation}: no answer in {self.timeout} s", timed_out=True) from error
        except requests.RequestException as error:
            raise GatewayError(f"{operation}: {type(error).__name__}") from error
        if answer.status_code != 200:
            raise GatewayError(f"{operation}: HTTP {answer.status_code}")
        try:
            parsed = answer.json()
        except ValueError as error:
            raise GatewayError(f"{operation}: the answer is not JSON") from error
        if not isinstance(parsed, dict):
            raise GatewayError(f"{operation}: the answer is not a JSON object")
        return parsed

    def register(self, order: Order) -> dict[str, Any]:
        params = {"force_terminal_id": self.credentials.terminal, "udf1": order.reference}
        return self._call("register.do", {
            "orderNumber": order.reference, "amount": str(order.amount), "currency": order.currency,
            "returnUrl": order.return_url, "failUrl": order.fail_url, "language": order.language,
            "description": order.description, "sessionTimeoutSecs": str(SESSION_TIMEOUT_SECS),
            "jsonParams": json.dumps(params),
        })  # fmt: skip

    def confirm(self, order_id: str, language: str) -> dict[str, Any]:
        return self._call("confirmOrder.do", {"orderId": order_id, "language": language})

    def status(self, order_id: str, language: str) -> dict[str, Any]:
        return self._call("getOrderStatus.do", {"orderId": order_id, "language": language})

    def refund(self, order_id: str, amount: int) -> dict[str, Any]:
        return self._call("refund.do", {"orderId": order_id, "amount": str(amount)})

    def reverse(self, order_id: str) -> dict[str, Any]:
        return self._call("reverse.do", {"orderId": order_id})
