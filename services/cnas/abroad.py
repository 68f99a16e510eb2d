"""Voluntary affiliation of Algerians living abroad: the application with its documents and eligibility
checks, the quarterly contribution on the declared base (at least three times the minimum wage), and the
catch-up of up to five years of missing contributions; the application becomes a CNAS dossier."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from portal.registry.toolkit import (
    Document,
    Estimate,
    EstimateLine,
    Exit,
    HostedForm,
    IneligibleError,
    NoRuleError,
    RuleBook,
    Schema,
    Step,
    fields,
    format_amount,
    in_every_locale,
    percent_in_every_locale,
    rule,
    rules,
    today,
    validates_schema,
)

CENT = Decimal("0.01")
SCHEME = date(2023, 1, 5)  # the joint ministerial order of 5 January 2023
REF_SCHEME = {
    "ar": "المرسوم التنفيذي رقم 22-351 المؤرخ في 18 أكتوبر 2022 والقرار الوزاري المشترك المؤرخ في 5 جانفي 2023.",
    "fr": "Décret exécutif n° 22-351 du 18 octobre 2022 et arrêté interministériel du 5 janvier 2023.",
}
# The notes below say where a value comes from: the back office reads them in the rule tables; citizens read the
# legal texts (REF_SCHEME) and, since these values are not confirmed by them, "indicative estimate".
REF_RATES = {
    "ar": "31,25% من الوعاء المصرح به: 13% للأداءات العينية للتأمين على المرض والأمومة و18,25% للتقاعد (مصادر ثانوية).",
    "fr": "31,25 % de l'assiette déclarée : 13 % pour les prestations en nature maladie-maternité et "
    "18,25 % pour la retraite (sources secondaires).",
}
REF_FLOOR = {
    "ar": "وعاء لا يقل عن ثلاثة أضعاف الأجر الوطني الأدنى المضمون (مصادر ثانوية).",
    "fr": "Assiette au moins égale à trois fois le salaire national minimum garanti (sources secondaires).",
}
REF_AGE = {
    "ar": "يشترط أن يقل سن طالب الانتساب عن 55 سنة (مصادر ثانوية).",
    "fr": "Le demandeur a moins de 55 ans (sources secondaires).",
}
REF_CATCH_UP = {
    "ar": "يمكن تسوية ما يصل إلى خمس سنوات من الاشتراكات الناقصة باشتراكات تعويضية.",
    "fr": "Jusqu'à cinq années de cotisations manquantes peuvent être rachetées par des cotisations compensatoires.",
}


RULES = (
    rule("cnas.abroad.rate_in_kind", (SCHEME, "0.13", REF_SCHEME, REF_RATES), unit="percent", bounds=("0", "0.5"),
         labels={"ar": "نسبة الأداءات العينية للمرض والأمومة", "fr": "Taux maladie-maternité (prestations en nature)"}),
    rule("cnas.abroad.rate_retirement", (SCHEME, "0.1825", REF_SCHEME, REF_RATES), unit="percent", bounds=("0", "0.5"),
         labels={"ar": "نسبة التقاعد", "fr": "Taux retraite"}),
    rule("cnas.abroad.floor_multiple", (SCHEME, "3", REF_SCHEME, REF_FLOOR), unit="number", bounds=("0", "20"),
         labels={"ar": "الوعاء الأدنى بمضاعفات الأجر الوطني الأدنى المضمون",
                 "fr": "Assiette minimale, en fois le SNMG"}),
    rule("cnas.abroad.max_age", (SCHEME, "55", REF_SCHEME, REF_AGE), unit="years", bounds=("18", "100"),
         labels={"ar": "السن القصوى", "fr": "Âge à ne pas atteindre"}),
    rule("cnas.abroad.catch_up_years", (SCHEME, "5", REF_CATCH_UP), unit="years", bounds=("0", "40"),
         labels={"ar": "أقصى عدد سنوات التسوية", "fr": "Années de rachat au plus"}),
)  # fmt: skip


@dataclass(frozen=True)
class Contribution:
    floor: Decimal  # the smallest monthly base allowed on that day
    quarter_base: Decimal
    in_kind: Decimal
    retirement: Decimal
    catch_up_quarters: int

    @property
    def quarterly(self) -> Decimal:
        return self.in_kind + self.retirement

    @property
    def catch_up(self) -> Decimal:
        return self.quarterly * self.catch_up_quarters


def monthly_floor(on: date, book: RuleBook) -> Decimal:
    return book.value("cnas.abroad.floor_multiple", on) * book.value("wage.snmg", on)


def compute_contribution(monthly_base: Decimal, catch_up_quarters: int, on: date, book: RuleBook) -> Contribution:
    """The contribution of a quarter on a monthly base (never below the floor), each share rounded to the
    centime; the missing quarters made up are each counted as a quarter paid on ``on``."""
    floor = monthly_floor(on, book)
    quarter_base = max(Decimal(monthly_base), floor) * 3
    in_kind = (quarter_base * book.value("cnas.abroad.rate_in_kind", on)).quantize(CENT, ROUND_HALF_UP)
    retirement = (quarter_base * book.value("cnas.abroad.rate_retirement", on)).quantize(CENT, ROUND_HALF_UP)
    return Contribution(floor, quarter_base, in_kind, retirement, catch_up_quarters)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


PAYMENT = {
    "ar": "الدفع: لا يتوفر الدفع الإلكتروني على هذه البوابة بعد. بعد قبول طلبكم، يبين لكم الصندوق كيفية دفع "
    "الاشتراكات كل ثلاثة أشهر بالعملة الصعبة، لا سيما بالبطاقة الدولية «فيزا» مع بنك التنمية المحلية.",
    "fr": "Paiement : le paiement en ligne n'est pas encore proposé sur ce portail. Une fois votre demande "
    "acceptée, la CNAS vous indique comment payer chaque trimestre en devises convertibles, notamment par carte "
    "Visa internationale avec la BDL.",
}


LINES = {  # the estimate's lines whose label does not depend on the answers or the rates, by code
    "floor": {"ar": "الوعاء الشهري الأدنى", "fr": "Assiette mensuelle minimale"},
    "quarter_base": {"ar": "وعاء الفصل (3 أشهر)", "fr": "Assiette du trimestre (3 mois)"},
    "quarterly": {"ar": "الاشتراك الفصلي", "fr": "Cotisation trimestrielle"},
}
SHARES = {  # each share of the contribution: the rule of its rate, and its name (the label adds the rate)
    "in_kind": ("cnas.abroad.rate_in_kind", {"ar": "حصة المرض والأمومة", "fr": "Part maladie-maternité"}),
    "retirement": ("cnas.abroad.rate_retirement", {"ar": "حصة التقاعد", "fr": "Part retraite"}),
}


def _share_line(code: str, amount: Decimal, on: date, book: RuleBook) -> EstimateLine:
    """A share, labelled with the rate in force on ``on`` as the rule table holds it, and that row's legal text."""
    rule_code, names = SHARES[code]
    applied = book.at(rule_code, on)
    rate = percent_in_every_locale(applied.value)
    return EstimateLine(code, {locale: f"{name} ({rate[locale]})" for locale, name in names.items()}, amount, "DZD",
                        applied.reference, indicative=not applied.confirmed)  # fmt: skip


