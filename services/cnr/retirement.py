"""The retirement rules CNR applies, as dated rows with their legal texts: the age, the years of work required, the
rate earned per year of work and its ceiling, and the years of wages the reference wage averages. The career page
of my space reads them to estimate the retirement date and the pension (``portal/connectors/retirement.py``)."""

from __future__ import annotations

from datetime import date

from portal.registry.toolkit import rule

LAW = date(1983, 7, 2)  # the law on retirement
REF_LAW = {
    "ar": "القانون رقم 83-12 المؤرخ في 2 جويلية 1983 المتعلق بالتقاعد، المعدل والمتمم.",
    "fr": "Loi n° 83-12 du 2 juillet 1983 relative à la retraite, modifiée et complétée.",
}
REF_REFERENCE_WAGE = {
    "ar": "الأجر المرجعي: متوسط الأجر الشهري الخاضع للاشتراك لأفضل خمس سنوات في المسار المهني (مصادر ثانوية).",
    "fr": "Salaire de référence : salaire mensuel moyen soumis à cotisation des cinq meilleures années de la "
    "carrière (sources secondaires).",
}

RULES = (
    rule("retirement.age", (LAW, "60", REF_LAW), unit="years", bounds=("45", "70"),
         labels={"ar": "سن التقاعد", "fr": "Âge de la retraite"}),
    rule("retirement.min_years", (LAW, "15", REF_LAW), unit="years", bounds=("1", "40"),
         labels={"ar": "أدنى مدة عمل", "fr": "Durée de travail minimale"}),
    rule("retirement.rate_per_year", (LAW, "0.025", REF_LAW), unit="percent", bounds=("0", "0.1"),
         labels={"ar": "النسبة عن كل سنة عمل", "fr": "Taux par année de travail"}),
    rule("retirement.max_rate", (LAW, "0.8", REF_LAW), unit="percent", bounds=("0", "1"),
         labels={"ar": "النسبة القصوى للمعاش", "fr": "Taux maximal de la pension"}),
    rule("retirement.reference_years", (LAW, "5", REF_LAW, REF_REFERENCE_WAGE), unit="years", bounds=("1", "40"),
         labels={"ar": "سنوات الأجر المرجعي", "fr": "Années du salaire de référence"}),
)  # fmt: skip
