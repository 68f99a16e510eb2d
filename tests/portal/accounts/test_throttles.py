"""Guessing is limited: five wrong passwords a minute per account (as staff's), five tries per code, so many codes
sent to one address; the limits count in the platform's shared store and say nothing of whether an account exists."""

from __future__ import annotations

from flask import Flask

from tests.portal.accounts.helpers import PASSWORD, code_sent_to, create_account, sign_in, sign_up, verify


def test_the_sixth_wrong_password_in_a_minute_is_refused_even_the_right_one(portal_app: Flask) -> None:
    create_account(portal_app, portal_app.test_client(), "karim@example.dz")
    client = portal_app.test_client()
    assert [sign_in(client, "karim@example.dz", f"mauvais {n}").status_code for n in range(5)] == [401] * 5
    assert sign_in(client, "Karim@example.dz", PASSWORD).status_code == 429
    other = portal_app.test_client()  # the count is the account's, not the browser's
    assert sign_in(other, "karim@example.dz", PASSWORD).status_code == 429
    unknown = [sign_in(client, "personne@example.dz", f"mauvais {n}").status_code for n in range(6)]
    assert unknown == [401] * 5 + [429]  # the same limit for an address without an account
    numbers = ["0550 12 34 56", "+213550123456", "00213 550 12 34 56", "0550-12-34-56", "٠٥٥٠١٢٣٤٥٦", "0550123456"]
    written = [sign_in(portal_app.test_client(), number, "mauvais").status_code for number in numbers]
    assert written == [401] * 5 + [429]  # one number written six ways is one count


def test_a_code_allows_five_tries_then_even_the_right_one_is_refused(portal_app: Flask) -> None:
    client = portal_app.test_client()
    sign_up(client, "nadia@example.dz")
    right = code_sent_to(portal_app, "nadia@example.dz")
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    statuses = [verify(client, wrong).status_code for _ in range(5)]
    assert statuses == [422, 422, 422, 422, 410]
    refused = verify(client, right)
    assert refused.status_code == 410
    assert "Ce code a expiré ou a été essayé trop de fois." in refused.get_data(as_text=True)


def test_so_many_codes_to_one_address_then_no_more(portal_app: Flask) -> None:
    statuses = [sign_up(portal_app.test_client(), "souad@example.dz").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