def contribution_estimate(answers: Mapping[str, Any], on: date, book: RuleBook) -> Estimate:
    result = compute_contribution(Decimal(answers["declared_monthly_base"]), answers["catch_up_quarters"], on, book)
    multiple, snmg = book.at("cnas.abroad.floor_multiple", on), book.at("wage.snmg", on)
    floor_how = {locale: f"{multiple.cites(locale)} {snmg.cites(locale)}" for locale in ("ar", "fr")}
    quarters = answers["catch_up_quarters"]
    catch_up = {"ar": f"تسوية {quarters} فصول ناقصة", "fr": f"Rachat de {quarters} trimestre(s) manquant(s)"}
    lines = (
        EstimateLine(
            "floor",
            LINES["floor"],
            result.floor,
            "DZD",
            floor_how,
            indicative=not (multiple.confirmed and snmg.confirmed),
        ),
        EstimateLine("quarter_base", LINES["quarter_base"], result.quarter_base, "DZD"),
        _share_line("in_kind", result.in_kind, on, book),
        _share_line("retirement", result.retirement, on, book),
        EstimateLine("quarterly", LINES["quarterly"], result.quarterly, "DZD"),
        EstimateLine("catch_up", catch_up, result.catch_up, "DZD", book.at("cnas.abroad.catch_up_years", on).reference),
    )
    return Estimate(lines, PAYMENT)


