"""The sandbox gateway speaks SATIM's interface with its quirks, over HTTP (no platform involved): lower-case keys on
register.do, capitalised ones on confirmOrder.do, no OrderStatus on a decline, error codes as JSON numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from portal import config
from tests import payment_gateway


@pytest.fixture(scope="module")
def rest() -> Iterator[str]:
    with payment_gateway.running_gateway() as base:
        yield base + "/payment/rest"


def call(rest: str, operation: str, **fields: str) -> dict[str, Any]:
    data = {"userName": payment_gateway.USER, "password": payment_gateway.PASSWORD, **fields}
    answer = requests.post(f"{rest}/{operation}", data=data, timeout=5)
    assert answer.status_code == 200
    parsed: dict[str, Any] = answer.json()
    return parsed


def register(rest: str, number: str, language: str = "fr", amount: str = "150000") -> dict[str, Any]:
    return call(rest, "register.do", orderNumber=number, amount=amount, currency="012",
                returnUrl="http://127.0.0.1/back", failUrl="http://127.0.0.1/fail", language=language)  # fmt: skip


def test_register_answers_with_lower_case_keys_and_refuses_what_satim_refuses(rest: str) -> None:
    answer = register(rest, "1000000001", "en")
    assert set(answer) == {"errorCode", "orderId", "formUrl"} and answer["errorCode"] == 0
    assert "payment_en.html?mdOrder=" in answer["formUrl"]
    assert "Secure payment (sandbox)" in requests.get(answer["formUrl"], timeout=5).text
    assert register(rest, "1000000001")["errorCode"] == 1  # the same order number again
    assert register(rest, "10000000011")["errorCode"] == 4  # more than 10 characters
    assert register(rest, "1000000002", amount="4999")["errorCode"] == 4  # under 50 DZD
    wrong = requests.post(f"{rest}/register.do", data={"userName": "x", "password": "y"}, timeout=5).json()
    assert wrong["errorCode"] == 5


def test_confirm_is_capitalised_a_decline_has_no_order_status_and_a_second_confirm_is_refused(rest: str) -> None:
    declined = register(rest, "1000000003")
    payment_gateway.pay_on_hosted_page(declined["formUrl"], "4000000000009995")
    answer = call(rest, "confirmOrder.do", orderId=declined["orderId"])
    assert "OrderStatus" not in answer and answer["ErrorCode"] == 0 and answer["actionCode"] == 116
    assert answer["params"]["respCode"] == "51"
    assert call(rest, "confirmOrder.do", orderId=declined["orderId"])["ErrorCode"] == 2
    assert call(rest, "getOrderStatus.do", orderId=declined["orderId"])["OrderStatus"] == 6
    paid = register(rest, "1000000004")
    payment_gateway.pay_on_hosted_page(paid["formUrl"], "4111111111111111")
    answer = call(rest, "confirmOrder.do", orderId=paid["orderId"])
    assert (answer["OrderStatus"], answer["Amount"], answer["OrderNumber"]) == (2, 150000, "1000000004")
    assert answer["Pan"] == "411111**1111"  # masked: the platform drops it all the same
    assert call(rest, "refund.do", orderId=paid["orderId"], amount="150001")["errorCode"] == 7
    assert call(rest, "refund.do", orderId=paid["orderId"], amount="150000")["errorCode"] == 0
    assert call(rest, "getOrderStatus.do", orderId=paid["orderId"])["OrderStatus"] == 4
    assert call(rest, "confirmOrder.do", orderId="nothing")["ErrorCode"] == 6


def test_faults_not_yet_used_are_dropped_when_the_gateway_is_well_again(rest: str) -> None:
    order = register(rest, "1000000006")
    base = rest.removesuffix("/payment/rest")
    payment_gateway.inject(base, "getOrderStatus.do", "500", times=10)
    assert requests.post(f"{rest}/getOrderStatus.do", data={"orderId": order["orderId"]}, timeout=5).status_code == 500
    payment_gateway.clear_faults(base)
    assert call(rest, "getOrderStatus.do", orderId=order["orderId"])["OrderStatus"] == 0


def test_the_card_page_is_in_arabic_right_to_left(rest: str) -> None:
    page = requests.get(register(rest, "1000000005", "ar")["formUrl"], timeout=5).text
    assert 'lang="ar" dir="rtl"' in page and "رقم البطاقة" in page


def test_the_gateways_settings_come_from_the_environment_and_the_password_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("from-a-file\n")
    settings = config.from_environment(
        {"PORTAL_PAYMENT_SATIM": f"url=http://127.0.0.1:8030/payment/rest,user=m,password_file={secret}",
         "PORTAL_PAYMENT_ROUTES": "cnas/voluntary-affiliation=bdl_visa,*=satim", "PORTAL_PAYMENT_TIMEOUT": "4"}
    )  # fmt: skip
    assert settings["PAYMENT_SATIM"] == {"url": "http://127.0.0.1:8030/payment/rest", "user": "m",
                                         "password_file": str(secret)}  # fmt: skip
    assert settings["PAYMENT_ROUTES"] == {"cnas/voluntary-affiliation": "bdl_visa", "*": "satim"}
    assert settings["PAYMENT_TIMEOUT"] == 4.0
