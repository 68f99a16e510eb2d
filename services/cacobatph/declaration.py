"""Simulation of the annual declaration of wages: the year's wage list (typed, or loaded from the CSV
template), each line checked, the contributions computed with the employer's and the workers' shares at
the rates in force on 1 January of the year; "declare" turns the simulation into the final declaration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    Estimate,
    EstimateLine,
    HandlingStatus,
    HostedForm,
    NoRuleError,
    RuleBook,
    Schema,
    ValidationError,
    fields,
    normalise_digits,
    percent_in_every_locale,
    rule,
    rules,
    table_lines,
    validates,
)

CENT = Decimal("0.01")
MAX_WAGE = Decimal("100000000")
MOST_ERRORS = 50  # line errors shown at once; the count of the others is given
COLUMNS = {
    "ssn": {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
    "name": {"ar": "الاسم واللقب", "fr": "Nom et prénom"},
    "months": {"ar": "أشهر العمل", "fr": "Mois travaillés"},
    "wages": {"ar": "الأجر السنوي الخاضع للاشتراك (دج)", "fr": "Salaire annuel soumis à cotisation (DA)"},
}
# What citizens read: no official text giving these rates is cited yet, so the estimate is indicative.
REFERENCE = {
    "ar": "نسبة الاشتراك المطبقة لدى الصندوق؛ يذكر مرجع النص الرسمي فور نشره.",
    "fr": "Taux de cotisation appliqué par la Caisse ; la référence du texte officiel sera indiquée dès sa "
    "publication.",
}
# Where the rates come from: the back office's notes (the rule tables), never shown to citizens.
UNCONFIRMED = {
    "ar": "نسبة متداولة في المصادر الصحفية؛ لم يتم تأكيدها بعد في نص رسمي.",
    "fr": "Taux cité par des sources de presse ; pas encore confirmé par un texte officiel.",
}
PRESS = {
    "ar": "نسب متداولة في المصادر الصحفية (0,375% على المستخدم و0,375% على العامل)؛ تاريخ السريان غير منشور.",
    "fr": "Taux cités par des sources de presse (0,375 % employeur, 0,375 % travailleur) ; date d'effet non publiée.",
}
# code, labels, employer's rule, worker's rule (None: the employer pays it alone)
CONTRIBUTIONS = (
    ("paid_leave", {"ar": "العطل المدفوعة الأجر", "fr": "Congés payés"}, "cacobatph.paid_leave.employer", None),
    ("bad_weather", {"ar": "البطالة الناجمة عن سوء الأحوال الجوية", "fr": "Chômage-intempéries"},
     "cacobatph.bad_weather.employer", "cacobatph.bad_weather.worker"),
)  # fmt: skip
START = date(2000, 1, 1)  # the sources give no date of effect: the rows apply to every declared year


RATE_BOUNDS = ("0", "0.5")  # a contribution rate, as a share of the wages: above half of them is a typing mistake
RULES = (
    rule("cacobatph.paid_leave.employer", (START, "0.1221", REFERENCE, UNCONFIRMED), unit="percent", bounds=RATE_BOUNDS,
         labels={"ar": "اشتراك العطل المدفوعة الأجر، حصة المستخدم", "fr": "Cotisation congés payés, part employeur"}),
    rule("cacobatph.bad_weather.employer", (START, "0.00375", REFERENCE, PRESS), unit="percent", bounds=RATE_BOUNDS,
         labels={"ar": "اشتراك البطالة الناجمة عن سوء الأحوال الجوية، حصة المستخدم",
                 "fr": "Cotisation chômage-intempéries, part employeur"}),
    rule("cacobatph.bad_weather.worker", (START, "0.00375", REFERENCE, PRESS), unit="percent", bounds=RATE_BOUNDS,
         labels={"ar": "اشتراك البطالة الناجمة عن سوء الأحوال الجوية، حصة العامل",
                 "fr": "Cotisation chômage-intempéries, part travailleur"}),
)  # fmt: skip
# The last button: it sends the final declaration; everything before it is a simulation.
DECLARE = {"ar": "إرسال التصريح النهائي إلى الصندوق", "fr": "Envoyer la déclaration définitive à la Caisse"}
LABELS = {  # the estimate's lines that do not depend on the answers, by code
    "workers": {"ar": "عدد العمال", "fr": "Nombre de travailleurs"},
    "wages": {"ar": "مجموع الأجور الخاضعة للاشتراك", "fr": "Total des salaires soumis à cotisation"},
    "employer": {"ar": "مجموع حصة المستخدم", "fr": "Total de la part employeur"},
    "worker": {"ar": "مجموع حصة العمال (تقتطع من الأجور)", "fr": "Total de la part des travailleurs (retenue)"},
    "total": {"ar": "مجموع الاشتراكات المستحقة", "fr": "Total des cotisations dues"},
}
WORKERS = {  # the count of the list's workers, by CLDR plural category
    "ar": {"zero": "لا عامل", "one": "عامل واحد", "two": "عاملان", "few": "{count} عمال", "many": "{count} عاملا",
           "other": "{count} عامل"},
    "fr": {"one": "{count} travailleur", "other": "{count} travailleurs"},
}  # fmt: skip
SIDES = {
    "employer": {"ar": "حصة المستخدم", "fr": "part employeur"},
    "worker": {"ar": "حصة العمال", "fr": "part des travailleurs"},
}


@dataclass(frozen=True)
class WageLine:
    number: int  # the line of the list, counted from 1 as a spreadsheet shows it
    ssn: str
    name: str
    months: int
    wages: Decimal


@dataclass(frozen=True)
class LineError:
    number: int
    texts: Mapping[str, str]


def _amount(text: str) -> Decimal:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def _problem(number: int, ar: str, fr: str) -> LineError:
    return LineError(number, {"ar": f"السطر {number}: {ar}.", "fr": f"Ligne {number} : {fr}."})


Problem = tuple[str, str]  # what is wrong with a value, in Arabic and in French, without the final stop


def _wage_problems(wages: str) -> tuple[Decimal | None, list[Problem]]:
    try:
        amount = _amount(wages)
    except (InvalidOperation, ValueError):
        return None, [(f"الأجر «{wages}» ليس مبلغا", f"le salaire « {wages} » n'est pas un montant")]
    if not Decimal(0) <= amount <= MAX_WAGE:
        return None, [("الأجر بين 0 و100 مليون دج", "le salaire est compris entre 0 et 100 millions de DA")]
    return amount, []


def _problems(ssn: str, name: str, months: str) -> list[Problem]:
    """Everything wrong with a line's number, name and months, so the employer corrects it in one go."""
    found = []
    if len(normalise_digits(ssn) or "") != 12:
        found.append(("رقم الضمان الاجتماعي من 12 رقما", "le numéro de sécurité sociale a 12 chiffres"))
    if not name:
        found.append(("الاسم واللقب ناقصان", "le nom manque"))
    if _months(months) is None:
        found.append(("عدد أشهر العمل من 1 إلى 12", "le nombre de mois travaillés va de 1 à 12"))
    return found