TOO_OLD = Exit(
    "age_limit",
    {"ar": "الانتساب الإرادي غير متاح ابتداء من سن 55", "fr": "L'affiliation volontaire n'est plus ouverte à 55 ans"},
    {
        "ar": "حسب تاريخ ميلادكم، بلغتم السن التي لا يقبل بعدها الانتساب الإرادي للجزائريين المقيمين بالخارج.",
        "fr": "D'après votre date de naissance, vous avez atteint l'âge à partir duquel l'affiliation volontaire "
        "des Algériens résidant à l'étranger n'est plus acceptée.",
    },
    {
        "ar": "إن سبق لكم العمل في الجزائر، تبقى حقوقكم المكتسبة قائمة: اتصلوا بالصندوق الوطني للتأمينات الاجتماعية "
        "أو بقنصلية الجزائر في بلد إقامتكم لمعرفة حقوقكم، وبالصندوق الوطني للتقاعد بخصوص التقاعد.",
        "fr": "Si vous avez travaillé en Algérie, vos droits acquis demeurent : contactez la CNAS ou le consulat "
        "d'Algérie de votre pays de résidence pour connaître vos droits, et la CNR pour la retraite.",
    },
    rules=("cnas.abroad.max_age",),
    legal=REF_SCHEME,
    link="https://cnas.dz",
    link_label={"ar": "موقع الصندوق الوطني للتأمينات الاجتماعية", "fr": "Site de la CNAS"},
)


