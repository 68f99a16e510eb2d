"""The lines of a list answered as a table, as the core counts and shows them and a plugin checks them: blank
rows and the header are no entries; each entry keeps the number a spreadsheet shows."""

from __future__ import annotations

import pytest

from portal.registry import RegistryError, build_registry
from portal.registry.tables import TableLine, table_lines
from portal.registry.toolkit import HostedForm, Schema, fields
from tests.portal.registry.test_form_texts import LOCALES, plugin_with


def test_blank_lines_and_rows_of_empty_values_are_no_entries() -> None:
    text = "Date;Heures;Fait\n;;\n2026-03-04;2;Contrôle\n\n  \n ; ;\n2026-03-05;3;Repos\n;;;"
    assert table_lines(text) == [
        TableLine(3, ("2026-03-04", "2", "Contrôle")),
        TableLine(7, ("2026-03-05", "3", "Repos")),
    ]


def test_a_first_line_with_a_digit_is_an_entry_not_a_header() -> None:
    assert [line.number for line in table_lines("150012345678,Benali,12,1000\n150012345679,Saidi,6,2000")] == [1, 2]
    assert table_lines("x;y\nNom;Prénom") == [TableLine(2, ("Nom", "Prénom"))]  # only the first line is a header


def form_counting(entries: dict[str, dict[str, str]]) -> HostedForm:
    class Listed(Schema):
        wages = fields.table({"ar": "الأجور", "fr": "Salaires"}, {"ssn": {"ar": "الرقم", "fr": "Numéro"}},
                             entries=entries)  # fmt: skip

    return HostedForm(schema=Listed)


def test_the_words_for_a_count_of_entries_need_a_general_form_in_every_locale() -> None:
    fine = {"ar": {"one": "عامل واحد", "other": "{count} عامل"}, "fr": {"one": "{count} travailleur",
                                                                        "other": "{count} travailleurs"}}  # fmt: skip
    assert build_registry({"demo": plugin_with(form_counting(fine))}, LOCALES).bodies["demo"]
    with pytest.raises(RegistryError) as caught:
        build_registry({"demo": plugin_with(form_counting({**fine, "fr": {"one": "un travailleur"}}))}, LOCALES)
    assert caught.value.problems == ["plugin 'demo', field 'services[demo-hosted].form.schema.wages.entries': "
                                     "no 'other' form with {count} in 'fr'"]  # fmt: skip
