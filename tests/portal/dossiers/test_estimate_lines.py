"""Estimate lines are named by a code, unique within an estimate, and kept with it; a dossier stored before lines
had codes still shows its estimate."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import Flask

from portal.dossiers import forms
from portal.registry.toolkit import Estimate, EstimateLine

DAYS = {"ar": "المدة", "fr": "Durée"}
AMOUNT = {"ar": "المبلغ", "fr": "Montant"}


def test_a_line_is_found_by_its_code_and_kept_with_it() -> None:
    estimate = Estimate((EstimateLine("days", DAYS, 12, "days"), EstimateLine("amount", AMOUNT, Decimal(5), "DZD")))
    assert estimate.line("amount").value == Decimal(5)
    assert [line["code"] for line in forms.estimate_data(estimate) or []] == ["days", "amount"]
    with pytest.raises(KeyError):
        estimate.line("total")


def test_two_lines_of_an_estimate_cannot_share_a_code() -> None:
    with pytest.raises(ValueError, match="estimate line codes used more than once: amount"):
        Estimate((EstimateLine("amount", AMOUNT, 1), EstimateLine("amount", DAYS, 2)))


def test_an_estimate_stored_before_lines_had_codes_still_reads(app: Flask) -> None:
    stored = [{"label": AMOUNT, "value": "12000", "unit": "DZD", "detail": {"fr": "12 jours × 1 000 DA"}}]
    with app.test_request_context("/fr/"):
        app.preprocess_request()  # the locale of the URL
        assert forms.estimate_rows(stored, "fr") == [("Montant", "12\u202f000,00\xa0DA", "12 jours × 1 000 DA", False)]