class AbroadSchema(Schema):
    nin = fields.digits(
        {"ar": "رقم التعريف الوطني", "fr": "Numéro d'identification national (NIN)"},
        18,
        named={"ar": "رقم التعريف الوطني", "fr": "votre numéro d'identification national (NIN)"},
    )
    social_security_number = fields.digits(
        {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
        12,
        {"ar": "إن سبق لكم الانتساب في الجزائر.", "fr": "Si vous avez déjà été assuré en Algérie."},
        required=False,
        named={"ar": "رقم الضمان الاجتماعي", "fr": "votre numéro de sécurité sociale"},
    )
    birth_date = fields.date(
        {"ar": "تاريخ الميلاد", "fr": "Date de naissance"},
        named={"ar": "تاريخ ميلادكم", "fr": "votre date de naissance"},
        past=True,
        autocomplete="bday",
    )
    country = fields.text({"ar": "بلد الإقامة", "fr": "Pays de résidence"}, max_length=80)
    consular_registration = fields.text(
        {"ar": "رقم التسجيل القنصلي", "fr": "Numéro d'immatriculation consulaire"}, max_length=40
    )
    occupation = fields.text({"ar": "النشاط المهني في الخارج", "fr": "Activité professionnelle à l'étranger"})
    works_abroad = fields.boolean(
        {"ar": "أمارس نشاطا مهنيا في الخارج", "fr": "J'exerce une activité professionnelle à l'étranger"}
    )
    declared_monthly_base = fields.integer(
        {"ar": "الوعاء الشهري المصرح به (دج)", "fr": "Assiette mensuelle déclarée (DA)"},
        {
            "ar": "المبلغ الذي تحسب عليه اشتراكاتكم، ولا يقل عن ثلاثة أضعاف الأجر الوطني الأدنى المضمون.",
            "fr": "Le montant sur lequel vos cotisations sont calculées, au moins trois fois le SNMG.",
        },
        minimum=1,
        maximum=100_000_000,
    )
    catch_up_quarters = fields.integer(
        {"ar": "عدد الفصول الناقصة المراد تسويتها", "fr": "Trimestres manquants à racheter"},
        {"ar": "من 0 إلى 20 فصلا (خمس سنوات).", "fr": "De 0 à 20 trimestres (cinq ans)."},
        maximum=20,
    )

    @validates_schema
    def eligible(self, data: dict[str, Any], **_kwargs: Any) -> None:
        day = today()
        if "works_abroad" in data and not data["works_abroad"]:
            raise fields.refuse(
                {
                    "ar": "الانتساب الإرادي موجه للجزائريين الذين يمارسون نشاطا مهنيا في الخارج.",
                    "fr": "L'affiliation volontaire s'adresse aux Algériens qui travaillent à l'étranger.",
                },
                "works_abroad",
            )
        try:
            book = rules()
            limit = int(book.value("cnas.abroad.max_age", day))
            floor = monthly_floor(day, book)
            most = int(book.value("cnas.abroad.catch_up_years", day)) * 4
        except NoRuleError as missing:
            raise fields.refuse(
                {"ar": "لا توجد قاعدة سارية اليوم.", "fr": "Aucune règle n'est en vigueur aujourd'hui."}, "birth_date"
            ) from missing
        if data.get("birth_date") and age_on(data["birth_date"], day) >= limit:
            raise IneligibleError(TOO_OLD, "birth_date")
        if data.get("declared_monthly_base") is not None and data["declared_monthly_base"] < floor:
            least = in_every_locale(lambda babel: format_amount(floor, babel))
            texts = {
                "ar": f"لا يقل الوعاء الشهري عن {least['ar']}.",
                "fr": f"L'assiette mensuelle est d'au moins {least['fr']}.",
            }
            raise fields.refuse(texts, "declared_monthly_base")
        if data.get("catch_up_quarters", 0) > most:
            raise fields.refuse(
                {"ar": f"{most} فصلا على الأكثر.", "fr": f"{most} trimestres au plus."}, "catch_up_quarters"
            )


ABROAD_FORM = HostedForm(
    schema=AbroadSchema,
    steps=(
        Step(
            "applicant",
            {"ar": "طالب الانتساب", "fr": "Le demandeur"},
            (
                "nin",
                "social_security_number",
                "birth_date",
                "country",
                "consular_registration",
                "occupation",
                "works_abroad",
            ),
        ),
        Step("contribution", {"ar": "الاشتراك", "fr": "La cotisation"}, ("declared_monthly_base", "catch_up_quarters")),
    ),
    documents=(
        Document(
            "identity",
            {
                "ar": "نسخة من جواز السفر أو بطاقة التعريف الوطنية",
                "fr": "Copie du passeport ou de la carte d'identité nationale",
            },
        ),
        Document("consular_card", {"ar": "بطاقة التسجيل القنصلي", "fr": "Carte d'immatriculation consulaire"}),
        Document(
            "work_proof",
            {"ar": "ما يثبت النشاط المهني في الخارج", "fr": "Justificatif de l'activité à l'étranger"},
            max_files=3,
        ),
    ),
    estimate=lambda answers: contribution_estimate(answers, today(), rules()),
    rules=(*(rule.code for rule in RULES), "wage.snmg"),  # the floor is a multiple of MTESS's minimum wage
    estimate_labels=LINES,
    exits=(TOO_OLD,),
)
