"""The maternity allowance claim: the insured woman, her pregnancy and leave, her work and wage; the work-time
conditions checked, the allowance estimated (duration by the leave's start date: 98 or 150 days; the daily
allowance; the total) on the rules in force; then a dossier handled by CNAS's agents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
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
    format_day,
    in_every_locale,
    rule,
    rules,
    validates_schema,
)

CENT = Decimal("0.01")
LAW_83_11 = date(1983, 7, 2)
LAW_25_08 = date(2025, 7, 23)  # leaves starting from this day (law 25-08 of 19 July 2025)
REF_83_11 = {
    "ar": "القانون رقم 83-11 المؤرخ في 2 جويلية 1983 المتعلق بالتأمينات الاجتماعية.",
    "fr": "Loi n° 83-11 du 2 juillet 1983 relative aux assurances sociales.",
}
REF_25_08 = {
    "ar": "القانون رقم 25-08 المؤرخ في 19 جويلية 2025: 150 يوما متتالية لعطلة تبدأ ابتداء من 23 جويلية 2025.",
    "fr": "Loi n° 25-08 du 19 juillet 2025 : 150 jours consécutifs pour un congé commençant à partir du "
    "23 juillet 2025.",
}
REF_CONDITIONS = {  # the back office's note; citizens read law 83-11
    "ar": "شروط مدة العمل حسب المصادر الثانوية؛ عدد الساعات غير مؤكد.",
    "fr": "Conditions de durée de travail selon des sources secondaires ; le nombre d'heures est incertain.",
}
REF_DAILY = {
    "ar": "اصطلاح هذا التقدير: الأجر الشهري الصافي ÷ 30.",
    "fr": "Convention de cette estimation : salaire mensuel net ÷ 30.",
}
# The allowance is the day's wage after the social security contribution and the income tax are deducted: "après
# déduction de" / "بعد اقتطاع", as in the field's help and on a payslip (not the calque "الصافي من", "net of").
REF_RATE = {
    "ar": "القانون رقم 83-11 المؤرخ في 2 جويلية 1983: 100% من الأجر اليومي بعد اقتطاع اشتراك الضمان الاجتماعي "
    "والضريبة.",
    "fr": "Loi n° 83-11 du 2 juillet 1983 : 100 % du salaire journalier, après déduction de la cotisation de "
    "sécurité sociale et de l'impôt.",
}
RATE_SOURCES = {  # the back office's note
    "ar": "نسبة مأخوذة من مصادر ثانوية.",
    "fr": "Taux relevé dans des sources secondaires.",
}


RULES = (
    rule("cnas.maternity.duration", (LAW_83_11, "98", REF_83_11), (LAW_25_08, "150", REF_25_08), unit="days",
         bounds=("0", "365"), labels={"ar": "مدة عطلة الأمومة", "fr": "Durée du congé de maternité"}),
    rule("cnas.maternity.earliest_start", (LAW_25_08, "42", REF_25_08), unit="days", bounds=("0", "365"),
         labels={"ar": "بداية العطلة على الأكثر قبل التاريخ المحتمل للولادة",
                 "fr": "Début du congé au plus tôt avant la naissance présumée"}),
    rule("cnas.maternity.rate", (LAW_83_11, "1", REF_RATE, RATE_SOURCES), unit="percent", bounds=("0", "1"),
         labels={"ar": "نسبة التعويض اليومي", "fr": "Taux de l'indemnité journalière"}),
    rule("cnas.maternity.days_per_month", (LAW_83_11, "30", REF_DAILY), unit="number", bounds=("28", "31"),
         labels={"ar": "أيام الشهر في حساب الأجر اليومي", "fr": "Jours par mois du salaire journalier"}),
    rule("cnas.maternity.min_days_3_months", (LAW_83_11, "15", REF_83_11, REF_CONDITIONS), unit="days",
         bounds=("0", "92"),
         labels={"ar": "أيام العمل خلال 3 أشهر", "fr": "Jours travaillés, 3 mois"}),
    rule("cnas.maternity.min_hours_3_months", (LAW_83_11, "100", REF_83_11, REF_CONDITIONS), unit="hours",
         bounds=("0", "2208"),
         labels={"ar": "ساعات العمل خلال 3 أشهر", "fr": "Heures travaillées, 3 mois"}),
    rule("cnas.maternity.min_days_12_months", (LAW_83_11, "60", REF_83_11, REF_CONDITIONS), unit="days",
         bounds=("0", "366"),
         labels={"ar": "أيام العمل خلال 12 شهرا", "fr": "Jours travaillés, 12 mois"}),
    rule("cnas.maternity.min_hours_12_months", (LAW_83_11, "400", REF_83_11, REF_CONDITIONS), unit="hours",
         bounds=("0", "8784"), labels={"ar": "ساعات العمل خلال 12 شهرا", "fr": "Heures travaillées, 12 mois"}),
)  # fmt: skip


WORK_TIME = ("days_3_months", "hours_3_months", "days_12_months", "hours_12_months")
PERIODS = (("days_3_months", "hours_3_months"), ("days_12_months", "hours_12_months"))  # days or hours, each
DAYS_OR_HOURS = (
    {"ar": "أدخلي أيام العمل أو ساعاته خلال الأشهر الثلاثة (أحدهما يكفي).",
     "fr": "Indiquez les jours ou les heures travaillés dans les 3 mois (l'un des deux suffit)."},
    {"ar": "أدخلي أيام العمل أو ساعاته خلال الاثني عشر شهرا (أحدهما يكفي).",
     "fr": "Indiquez les jours ou les heures travaillés dans les 12 mois (l'un des deux suffit)."},
)  # fmt: skip
EITHER = {"ar": "الأيام أو الساعات: أحدهما يكفي.", "fr": "Jours ou heures : l'un des deux suffit."}
CONDITIONS_NOT_MET = Exit(
    "work_time",
    {"ar": "شروط مدة العمل غير مستوفاة", "fr": "Les conditions de durée de travail ne sont pas remplies"},
    {
        "ar": "حسب الأيام أو الساعات التي صرحتم بها، لم تعملوا المدة التي تشترطها منحة الأمومة قبل أول معاينة طبية "
        "للحمل.",
        "fr": "D'après les jours ou les heures que vous avez indiqués, vous n'avez pas travaillé la durée que "
        "demande l'indemnité de maternité avant la première constatation médicale de la grossesse.",
    },
    {
        "ar": "تحققي من الأيام والساعات المصرح بها لدى مستخدمك، ثم اتصلي بوكالة الصندوق الوطني للتأمينات "
        "الاجتماعية التابعة لمكان عملك: تدرس الوكالة كل وضعية (فترات البطالة المعوضة، تعدد المستخدمين).",
        "fr": "Vérifiez auprès de votre employeur les jours et les heures déclarés, puis contactez l'agence CNAS "
        "de votre lieu de travail : elle étudie chaque situation (chômage indemnisé, plusieurs employeurs).",
    },
    rules=tuple(f"cnas.maternity.min_{key}" for key in WORK_TIME),
    link="https://cnas.dz",
    link_label={"ar": "موقع الصندوق الوطني للتأمينات الاجتماعية", "fr": "Site de la CNAS"},
)


def conditions_met(answers: Mapping[str, Any], book: RuleBook) -> bool:
    """At least 15 days or 100 hours worked in the 3 months, or 60 days or 400 hours in the 12 months, before
    the first medical confirmation of the pregnancy (the rules in force on that day)."""
    day = answers["first_confirmation_date"]
    return any((answers.get(key) or 0) >= book.value(f"cnas.maternity.min_{key}", day) for key in WORK_TIME)


def earliest_start(presumed_birth: date, leave_start: date, book: RuleBook) -> date | None:
    """The earliest day the leave may start, when a rule says so for a leave starting on ``leave_start``."""
    try:
        days = book.value("cnas.maternity.earliest_start", leave_start)
    except NoRuleError:
        return None
    return presumed_birth - timedelta(days=int(days))


LINES = {  # the estimate's lines, by code
    "duration": {"ar": "مدة العطلة", "fr": "Durée du congé"},
    "last_day": {"ar": "آخر يوم من العطلة", "fr": "Dernier jour du congé"},
    "daily_wage": {"ar": "الأجر اليومي الصافي", "fr": "Salaire journalier net"},
    "daily_allowance": {"ar": "التعويض اليومي", "fr": "Indemnité journalière"},
    "total": {"ar": "المبلغ الإجمالي التقديري", "fr": "Montant total estimé"},
}


def compute_maternity(answers: Mapping[str, Any], book: RuleBook) -> Estimate:
    start = answers["leave_start_date"]
    duration = book.at("cnas.maternity.duration", start)
    days = int(duration.value)
    per_month = book.at("cnas.maternity.days_per_month", start)
    rate = book.at("cnas.maternity.rate", start)
    daily_wage = (Decimal(answers["net_monthly_wage"]) / per_month.value).quantize(CENT, ROUND_HALF_UP)
    daily = (daily_wage * rate.value).quantize(CENT, ROUND_HALF_UP)
    times = {"ar": f"{days} يوما × التعويض اليومي", "fr": f"{days} jours × indemnité journalière"}
    lines = (
        EstimateLine("duration", LINES["duration"], days, "days", duration.reference),
        EstimateLine("last_day", LINES["last_day"], (start + timedelta(days=days - 1)).isoformat(), "date"),
        EstimateLine("daily_wage", LINES["daily_wage"], daily_wage, "DZD", per_month.reference),
        EstimateLine(
            "daily_allowance", LINES["daily_allowance"], daily, "DZD", rate.reference, indicative=not rate.confirmed
        ),
        EstimateLine("total", LINES["total"], daily * days, "DZD", times),
    )
    note = {
        "ar": "تقدير: يحسب الصندوق التعويض على أساس الأجور التي صرح بها المستخدم. لا تحتسب هنا التمديدات الممنوحة "
        "بشهادة طبية للمولود المصاب بإعاقة أو بمرض خطير.",
        "fr": "Estimation : la CNAS calcule l'indemnité à partir des salaires déclarés par l'employeur. Les "
        "prolongations accordées sur certificat médical pour un nouveau-né handicapé ou gravement malade ne "
        "sont pas comptées ici.",
    }
    return Estimate(lines, note)


def _date_text(day: date) -> Mapping[str, str]:
    return in_every_locale(lambda babel: format_day(day, babel))


class MaternitySchema(Schema):
    social_security_number = fields.digits(
        {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
        12,
        named={"ar": "رقم الضمان الاجتماعي", "fr": "votre numéro de sécurité sociale"},
    )
    employer_name = fields.text({"ar": "المستخدم (صاحب العمل)", "fr": "Employeur"})
    employer_number = fields.text(
        {"ar": "رقم المستخدم لدى الصندوق", "fr": "Numéro d'employeur à la CNAS"}, required=False, max_length=40
    )
    first_confirmation_date = fields.date(
        {"ar": "تاريخ أول معاينة طبية للحمل", "fr": "Date de la première constatation médicale de la grossesse"},
        named={"ar": "تاريخ أول معاينة طبية للحمل", "fr": "la date de la première constatation médicale"},
    )
    presumed_birth_date = fields.date(
        {"ar": "التاريخ المحتمل للولادة", "fr": "Date présumée de l'accouchement"},
        named={"ar": "التاريخ المحتمل للولادة", "fr": "la date présumée de l'accouchement"},
    )
    leave_start_date = fields.date(
        {"ar": "تاريخ بداية عطلة الأمومة", "fr": "Date de début du congé de maternité"},
        named={"ar": "تاريخ بداية عطلة الأمومة", "fr": "la date de début du congé de maternité"},
    )
    days_3_months = fields.integer(
        {
            "ar": "أيام العمل خلال الأشهر الثلاثة السابقة للمعاينة",
            "fr": "Jours travaillés dans les 3 mois avant la constatation",
        },
        EITHER,
        required=False,
        maximum=92,
    )
    hours_3_months = fields.integer(
        {
            "ar": "ساعات العمل خلال الأشهر الثلاثة السابقة للمعاينة",
            "fr": "Heures travaillées dans les 3 mois avant la constatation",
        },
        EITHER,
        required=False,
        maximum=1000,
    )
    days_12_months = fields.integer(
        {
            "ar": "أيام العمل خلال الاثني عشر شهرا السابقة للمعاينة",
            "fr": "Jours travaillés dans les 12 mois avant la constatation",
        },
        EITHER,
        required=False,
        maximum=366,
    )
    hours_12_months = fields.integer(
        {
            "ar": "ساعات العمل خلال الاثني عشر شهرا السابقة للمعاينة",
            "fr": "Heures travaillées dans les 12 mois avant la constatation",
        },
        EITHER,
        required=False,
        maximum=4000,
    )
    net_monthly_wage = fields.integer(
        {"ar": "الأجر الشهري الصافي (دج)", "fr": "Salaire mensuel net (DA)"},
        {
            "ar": "بعد اقتطاع اشتراك الضمان الاجتماعي والضريبة، كما يظهر في كشف الراتب.",
            "fr": "Après la cotisation de sécurité sociale et l'impôt, comme sur le bulletin de paie.",
        },
        minimum=1,
        maximum=10_000_000,
    )

    @validates_schema
    def dates_and_work_time(self, data: dict[str, Any], **_kwargs: Any) -> None:
        confirmed, birth, start = (
            data.get(name) for name in ("first_confirmation_date", "presumed_birth_date", "leave_start_date")
        )
        if confirmed and birth and birth < confirmed:
            raise fields.refuse(
                {
                    "ar": "يأتي التاريخ المحتمل للولادة بعد أول معاينة طبية.",
                    "fr": "La date présumée de l'accouchement suit la première constatation.",
                },
                "presumed_birth_date",
            )
        if birth and start:
            self._leave_start(birth, start)
        answered = all(days in data or hours in data for days, hours in PERIODS)
        if confirmed and answered and not conditions_met(data, rules()):
            raise IneligibleError(CONDITIONS_NOT_MET, "days_3_months")

    @validates_schema
    def days_or_hours(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """Each period is answered in days or in hours (or both): the rule is days or hours."""
        for (days, hours), texts in zip(PERIODS, DAYS_OR_HOURS, strict=True):
            if days in self.fields and days not in data and hours not in data:  # a step that asks for them
                raise fields.refuse(texts, days)

    @staticmethod
    def _leave_start(birth: date, start: date) -> None:
        if start > birth:
            raise fields.refuse(
                {
                    "ar": "تبدأ عطلة الأمومة قبل التاريخ المحتمل للولادة أو فيه.",
                    "fr": "Le congé de maternité commence au plus tard à la date présumée de l'accouchement.",
                },
                "leave_start_date",
            )
        earliest = earliest_start(birth, start, rules())
        if earliest is not None and start < earliest:
            when, days = _date_text(earliest), (birth - earliest).days
            raise fields.refuse(
                {
                    "ar": f"تبدأ العطلة على الأكثر {days} يوما قبل التاريخ المحتمل للولادة، أي ابتداء من {when['ar']}.",
                    "fr": f"Le congé commence au plus tôt {days} jours avant la date présumée de "
                    f"l'accouchement, soit à partir du {when['fr']}.",
                },
                "leave_start_date",
            )
        try:
            rules().at("cnas.maternity.duration", start)
        except NoRuleError as missing:
            raise fields.refuse(
                {"ar": "لا توجد قاعدة سارية لهذا التاريخ.", "fr": "Aucune règle n'est en vigueur à cette date."},
                "leave_start_date",
            ) from missing


MATERNITY_FORM = HostedForm(
    schema=MaternitySchema,
    steps=(
        Step(
            "insured",
            {"ar": "المؤمن لها", "fr": "L'assurée"},
            ("social_security_number", "employer_name", "employer_number"),
        ),
        Step(
            "leave",
            {"ar": "الحمل والعطلة", "fr": "Grossesse et congé"},
            ("first_confirmation_date", "presumed_birth_date", "leave_start_date"),
        ),
        Step(
            "work",
            {"ar": "العمل والأجر", "fr": "Travail et salaire"},
            ("days_3_months", "hours_3_months", "days_12_months", "hours_12_months", "net_monthly_wage"),
        ),
    ),
    documents=(
        Document(
            "medical_certificate",
            {"ar": "الشهادة الطبية لعطلة الأمومة", "fr": "Certificat médical du congé de maternité"},
        ),
        Document(
            "pay_slips", {"ar": "كشوف الرواتب الأخيرة", "fr": "Derniers bulletins de paie"}, required=False, max_files=3
        ),
    ),
    estimate=lambda answers: compute_maternity(answers, rules()),
    rules=tuple(rule.code for rule in RULES),
    estimate_labels=LINES,
    exits=(CONDITIONS_NOT_MET,),
)
