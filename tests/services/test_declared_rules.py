"""Each bundled form declares every rule it reads, and the bundled bodies load together: CNAS's affiliation
abroad reads MTESS's minimum wage, so CNAS enabled without MTESS does not start."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pytest
from flask import g

from portal.registry import RegistryError, get_registry
from portal.registry.rule_book import AppliedRule, Localised, RuleBook
from portal.registry.toolkit import HostedForm
from services.cacobatph.declaration import DECLARATION_FORM
from services.cnas.abroad import ABROAD_FORM
from services.cnas.maternity import MATERNITY_FORM
from tests.conftest import AppFactory
from tests.services.rulebooks import SEEDED

# Answers each form accepts, typed as a person would.
VALID: list[tuple[HostedForm, Mapping[str, Any]]] = [
    (ABROAD_FORM, {"nin": "1" * 18, "birth_date": "1980-05-04", "country": "France", "consular_registration": "75-1",
                   "occupation": "Infirmier", "works_abroad": True, "declared_monthly_base": 80_000,
                   "catch_up_quarters": 2}),
    (MATERNITY_FORM, {"social_security_number": "150012345678", "employer_name": "SARL Atlas",
                      "first_confirmation_date": "2026-03-02", "presumed_birth_date": "2026-11-20",
                      "leave_start_date": "2026-10-09", "days_3_months": 60, "hours_3_months": 480,
                      "days_12_months": 240, "hours_12_months": 1900, "net_monthly_wage": 60_000}),
    (DECLARATION_FORM, {"employer_number": "16-001", "year": 2026, "wages": "150012345678;Benali Ahmed;12;540000"}),
]  # fmt: skip


class RecordingBook(RuleBook):
    """The seeded rule book, noting the code of every rule read."""

    def __init__(self, rows: Iterable[tuple[str, date, Any, Localised]]) -> None:
        super().__init__(rows)
        self.read: set[str] = set()

    def at(self, code: str, day: date) -> AppliedRule:
        self.read.add(code)
        return super().at(code, day)


@pytest.mark.parametrize(("form", "answers"), VALID, ids=["abroad", "maternity", "declaration"])
def test_a_form_declares_every_rule_its_checks_and_its_estimate_read(
    make_app: AppFactory, form: HostedForm, answers: Mapping[str, Any]
) -> None:
    book = RecordingBook.from_definitions(SEEDED)
    with make_app(migrate=False).test_request_context("/fr/"):
        g._rule_book = book  # the book of this request, as rules() reads it
        loaded = form.schema().load(answers)
        assert form.estimate is not None and form.estimate(loaded) is not None
    assert book.read and book.read <= set(form.rules)


def test_the_bundled_bodies_load_together_with_every_rule_their_forms_read(make_app: AppFactory) -> None:
    registry = get_registry(make_app(migrate=False))
    read = {code for body in registry for service in body.services if service.form for code in service.form.rules}
    assert "wage.snmg" in read and read <= set(registry.rules)


def test_cnas_without_mtess_does_not_start_as_its_form_reads_the_minimum_wage(make_app: AppFactory) -> None:
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["cnas"])
    assert caught.value.problems == [
        "plugin 'cnas', field 'services[voluntary-affiliation-abroad].form.rules': the form reads rule 'wage.snmg', "
        "which no enabled body declares"
    ]