def _months(text: str) -> int | None:
    """The months worked, read as the core reads digits (Latin or Arabic-Indic, never "²"), from 1 to 12."""
    digits = normalise_digits(text)
    number = int(digits) if digits and len(digits) <= 2 else 0
    return number if 1 <= number <= 12 else None


def _line(number: int, cells: tuple[str, ...]) -> WageLine | LineError:
    if len(cells) != len(COLUMNS):
        return _problem(number, f"ينتظر {len(COLUMNS)} قيم، وجدت {len(cells)}",
                        f"{len(COLUMNS)} valeurs attendues, {len(cells)} trouvée(s)")  # fmt: skip
    ssn, name, months, wages = cells
    amount, wrong_wage = _wage_problems(wages)
    found = _problems(ssn, name, months) + wrong_wage
    if found or amount is None:
        return _problem(number, "؛ ".join(ar for ar, _fr in found), " ; ".join(fr for _ar, fr in found))
    return WageLine(
        number, normalise_digits(ssn) or ssn, name, _months(months) or 0, amount.quantize(CENT, ROUND_HALF_UP)
    )


def parse_wage_list(text: str) -> tuple[list[WageLine], list[LineError]]:
    """Every worker of the list, checked, with every error of each line; blank lines and the header (the
    template's) are left out, as the core leaves them out when it counts and shows the list. Never raises."""
    lines: list[WageLine] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for entry in table_lines(text):
        number = entry.number
        if entry.cells is None:
            errors.append(_problem(number, "سطر غير مقروء", "ligne illisible"))
            continue
        found = _line(number, entry.cells)
        if isinstance(found, LineError):
            errors.append(found)
        elif found.ssn in seen:
            errors.append(_problem(number, f"العامل مذكور في السطر {seen[found.ssn]}",
                                   f"ce travailleur figure déjà ligne {seen[found.ssn]}"))  # fmt: skip
        else:
            seen[found.ssn] = number
            lines.append(found)
    return lines, errors


