"""The payment state machine, amounts as integers, and what is kept of a gateway's answer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.payments import states
from portal.payments.answers import safe, verdict
from portal.payments.schemas import Payable, shown_amount


def test_a_paid_payment_never_goes_back_to_declined() -> None:
    with pytest.raises(states.TransitionError):
        states.check(states.PAID, states.DECLINED)
    states.check(states.PAID, states.REFUNDED)
    states.check(states.STARTED, states.PAID)


@pytest.mark.parametrize("current", states.STATES)
@pytest.mark.parametrize("new", states.STATES)
def test_only_the_allowed_transitions_pass(current: str, new: str) -> None:
    if new in states.ALLOWED[current]:
        states.check(current, new)
    else:
        with pytest.raises(states.TransitionError):
            states.check(current, new)


def test_final_states_have_no_way_out() -> None:
    assert {states.DECLINED, states.CANCELLED, states.EXPIRED, states.REFUNDED} == states.FINAL


@pytest.mark.parametrize("amount", [1500.0, True, "150000", 150000.5])
def test_amounts_are_never_floats_nor_anything_but_integers(amount: object) -> None:
    with pytest.raises(TypeError):
        Payable("demo", "fee", amount, "Frais")  # type: ignore[arg-type]


def test_amounts_below_the_gateway_minimum_or_in_an_unknown_currency_are_refused() -> None:
    with pytest.raises(ValueError, match="minimum"):
        Payable("demo", "fee", 4999, "Frais")
    with pytest.raises(ValueError, match="currency"):
        Payable("demo", "fee", 150000, "Frais", currency="DZD")


def test_an_amount_is_shown_with_integer_arithmetic() -> None:
    assert shown_amount(150000) == "1\u202f500,00"
    assert shown_amount(123456789) == "1\u202f234\u202f567,89"


def test_the_masked_card_number_and_unknown_fields_are_never_kept() -> None:
    answer = {"ErrorCode": 0, "OrderStatus": 2, "Pan": "628058**1011", "cardholderName": "AMINE",
              "params": {"respCode": "00", "pan": "x"}, "Amount": 150000, "OrderNumber": "0000000001"}  # fmt: skip
    assert safe(answer) == {"ErrorCode": 0, "OrderStatus": 2, "params": {"respCode": "00"}, "Amount": 150000,
                            "OrderNumber": "0000000001"}  # fmt: skip


def test_paid_only_when_the_order_number_and_the_amount_match() -> None:
    paid = {"ErrorCode": 0, "OrderStatus": 2, "OrderNumber": "0000000001", "Amount": 150000}
    assert verdict(paid, "0000000001", 150000).state == states.PAID
    assert verdict(paid, "0000000001", 150001).state == states.ERROR
    assert verdict(paid, "0000000002", 150000).state == states.ERROR


def test_a_decline_without_order_status_is_a_decline() -> None:
    assert verdict({"ErrorCode": 0, "actionCode": 116}, "1", 1).state == states.DECLINED
    assert verdict({"ErrorCode": 0, "actionCode": 10}, "1", 1).state == states.CANCELLED
    assert verdict({"ErrorCode": 0, "actionCode": -2007}, "1", 1).state == states.EXPIRED
    assert verdict({"ErrorCode": "7"}, "1", 1).state is None  # a system error: ask the status later
    assert verdict({"ErrorCode": 2}, "1", 1).state is None  # already confirmed: ask the status


@given(st.lists(st.sampled_from(states.STATES), max_size=12))
def test_no_sequence_of_answers_leaves_the_allowed_transitions(moves: list[str]) -> None:
    """Whatever the gateway says, in whatever order, a payment only walks the allowed transitions: once paid, never
    declined; once final, never moved."""
    state, seen = states.CREATED, [states.CREATED]
    for new in moves:
        try:
            states.check(state, new)
        except states.TransitionError:
            continue
        state = new
        seen.append(state)
    for before, after in itertools.pairwise(seen):
        assert after in states.ALLOWED[before]
    if states.PAID in seen:
        assert states.DECLINED not in seen[seen.index(states.PAID) :]


@given(st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=20),
       st.integers(min_value=5000, max_value=10**9))  # fmt: skip
def test_sums_of_quarters_are_integers_equal_to_the_amount_charged(counts: list[int], quarter: int) -> None:
    payables = [Payable("demo", "fee", count * quarter, "Trimestres") for count in counts]
    assert all(isinstance(payable.amount, int) for payable in payables)
    assert sum(payable.amount for payable in payables) == sum(counts) * quarter
    units, cents = divmod(payables[0].amount, 100)
    assert shown_amount(payables[0].amount).endswith(f",{cents:02d}")
    assert shown_amount(payables[0].amount).replace("\u202f", "").startswith(str(units))
