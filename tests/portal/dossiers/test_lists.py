"""A list answered as a table (the test ministry's facts, day by day): blank lines and the header are no entries,
and before sending the applicant reads the entries themselves, a page at a time."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.portal.dossiers.helpers import form_key

APPLY = "/{locale}/services/labour-inspection-report/apply"
REPORT = {"category": "suggestion", "applicant_kind": "worker", "subject": "working_hours",
          "message": "Les heures supplémentaires ne sont pas payées."}  # fmt: skip


def to_last_step(client: FlaskClient, facts: str, locale: str = "fr", page: int | None = None) -> TestResponse:
    """Answer the first step; the last one is shown (at this page of the list, when one is asked for)."""
    path = APPLY.format(locale=locale)
    data = {"key": form_key(client, path), "step": "0", **REPORT, "facts": facts}
    client.post(path, data=data, follow_redirects=True)
    if page is None:
        return client.post(path, data=data, follow_redirects=True)
    return client.post(f"{path}?facts-page={page}", data={**data, "step": "1", "action": "goto-1"},
                       follow_redirects=True)  # fmt: skip


def line_numbers(page: str) -> list[int]:
    """The line numbers of the entries shown in the list's table."""
    table = page.split('class="list-preview"', 1)[1].split("</table>", 1)[0]
    return [int(number) for number in re.findall(r"<tr><td>(\d+)</td>", table)]


def test_blank_lines_empty_rows_and_the_header_are_not_counted(hosted_app: Flask) -> None:
    facts = "Date;Heures;Fait constaté\n2026-03-04;2;Contrôle\n;;\n\n2026-03-05;3;Heures\n  \n2026-03-06;1;Repos"
    page = to_last_step(hosted_app.test_client(), facts).get_data(as_text=True)
    assert '<th scope="row">Les faits, jour par jour</th><td class="answer" dir="auto">3 lignes</td>' in page
    assert "Les faits, jour par jour : 3 lignes" in page
    assert line_numbers(page) == [2, 5, 7]  # the numbers the applicant's spreadsheet shows


def test_a_long_list_is_shown_a_page_at_a_time_in_both_languages(hosted_app: Flask) -> None:
    facts = "Date;Heures;Fait\n" + "\n".join(f"2026-03-04;{hour % 9 + 1};Fait n° {hour}" for hour in range(120))
    client = hosted_app.test_client()
    first = to_last_step(client, facts).get_data(as_text=True)
    assert line_numbers(first) == list(range(2, 52))
    assert "Entrées 1 à 50 sur 120" in first and "Page 1 sur 3" in first
    assert re.search(
        r'formaction="/fr/services/labour-inspection-report/apply/[0-9a-f]{32}\?facts-page=2#list-facts"', first
    )
    assert "Page précédente" not in first.split('class="list-pages"', 1)[1]
    last = to_last_step(client, facts, page=3).get_data(as_text=True)
    assert line_numbers(last) == list(range(102, 122)) and "Fait n° 119" in last
    assert "Entrées 101 à 120 sur 120" in last and "Page 3 sur 3" in last
    beyond = to_last_step(client, facts, page=99).get_data(as_text=True)
    assert line_numbers(beyond) == list(range(102, 122))  # a page past the end shows the last one
    arabic = to_last_step(hosted_app.test_client(), facts, "ar", page=2).get_data(as_text=True)
    assert line_numbers(arabic) == list(range(52, 102)) and "الصفحة 2 من 3" in arabic