@dataclass(frozen=True)
class Share:
    code: str
    labels: Mapping[str, str]
    employer_rate: Decimal
    worker_rate: Decimal
    employer: Decimal
    worker: Decimal
    references: Mapping[str, str]
    confirmed: bool = True  # an official text confirms the employer's rate

    @property
    def total(self) -> Decimal:
        return self.employer + self.worker


@dataclass(frozen=True)
class Declaration:
    year: int
    workers: int
    wages: Decimal
    shares: tuple[Share, ...]

    @property
    def employer(self) -> Decimal:
        return sum((share.employer for share in self.shares), Decimal(0))

    @property
    def worker(self) -> Decimal:
        return sum((share.worker for share in self.shares), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.employer + self.worker


def compute_declaration(lines: list[WageLine], year: int, book: RuleBook) -> Declaration:
    """The contributions on the year's wages, each share rounded to the centime (half up), at the rates in
    force on 1 January of the year."""
    day = date(year, 1, 1)
    wages = sum((line.wages for line in lines), Decimal(0))
    shares = []
    for code, labels, employer_code, worker_code in CONTRIBUTIONS:
        employer_rule = book.at(employer_code, day)
        worker_rate = book.value(worker_code, day) if worker_code else Decimal(0)
        shares.append(Share(code, labels, employer_rule.value, worker_rate,
                            (wages * employer_rule.value).quantize(CENT, ROUND_HALF_UP),
                            (wages * worker_rate).quantize(CENT, ROUND_HALF_UP), employer_rule.reference,
                            employer_rule.confirmed))  # fmt: skip
    return Declaration(year, len(lines), wages, tuple(shares))


def _share_line(share: Share, side: str) -> EstimateLine:
    rate, amount = (share.employer_rate, share.employer) if side == "employer" else (share.worker_rate, share.worker)
    label = {locale: f"{share.labels[locale]} – {SIDES[side][locale]}" for locale in ("ar", "fr")}
    percent = percent_in_every_locale(rate)
    how = {"ar": f"{percent['ar']} × مجموع الأجور. {share.references.get('ar', '')}",
           "fr": f"{percent['fr']} × total des salaires. {share.references.get('fr', '')}"}  # fmt: skip
    return EstimateLine(f"{share.code}.{side}", label, amount, "DZD", how, indicative=not share.confirmed)


def _total_line(code: str, value: Any, unit: str = "") -> EstimateLine:
    return EstimateLine(code, LABELS[code], value, unit)


def declaration_estimate(answers: Mapping[str, Any], book: RuleBook) -> Estimate:
    lines, _errors = parse_wage_list(answers["wages"])
    result = compute_declaration(lines, answers["year"], book)
    rows = [_total_line("workers", result.workers), _total_line("wages", result.wages, "DZD")]
    for share in result.shares:
        rows += [_share_line(share, side) for side in ("employer", "worker") if side == "employer" or share.worker_rate]
    rows += [_total_line(name, getattr(result, name), "DZD") for name in ("employer", "worker", "total")]
    note = {
        "ar": f"هذه محاكاة فقط: لم يرسل أي شيء إلى الصندوق بعد. تحققوا من العمال والمبالغ. الزر «{DECLARE['ar']}» "
        "يرسل التصريح فيصبح نهائيا ويدرسه الصندوق؛ ويمكنكم مغادرة هذه الصفحة دون التصريح بشيء.",
        "fr": "Ceci n'est qu'une simulation : rien n'a encore été envoyé à la Caisse. Vérifiez les travailleurs et "
        f"les montants. Le bouton « {DECLARE['fr']} » transmet la déclaration, qui devient alors "
        "définitive et que la Caisse examine ; vous pouvez aussi quitter cette page sans rien déclarer.",
    }
    return Estimate(tuple(rows), note)


class DeclarationSchema(Schema):
    employer_number = fields.text({"ar": "رقم المستخدم لدى الصندوق", "fr": "Numéro d'employeur à la Caisse"},
                                  max_length=40)  # fmt: skip
    year = fields.integer({"ar": "سنة التصريح", "fr": "Année déclarée"}, minimum=2000, maximum=2100, grouping=False)
    wages = fields.table(
        {"ar": "قائمة الأجور", "fr": "Liste des salaires"}, COLUMNS,
        {"ar": "عامل واحد في كل سطر. لا يرسل شيء إلى الصندوق في هذه المرحلة: ستطلعون أولا على المحاكاة.",
         "fr": "Un travailleur par ligne. Rien n'est envoyé à la Caisse à cette étape : vous verrez d'abord la "
         "simulation."},
        example=("150012345678", "Benali Ahmed", "12", "540000,00"), entries=WORKERS,
    )  # fmt: skip

    @validates("wages")
    def every_line_is_right(self, value: str, **_kwargs: Any) -> None:
        lines, errors = parse_wage_list(value)
        if errors:
            shown = [fields.Message(error.texts) for error in errors[:MOST_ERRORS]]
            if len(errors) > MOST_ERRORS:
                more = len(errors) - MOST_ERRORS
                shown.append(fields.Message({"ar": f"و{more} أسطر أخرى فيها أخطاء.",
                                             "fr": f"Et {more} autres lignes en erreur."}))  # fmt: skip
            raise ValidationError(shown)
        if not lines:
            raise fields.refuse({"ar": "القائمة لا تضم أي عامل.", "fr": "La liste ne contient aucun travailleur."},
                                "wages")  # fmt: skip

    @validates("year")
    def rates_are_known(self, value: int, **_kwargs: Any) -> None:
        try:
            compute_declaration([], value, rules())
        except NoRuleError as missing:
            texts = {"ar": "لا توجد نسب اشتراك سارية لهذه السنة.",
                     "fr": "Aucun taux de cotisation n'est en vigueur pour cette année."}  # fmt: skip
            raise fields.refuse(texts, "year") from missing


RECORDED = HandlingStatus(
    "recorded", {"ar": "تم تسجيل التصريح", "fr": "Déclaration enregistrée"},
    {"ar": "سجل الصندوق تصريحكم السنوي.", "fr": "La Caisse a enregistré votre déclaration annuelle."}, final=True,
)  # fmt: skip
DECLARATION_FORM = HostedForm(
    schema=DeclarationSchema,
    estimate=lambda answers: declaration_estimate(answers, rules()),
    statuses=(*DEFAULT_STATUSES[:3], RECORDED, DEFAULT_STATUSES[4]),
    submit_label=DECLARE,
    estimate_labels=LABELS,
    rules=tuple(rule.code for rule in RULES),
)  # fmt: skip
