"""The test ministry: a report to the labour inspection (which may be anonymous, with the facts as a list typed
or loaded from a CSV file, answered by the ministry), a service still in development, and the reference
minimum wage that other bodies' computations read."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, validates, validates_schema

from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    PORTAL_CHANNEL,
    BodyPlugin,
    Channel,
    Contact,
    Document,
    HandlingStatus,
    HostedForm,
    Service,
    ServiceText,
    fields,
    rule,
)

MINIMUM_WAGE = rule(
    "mintest.wage.minimum",
    (date(2020, 6, 1), "20000", {"ar": "المرسوم الرئاسي التجريبي رقم 20-01.",
                                 "fr": "Décret présidentiel d'essai n° 20-01."}),
    (date(2026, 1, 1), "24000", {"ar": "المرسوم الرئاسي التجريبي رقم 25-09.",
                                 "fr": "Décret présidentiel d'essai n° 25-09."},
     {"ar": "مبلغ أعلنته الصحافة التجريبية؛ لم ينشر المرسوم بعد.",
      "fr": "Montant annoncé par la presse d'essai ; décret pas encore publié."}),  # not confirmed: "indicative"
    labels={"ar": "الأجر الأدنى المرجعي", "fr": "Salaire minimum de référence"},
    unit="dinars",
    bounds=("0", "1000000"),
)  # fmt: skip

CATEGORIES = {"complaint": {"ar": "شكوى", "fr": "Réclamation"}, "suggestion": {"ar": "اقتراح", "fr": "Suggestion"}}
APPLICANTS = {
    "worker": {"ar": "عامل", "fr": "Travailleur"},
    "employer": {"ar": "مستخدم", "fr": "Employeur"},
    "other": {"ar": "صفة أخرى", "fr": "Autre"},
}
SUBJECTS = {
    "wages": {"ar": "الأجور", "fr": "Salaires"},
    "working_hours": {"ar": "مدة العمل", "fr": "Durée du travail"},
    "safety": {"ar": "الوقاية الصحية والأمن", "fr": "Hygiène et sécurité"},
    "other": {"ar": "موضوع آخر", "fr": "Autre sujet"},
}
FACT_COLUMNS = {
    "day": {"ar": "التاريخ", "fr": "Date"},
    "hours": {"ar": "عدد الساعات", "fr": "Heures"},
    "fact": {"ar": "الواقعة", "fr": "Fait constaté"},
}


class ReportSchema(Schema):
    category = fields.choice({"ar": "نوع الرسالة", "fr": "Type de message"}, CATEGORIES)
    applicant_kind = fields.choice({"ar": "صفتكم", "fr": "Vous êtes"}, APPLICANTS)
    subject = fields.choice({"ar": "الموضوع", "fr": "Sujet"}, SUBJECTS, widget="select")
    employer_number = fields.text({"ar": "رقم المستخدم", "fr": "Numéro d'employeur"}, required=False, max_length=40)
    message = fields.text({"ar": "نص الرسالة", "fr": "Votre message"}, max_length=4000, multiline=True)
    facts = fields.table({"ar": "الوقائع يوما بيوم", "fr": "Les faits, jour par jour"}, FACT_COLUMNS,
                         {"ar": "واقعة واحدة في كل سطر.", "fr": "Un fait par ligne."},
                         example=("2026-03-02", "3", "Heures supplémentaires non payées"))  # fmt: skip
    anonymous = fields.boolean({"ar": "أرغب في عدم الكشف عن هويتي (للاقتراحات فقط)",
                                "fr": "Je souhaite rester anonyme (suggestions seulement)"})  # fmt: skip

    @validates("facts")
    def every_fact_has_its_three_values(self, value: str, **_kwargs: Any) -> None:
        wrong = [number for number, line in enumerate(value.splitlines(), start=1)
                 if line.strip() and len(line.split(";")) != len(FACT_COLUMNS)]  # fmt: skip
        if wrong:
            raise ValidationError([fields.Message({"ar": f"السطر {number}: ينتظر 3 قيم.",
                                                   "fr": f"Ligne {number} : 3 valeurs attendues."})
                                   for number in wrong])  # fmt: skip

    @validates_schema
    def complaints_are_signed(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("anonymous") and data.get("category") == "complaint":
            raise fields.refuse({"ar": "لا يمكن أن تكون الشكوى مجهولة الهوية: يجب أن تتمكن المفتشية من الرد عليكم.",
                                 "fr": "Une réclamation ne peut pas être anonyme : l'inspection doit pouvoir vous "
                                       "répondre."}, "anonymous")  # fmt: skip


ANSWERED = HandlingStatus(
    "answered",
    {"ar": "تم الرد", "fr": "Réponse donnée"},
    {"ar": "درست المفتشية رسالتكم. شكرا على مساهمتكم.", "fr": "L'inspection a examiné votre message. Merci."},
    final=True,
)
REPORT_FORM = HostedForm(
    schema=ReportSchema,
    documents=(Document("supporting", {"ar": "وثائق داعمة", "fr": "Pièces à l'appui"}, required=False, max_files=3),),
    anonymous_field="anonymous",
    statuses=(*DEFAULT_STATUSES[:3], ANSWERED),
    processing_days=30,
)


class Ministry(BodyPlugin):
    code = "mintest"
    kind = "ministry"
    acronym = "MINTEST"
    position = 10
    # A long name, as a ministry's often is: the home page's cards must still fit a phone's width.
    names = {
        "ar": "وزارة العمل والتشغيل والضمان الاجتماعي والتكوين المهني التجريبية",
        "fr": "Ministère d'essai du Travail, de l'Emploi, de la Sécurité sociale et de la Formation professionnelle",
    }
    website = "https://mintest.example.dz"
    contact = Contact(url="https://mintest.example.dz/contact")
    channels = (
        Channel("website", "web", {"ar": "الموقع الإلكتروني للوزارة", "fr": "Site web du ministère"},
                "https://mintest.example.dz"),
    )  # fmt: skip
    rules = (MINIMUM_WAGE,)
    services = (
        Service(slug="labour-inspection-report", domain="labour", audiences=("salaried", "employer"),
                channels=(PORTAL_CHANNEL,), hosted=True, maturity=3, status="live", form=REPORT_FORM,
                texts={"ar": ServiceText(
                           title="الشكاوى والتبليغات لدى مفتشية العمل",
                           summary="يودع العمال والمستخدمون شكاواهم واقتراحاتهم لدى مفتشية العمل عن بعد، "
                                   "ويتابعون ردها عليها.",
                           audience="العمال الأجراء والمستخدمون.", cost="مجانية."),
                       "fr": ServiceText(
                           title="Signalement à l'inspection du travail",
                           summary="Travailleurs et employeurs adressent à distance leurs réclamations et "
                                   "suggestions à l'inspection du travail et suivent sa réponse.",
                           audience="Les travailleurs salariés et les employeurs.", cost="Gratuit.")}),
        Service(slug="collective-agreement-filing", domain="labour", audiences=("employer", "union"),
                channels=("website",), maturity=3, status="in_development", planned_live_on=date(2027, 1, 1),
                texts={"ar": ServiceText(
                           title="إيداع الاتفاقيات الجماعية للعمل عن بعد",
                           summary="تودع المنظمات النقابية والمستخدمون اتفاقياتهم الجماعية لدى الوزارة عن بعد."),
                       "fr": ServiceText(
                           title="Dépôt en ligne des conventions collectives de travail",
                           summary="Organisations syndicales et employeurs déposent en ligne leurs conventions "
                                   "collectives auprès du ministère.")}),
    )  # fmt: skip
