"""The declaration simulation as the employer sees it: the workers counted and listed a page at a time before
anything is declared (10,000 of them included), and "simulate" never mistaken for "declare"."""

from __future__ import annotations

import re
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.portal.dossiers.helpers import form_key

APPLY = "/{locale}/services/annual-declaration-simulation/apply"


def workers(count: int) -> str:
    """The template's header, then ``count`` workers, with the blank rows a spreadsheet leaves."""
    rows = [f"{150000000000 + number};Travailleur {number};12;{100000 + number},00" for number in range(count)]
    return "Numéro de sécurité sociale;Nom et prénom;Mois travaillés;Salaire\n;;;\n" + "\n".join(rows) + "\n;;;\n"


def simulate(client: FlaskClient, wages: str, locale: str = "fr", page: int | None = None) -> str:
    path = APPLY.format(locale=locale)
    data = {"key": form_key(client, path), "step": "0", "employer_number": "16-0042-77", "year": "2026",
            "wages": wages}  # fmt: skip
    shown = client.post(path, data=data, follow_redirects=True)
    if page is not None:
        shown = client.post(f"{path}?wages-page={page}", data={**data, "step": "1", "action": "goto-1"},
                            follow_redirects=True)  # fmt: skip
    assert shown.status_code == 200, re.findall(r'<li><a href="#field-[^"]+">(.*?)</a>', shown.get_data(as_text=True))
    return shown.get_data(as_text=True)


def shown_names(page: str) -> list[str]:
    """The names in the table of the list's page (the whole list also travels in the form, hidden)."""
    table = page.split('class="list-preview"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td dir="auto">(Travailleur \d+)</td>', table)


def test_three_workers_are_three_workers_and_are_listed_before_declaring(portal_app: Flask) -> None:
    page = simulate(portal_app.test_client(), workers(3))
    assert '<td class="answer" dir="auto">3 travailleurs</td>' in page  # neither the header nor ";;;" counts
    assert "Liste des salaires : 3 travailleurs" in page
    for number in range(3):
        assert f'<td dir="auto">15000000000{number}</td>' in page and f"Travailleur {number}" in page
    arabic = simulate(portal_app.test_client(), workers(3), "ar")
    assert '<td class="answer" dir="auto">3 عمال</td>' in arabic


@pytest.mark.parametrize(("locale", "notice", "button"), [
    ("fr", "Ceci n&#39;est qu&#39;une simulation : rien n&#39;a encore été envoyé à la Caisse.",
     "Envoyer la déclaration définitive à la Caisse</button>"),
    ("ar", "هذه محاكاة فقط: لم يرسل أي شيء إلى الصندوق بعد.", "إرسال التصريح النهائي إلى الصندوق</button>"),
])  # fmt: skip
def test_simulating_is_never_mistaken_for_declaring(portal_app: Flask, locale: str, notice: str, button: str) -> None:
    client = portal_app.test_client()
    first = client.get(APPLY.format(locale=locale)).get_data(as_text=True)
    assert ("Rien n&#39;est envoyé à la Caisse à cette étape" if locale == "fr" else "لا يرسل شيء إلى الصندوق") in first
    page = simulate(client, workers(2), locale)
    assert notice in page and button in page


def test_ten_thousand_workers_are_listed_fifty_at_a_time(portal_app: Flask) -> None:
    client = portal_app.test_client()
    started = time.perf_counter()
    first = simulate(client, workers(10_000))
    assert time.perf_counter() - started < 20  # two steps on a shared test machine; the benchmark says 169 ms
    assert "Liste des salaires : 10\u202f000 travailleurs" in first
    assert "Entrées 1 à 50 sur 10000" in first and "Page 1 sur 200" in first
    assert shown_names(first) == [f"Travailleur {number}" for number in range(50)]
    last = simulate(client, workers(10_000), page=200)
    assert shown_names(last) == [f"Travailleur {number}" for number in range(9950, 10_000)]
    assert "Page 200 sur 200" in last
