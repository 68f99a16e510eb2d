"""The sandbox funds' demo people are consistent: one identity per person across the funds, the NINs of the demo
identity provider, careers whose years and gaps agree with their periods; and the sandbox never answers a 5xx to
what it was not asked to break."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise

import requests

from tests.funds_sandbox import ROOT, Sandbox

SEED = json.loads((ROOT / "sandbox" / "funds" / "seed.json").read_text(encoding="utf-8"))
IDENTITIES = json.loads((ROOT / "sandbox" / "oidc" / "people.json").read_text(encoding="utf-8"))


def test_each_person_of_a_fund_is_a_known_person_with_valid_identifiers() -> None:
    for fund in SEED["funds"].values():
        for person in fund["persons"].values():
            identity = SEED["people"][person["who"]]
            assert len(identity["nss"]) == 12 and identity["nss"].isdigit()
            assert date.fromisoformat(identity["birth_date"]) < date(2010, 1, 1)
            assert identity["phone"].startswith("+")


def test_the_nins_are_those_of_the_demo_identity_provider() -> None:
    by_nin = {person["nin"]: person for person in IDENTITIES.values()}
    for identity in SEED["people"].values():
        if identity["nin"]:
            assert by_nin[identity["nin"]]["birthdate"] == identity["birth_date"]


def test_careers_agree_with_their_periods() -> None:
    for person in SEED["funds"]["cnr"]["persons"].values():
        periods = sorted(person["periods"], key=lambda period: period["start"])
        for before, after in pairwise(periods):
            gap = {"start": _next_day(before["end"]), "end": _day_before(after["start"])}
            assert gap in person["gaps"] or gap["start"] > gap["end"]
        last = max(line["year"] for line in person["years"])
        worked = {year for period in periods
                  for year in range(int(period["start"][:4]), int((period["end"] or str(last))[:4]) + 1)}  # fmt: skip
        assert [line["year"] for line in person["years"]] == sorted(worked)  # a year wholly in a gap has no line
        assert all(0 <= line["quarters"] <= 4 and line["contributions"] < line["wages"] for line in person["years"])


def test_what_is_not_a_json_object_is_refused_without_a_server_error(funds_sandbox: Sandbox) -> None:
    for path in ("/persons/search", "/persons/confirm", "/persons/match"):
        answer = requests.post(funds_sandbox.fund_url("cnr") + path, json=[1, 2], timeout=5)
        assert answer.status_code in (404, 422) and "error" in answer.json()


def _next_day(day: str) -> str:
    return date.fromordinal(date.fromisoformat(day).toordinal() + 1).isoformat()


def _day_before(day: str) -> str:
    return date.fromordinal(date.fromisoformat(day).toordinal() - 1).isoformat()
