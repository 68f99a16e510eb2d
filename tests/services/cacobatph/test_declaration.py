"""The annual declaration simulation: the wage list read line by line, and the contributions worked out by
hand with the employer's and the workers' shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.registry.rule_book import NoRuleError
from services.cacobatph.declaration import compute_declaration, parse_wage_list
from tests.services.rulebooks import BOOK, with_rows

LIST = """Numéro de sécurité sociale;Nom et prénom;Mois travaillés;Salaire annuel soumis à cotisation (DA)
150012345678;Benali Ahmed;12;540 000,00
150012345679;Saidi Omar;6;300000
"""


def test_the_template_header_is_skipped_and_french_amounts_are_read() -> None:
    lines, errors = parse_wage_list(LIST)
    assert errors == []
    assert [(line.number, line.ssn, line.months, line.wages) for line in lines] == [
        (2, "150012345678", 12, Decimal("540000.00")), (3, "150012345679", 6, Decimal("300000.00"))]  # fmt: skip


def test_the_contributions_worked_out_by_hand() -> None:
    lines, _ = parse_wage_list(LIST)
    result = compute_declaration(lines, 2026, BOOK)
    assert (result.workers, result.wages) == (2, Decimal("840000.00"))
    paid_leave, bad_weather = result.shares
    assert (paid_leave.employer, paid_leave.worker) == (Decimal("102564.00"), Decimal(0))  # 12.21 % of 840,000
    assert (bad_weather.employer, bad_weather.worker) == (Decimal("3150.00"), Decimal("3150.00"))  # 0.375 % each
    assert (result.employer, result.worker, result.total) == (Decimal("105714.00"), Decimal("3150.00"),
                                                              Decimal("108864.00"))  # fmt: skip


def test_each_share_is_rounded_half_up_to_the_centime() -> None:
    lines, _ = parse_wage_list("150012345678;A;12;1000,02\n")
    result = compute_declaration(lines, 2026, BOOK)
    assert result.shares[0].employer == Decimal("122.10")  # 1,000.02 × 12.21 % = 122.102442
    assert result.shares[1].employer == Decimal("3.75")  # 1,000.02 × 0.375 % = 3.750075


def test_a_new_rate_applies_from_its_year_and_earlier_years_keep_theirs() -> None:
    book = with_rows(("cacobatph.paid_leave.employer", date(2027, 1, 1), "0.13"))
    lines, _ = parse_wage_list("150012345678;A;12;100000\n")
    assert compute_declaration(lines, 2026, book).shares[0].employer == Decimal("12210.00")
    assert compute_declaration(lines, 2027, book).shares[0].employer == Decimal("13000.00")


def test_a_year_before_any_rate_cannot_be_simulated() -> None:
    with pytest.raises(NoRuleError):
        compute_declaration([], 1999, BOOK)
    compute_declaration([], 2000, BOOK)


def test_each_wrong_line_is_reported_with_its_number() -> None:
    text = "\n".join(["150012345678;Benali Ahmed;12;540000", "15001234;Kaci;3;1000", "150012345670;;3;1000",
                      "150012345671;Saidi;13;1000", "150012345672;Amrani;3;mille", "150012345673;Amrani;3",
                      "150012345678;Benali Ahmed;12;1", "150012345674;Hadj;3;-5"])  # fmt: skip
    lines, errors = parse_wage_list(text)
    assert [line.number for line in lines] == [1]
    assert [(error.number, error.texts["fr"]) for error in errors] == [
        (2, "Ligne 2 : le numéro de sécurité sociale a 12 chiffres."),
        (3, "Ligne 3 : le nom manque."),
        (4, "Ligne 4 : le nombre de mois travaillés va de 1 à 12."),
        (5, "Ligne 5 : le salaire « mille » n'est pas un montant."),
        (6, "Ligne 6 : 4 valeurs attendues, 3 trouvée(s)."),
        (7, "Ligne 7 : ce travailleur figure déjà ligne 1."),
        (8, "Ligne 8 : le salaire est compris entre 0 et 100 millions de DA."),
    ]
    assert errors[0].texts["ar"] == "السطر 2: رقم الضمان الاجتماعي من 12 رقما."


def test_commas_separate_values_too() -> None:
    lines, errors = parse_wage_list("150012345678,Benali Ahmed,12,540000.50\n")
    assert errors == [] and lines[0].wages == Decimal("540000.50")


def test_blank_lines_and_rows_of_empty_values_are_not_workers() -> None:
    text = LIST.replace("\n150012345679", "\n;;;\n\n ; ; ; \n150012345679") + ";;;\n"
    lines, errors = parse_wage_list(text)
    assert errors == []
    assert [(line.number, line.ssn) for line in lines] == [(2, "150012345678"), (6, "150012345679")]


def test_every_error_of_a_line_is_reported_at_once() -> None:
    lines, errors = parse_wage_list("15001234;;13;mille\n150012345678;Benali;0;-1\n")
    assert lines == []
    assert [error.texts["fr"] for error in errors] == [
        "Ligne 1 : le numéro de sécurité sociale a 12 chiffres ; le nom manque ; le nombre de mois travaillés va "
        "de 1 à 12 ; le salaire « mille » n'est pas un montant.",
        "Ligne 2 : le nombre de mois travaillés va de 1 à 12 ; le salaire est compris entre 0 et 100 millions de DA.",
    ]
    assert errors[1].texts["ar"] == "السطر 2: عدد أشهر العمل من 1 إلى 12؛ الأجر بين 0 و100 مليون دج."


@pytest.mark.parametrize("months", ["²", "1" * 5000, "٣" * 5000])
def test_a_months_cell_python_cannot_convert_is_an_error_of_its_line(months: str) -> None:
    """ "²" is a digit to ``str.isdigit`` but not to ``int``, and Python refuses to convert 5,000 digits: the list
    reader (which "never raises") raised ValueError, a server error on the simulation's page."""
    lines, errors = parse_wage_list(f"150012345678;Benali Ahmed;{months};1000\n")
    assert lines == []
    assert [error.texts["fr"] for error in errors] == ["Ligne 1 : le nombre de mois travaillés va de 1 à 12."]


def test_a_social_security_number_is_read_as_the_core_reads_digits() -> None:
    """Twelve superscript twos passed ``str.isdigit`` as a social security number; Arabic-Indic digits were kept as
    typed, so the same worker written both ways was two workers."""
    lines, errors = parse_wage_list("²²²²²²²²²²²²;A;12;1000\n١٥٠٠ ١٢٣٤ ٥٦٧٨;B;12;1000\n150012345678;C;12;1000\n")
    assert [error.texts["fr"] for error in errors] == [
        "Ligne 1 : le numéro de sécurité sociale a 12 chiffres.",
        "Ligne 3 : ce travailleur figure déjà ligne 2.",
    ]
    assert [(line.number, line.ssn, line.months) for line in lines] == [(2, "150012345678", 12)]
