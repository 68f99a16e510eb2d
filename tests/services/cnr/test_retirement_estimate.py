"""The estimate of the retirement date and the pension on CNR's career page, from CNR's dated rule table: Karim,
61, may retire at once with 37 years (80 % at most, of his five best years); Amina works on until 60; the lines cite
the law; a change of a rule's value from a date changes the estimate from that date; without enough years, what is
missing."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from flask import Flask

from portal.connectors import retirement
from portal.connectors.records import Career, CareerYear, Period
from portal.registry.rule_book import RuleBook
from services.cnr.retirement import RULES
from tests.conftest import AppFactory
from tests.funds_sandbox import Sandbox
from tests.services.cnr.test_career_page import _linked_client


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.replace("\u00a0", " ").replace("\u202f", " ")))


def test_the_estimate_of_a_worker_who_may_retire(make_app: AppFactory, funds_sandbox: Sandbox) -> None:
    app = make_app(WTF_CSRF_ENABLED=False, FUNDS_BASE_URL=funds_sandbox.url, TODAY="2026-12-01")
    client = _linked_client(app, funds_sandbox)
    french = _text(client.get("/fr/my/funds/cnr/career").get_data(as_text=True))
    assert "Date de retraite au plus tôt (à 60 ans, avec 15 années de travail au moins) 1er décembre 2026" in french
    assert "Années de travail à cette date 37 ans" in french
    assert "Taux : 2,5 % par année de travail, 80,0 % au plus 80,0 %" in french
    assert "Salaire de référence : la moyenne mensuelle de vos 5 meilleures années 79 040,00 DA" in french
    assert "Pension mensuelle estimée 63 232,00 DA" in french
    assert "Loi n° 83-12 du 2 juillet 1983 relative à la retraite" in french
    arabic = _text(client.get("/ar/my/funds/cnr/career").get_data(as_text=True))
    assert "المعاش الشهري التقديري 63 232,00 دج" in arabic and "القانون رقم 83-12 المؤرخ في 2 جويلية 1983" in arabic


def _career(quarters: int, working: bool) -> Career:
    end = None if working else date(2020, 12, 31)
    years = [CareerYear(2020 - index, Decimal(1_200_000 - index * 10_000), Decimal(100_000), 4)
             for index in range(quarters // 4)]  # fmt: skip
    return Career([Period(date(2000, 1, 1), end, "SARL Atlas")], years, quarters)


def test_the_rules_in_force_on_each_day_and_the_years_missing(portal_app: Flask) -> None:
    book = RuleBook.from_definitions(RULES)
    with portal_app.test_request_context("/fr/"):
        found = retirement.estimate(_career(40, working=True), date(1990, 5, 10), date(2026, 12, 1), book)
        assert found is not None and found.line("retirement_date").value == "2050-05-10"
        assert found.line("years").value == 33 and str(found.line("rate").value) == "0.8"
        raised = RuleBook([*((rule.code, *row) for rule in RULES for row in rule.seed_rows()),
                           ("retirement.age", date(2030, 1, 1), "62", {"fr": "Une loi de 2030."})])  # fmt: skip
        later = retirement.estimate(_career(40, working=True), date(1990, 5, 10), date(2031, 1, 1), raised)
        assert later is not None and later.line("retirement_date").value == "2052-05-10"
        assert later.line("retirement_date").detail == {"fr": "Une loi de 2030."}
        short = retirement.estimate(_career(40, working=False), date(1970, 5, 10), date(2026, 12, 1), book)
        assert short is not None and short.line("missing").value == 5
        assert [line.code for line in short.lines] == ["years", "missing"]
        retired = Career([], [CareerYear(2017, Decimal(1), Decimal(1), 4)], 4, pension=None)
        assert retirement.estimate(retired, None, date(2026, 12, 1), book) is None
