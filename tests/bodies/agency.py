"""The test agency: a hosted application for a hiring aid (two steps, a list to choose from, an optional figure,
three documents of different types and sizes, an estimate that reads the rules, statuses of its own), and
services for job seekers, one of them planned."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from marshmallow import Schema, validates, validates_schema

from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    PDF,
    PORTAL_CHANNEL,
    BodyPlugin,
    Channel,
    Contact,
    Document,
    Estimate,
    EstimateLine,
    HandlingStatus,
    HostedForm,
    NoRuleError,
    RuleBook,
    Service,
    ServiceText,
    Step,
    fields,
    rule,
    rules,
)

AID_SHARE = rule(
    "pilote.aid.share",
    (date(2020, 1, 1), "0.4", {"ar": "القرار التجريبي رقم 3 المتعلق بإعانة التوظيف.",
                                "fr": "Arrêté d'essai n° 3 relatif à l'aide à l'embauche."}),
    labels={"ar": "نسبة الإعانة من الأجر الأدنى المرجعي", "fr": "Part de l'aide dans le salaire minimum de référence"},
    unit="percent",
    bounds=("0", "1"),
)  # fmt: skip

SECTORS = {
    "agriculture": {"ar": "الفلاحة", "fr": "Agriculture"},
    "building": {"ar": "البناء والأشغال العمومية", "fr": "Bâtiment et travaux publics"},
    "industry": {"ar": "الصناعة", "fr": "Industrie"},
    "services": {"ar": "الخدمات", "fr": "Services"},
}
SIZES = {"small": {"ar": "مؤسسة صغيرة", "fr": "Petite entreprise"}, "medium": {"ar": "مؤسسة متوسطة",
         "fr": "Entreprise moyenne"}}  # fmt: skip


def monthly_aid(year: int, book: RuleBook) -> Decimal:
    """The aid per young person hired, a month: a share of the reference minimum wage on 1 January."""
    day = date(year, 1, 1)
    return (book.value("pilote.aid.share", day) * book.value("mintest.wage.minimum", day)).quantize(Decimal("0.01"))


class HiringAidSchema(Schema):
    company_name = fields.text({"ar": "اسم المؤسسة", "fr": "Raison sociale"})
    size = fields.choice({"ar": "حجم المؤسسة", "fr": "Taille de l'entreprise"}, SIZES)
    sector = fields.choice({"ar": "قطاع النشاط", "fr": "Secteur d'activité"}, SECTORS, widget="select")
    address = fields.text({"ar": "عنوان المقر", "fr": "Adresse du siège"}, max_length=300)
    year = fields.integer({"ar": "سنة التوظيف", "fr": "Année des recrutements"}, minimum=2000, maximum=2100,
                          grouping=False)  # fmt: skip
    hires = fields.integer({"ar": "عدد التوظيفات", "fr": "Nombre de recrutements"}, minimum=1)
    young_hires = fields.integer({"ar": "عدد الشباب الموظفين", "fr": "Nombre de jeunes recrutés"})
    workforce = fields.integer(
        {"ar": "عدد عمال المؤسسة", "fr": "Effectif de l'entreprise"},
        {"ar": "إن كان معروفا.", "fr": "S'il est connu."},
        required=False,
        minimum=1,
    )

    @validates("year")
    def the_aid_is_known_that_year(self, value: int, **_kwargs: Any) -> None:
        try:
            monthly_aid(value, rules())
        except NoRuleError as missing:
            texts = {"ar": "لا توجد إعانة سارية لهذه السنة.", "fr": "Aucune aide n'est en vigueur pour cette année."}
            raise fields.refuse(texts, "year") from missing

    @validates_schema
    def figures_add_up(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("hires") is not None and data.get("young_hires", 0) > data["hires"]:
            raise fields.refuse({"ar": "لا يمكن أن يتجاوز عدد الشباب الموظفين عدد التوظيفات.",
                                 "fr": "Les jeunes recrutés ne peuvent dépasser le nombre de recrutements."},
                                "young_hires")  # fmt: skip


LINES = {
    "young_share": {"ar": "نسبة الشباب من التوظيفات", "fr": "Part des jeunes dans les recrutements"},
    "monthly_aid": {"ar": "الإعانة الشهرية لكل شاب", "fr": "Aide mensuelle par jeune recruté"},
    "yearly_aid": {"ar": "الإعانة السنوية", "fr": "Aide annuelle"},
}


def hiring_aid(answers: Mapping[str, Any], book: RuleBook) -> Estimate:
    aid = monthly_aid(answers["year"], book)
    share = (Decimal(answers["young_hires"]) / Decimal(answers["hires"])).quantize(Decimal("0.001"), ROUND_HALF_UP)
    day = date(answers["year"], 1, 1)
    applied, wage = book.at("pilote.aid.share", day), book.at("mintest.wage.minimum", day)
    return Estimate(
        (EstimateLine("young_share", LINES["young_share"], share, "percent"),
         EstimateLine("monthly_aid", LINES["monthly_aid"], aid, "DZD", applied.reference,
                      indicative=not (applied.confirmed and wage.confirmed)),
         EstimateLine("yearly_aid", LINES["yearly_aid"], aid * 12 * answers["young_hires"], "DZD")),
        {"ar": "مبالغ تقديرية؛ تتحقق منها مصالح الوكالة.", "fr": "Montants estimés ; les services de l'agence les "
         "vérifient."},
    )  # fmt: skip


GRANTED = HandlingStatus(
    "granted",
    {"ar": "تم منح الإعانة", "fr": "Aide accordée"},
    {"ar": "منحت الوكالة الإعانة لمؤسستكم.", "fr": "L'agence a accordé l'aide à votre entreprise."},
    final=True,
)
NOT_ADMISSIBLE = HandlingStatus("not_admissible", {"ar": "غير مقبول", "fr": "Non recevable"},
                                {"ar": "تعذر قبول الملف للأسباب المبينة في هذه الرسالة.",
                                 "fr": "Le dossier n'a pas pu être reçu, pour les raisons indiquées ici."},
                                final=True)  # fmt: skip
HIRING_AID_FORM = HostedForm(
    schema=HiringAidSchema,
    steps=(Step("company", {"ar": "المؤسسة", "fr": "L'entreprise"}, ("company_name", "size", "sector", "address")),
           Step("hiring", {"ar": "التوظيفات", "fr": "Les recrutements"}, ("year", "hires", "young_hires",
                                                                            "workforce"))),
    documents=(
        Document("statement", {"ar": "التصريح بالتوظيفات، ممضى", "fr": "Déclaration des recrutements, signée"},
                 types=(PDF,)),
        Document("contracts", {"ar": "عقود العمل", "fr": "Contrats de travail"}, types=(PDF,),
                 max_bytes=10 * 1024 * 1024, max_files=3),
        Document("register_extract", {"ar": "مستخرج السجل التجاري", "fr": "Extrait du registre du commerce"}),
    ),
    estimate=lambda answers: hiring_aid(answers, rules()),
    estimate_labels=LINES,
    rules=("pilote.aid.share", "mintest.wage.minimum"),
    statuses=(*DEFAULT_STATUSES[:3], GRANTED, NOT_ADMISSIBLE),
    processing_days=60,
)  # fmt: skip


class Agency(BodyPlugin):
    code = "pilote"
    kind = "agency"
    acronym = "APE"
    position = 30
    names = {"ar": "الوكالة التجريبية للتشغيل", "fr": "Agence pilote de l'emploi"}
    website = "https://pilote.example.dz"
    contact = Contact(email="contact@pilote.example.dz", phone="021 00 00 00")
    channels = (
        Channel("wassit", "web", {"ar": "منصة «وسيط»", "fr": "Plateforme Wassit"}, "https://wassit.pilote.example.dz"),
        Channel("wassit-mobile", "mobile", {"ar": "تطبيق «وسيط»", "fr": "Application Wassit"}),
    )
    rules = (AID_SHARE,)
    services = (
        Service(slug="hiring-aid", domain="employment", audiences=("employer",), life_events=("hiring",),
                channels=(PORTAL_CHANNEL,), hosted=True, maturity=4, status="live", form=HIRING_AID_FORM,
                texts={"ar": ServiceText(
                           title="طلب إعانة توظيف الشباب",
                           summary="تطلب المؤسسة إعانة شهرية عن كل شاب توظفه، وتتابع دراسة ملفها.",
                           audience="المؤسسات الصغيرة والمتوسطة.",
                           steps=("ملء الاستمارة.", "إرفاق التصريح والعقود.", "متابعة الملف."),
                           legal_basis="المرسوم التنفيذي التجريبي رقم 24-117 المؤرخ في 12 مارس 2024."),
                       "fr": ServiceText(
                           title="Demande d'aide à l'embauche des jeunes",
                           summary="L'entreprise demande une aide mensuelle pour chaque jeune qu'elle recrute et "
                                   "suit l'examen de son dossier.",
                           audience="Les petites et moyennes entreprises.",
                           steps=("Remplir le formulaire.", "Joindre la déclaration et les contrats.",
                                  "Suivre le dossier."),
                           legal_basis="Décret exécutif d'essai n° 24-117 du 12 mars 2024.")}),
        Service(slug="job-seeker-enrolment", domain="employment", audiences=("job_seeker",),
                life_events=("looking_for_a_job", "losing_a_job"), channels=("wassit", "wassit-mobile"), maturity=3,
                status="live",
                texts={"ar": ServiceText(title="تسجيل طالبي العمل عن بعد",
                                         summary="يسجل طالب العمل لدى الوكالة ويجدد تسجيله دون التنقل."),
                       "fr": ServiceText(title="Inscription des demandeurs d'emploi en ligne",
                                         summary="Le demandeur d'emploi s'inscrit à l'agence et renouvelle son "
                                                 "inscription sans se déplacer.")}),
        Service(slug="unemployment-benefit", domain="social_security", audiences=("job_seeker",),
                life_events=("losing_a_job",), channels=("wassit",), maturity=4, status="live",
                texts={"ar": ServiceText(title="منحة البطالة",
                                         summary="يطلب الشاب البطال منحة شهرية إلى أن يجد عملا."),
                       "fr": ServiceText(title="Allocation chômage",
                                         summary="Le jeune chômeur demande une allocation mensuelle jusqu'à ce "
                                                 "qu'il trouve un emploi.")}),
        Service(slug="apprenticeship-contract", domain="employment", audiences=("employer", "job_seeker"),
                life_events=("hiring",), channels=("wassit",), maturity=2, status="planned",
                planned_live_on=date(2027, 3, 1),
                texts={"ar": ServiceText(title="عقد التمهين الإلكتروني",
                                         summary="يبرم المستخدم والمتمهن عقد التمهين إلكترونيا."),
                       "fr": ServiceText(title="Contrat d'apprentissage électronique",
                                         summary="L'employeur et l'apprenti concluent le contrat d'apprentissage "
                                                 "en ligne.")}),
    )  # fmt: skip
