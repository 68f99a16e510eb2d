"""The test fund: a social-security fund with a hosted leave form (an estimate and a document), services on
its web, mobile and counter channels at several statuses and maturity levels, and a contribution rate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from marshmallow import Schema, validates_schema

from portal.registry.toolkit import (
    PDF,
    PORTAL_CHANNEL,
    BodyPlugin,
    Channel,
    Contact,
    Document,
    Estimate,
    EstimateLine,
    Exit,
    HostedForm,
    IneligibleError,
    Service,
    ServiceText,
    Step,
    fields,
    rule,
    rules,
    today,
)
from tests.bodies.connector import DemoConnector

# An exit: a leave longer than the law allows is not for this service (the fund's leave duration rule decides).
TOO_LONG = Exit(
    "too_long", {"ar": "هذه الخدمة ليست للعطل الطويلة", "fr": "Ce service n'est pas fait pour les longs congés"},
    {"ar": "تتجاوز المدة المطلوبة مدة العطلة التي يحددها القانون.",
     "fr": "La durée demandée dépasse la durée du congé fixée par la loi."},
    {"ar": "اتصلوا بالصندوق التجريبي لدراسة وضعيتكم.", "fr": "Contactez la Caisse d'essai pour étudier votre cas."},
    rules=("demo.leave.duration",), link="https://demo.example.dz",
    link_label={"ar": "موقع الصندوق التجريبي", "fr": "Site de la Caisse d'essai"},
)  # fmt: skip
KINDS = {"ordinary": {"ar": "عادية", "fr": "Ordinaire"}, "sick": {"ar": "مرضية", "fr": "Maladie"}}


class LeaveSchema(Schema):
    worker_name = fields.text(
        {"ar": "اسم العامل", "fr": "Nom du travailleur"}, named={"ar": "اسم العامل", "fr": "le nom du travailleur"}
    )
    kind = fields.choice(
        {"ar": "نوع العطلة", "fr": "Type de congé"}, KINDS, named={"ar": "نوع العطلة", "fr": "le type de congé"}
    )
    social_security_number = fields.digits(
        {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
        12,
        required=False,
        named={"ar": "رقم الضمان الاجتماعي", "fr": "votre numéro de sécurité sociale"},
    )
    start = fields.date(
        {"ar": "تاريخ البداية", "fr": "Date de début"}, named={"ar": "تاريخ البداية", "fr": "la date de début"}
    )
    days = fields.integer({"ar": "عدد الأيام", "fr": "Nombre de jours"}, minimum=1, maximum=365)

    @validates_schema
    def sick_leave_is_short(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("kind") == "sick" and data.get("days", 0) > 30:
            raise fields.refuse({"ar": "لا تتجاوز العطلة المرضية 30 يوما هنا.",
                                 "fr": "Un congé maladie ne dépasse pas 30 jours ici."}, "days")  # fmt: skip

    @validates_schema
    def within_the_law(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("days", 0) > rules().value("demo.leave.duration", data.get("start") or today()):
            raise IneligibleError(TOO_LONG, "days")


LINES = {"amount": {"ar": "المبلغ التقديري", "fr": "Montant estimé"}}


def allowance(answers: Mapping[str, Any]) -> Estimate:
    amount = Decimal(answers["days"] * 1000)
    return Estimate((EstimateLine("amount", LINES["amount"], amount, "DZD"),))


LEAVE_FORM = HostedForm(
    schema=LeaveSchema,
    steps=(Step("who", {"ar": "العامل", "fr": "Le travailleur"}, ("worker_name", "kind", "social_security_number")),
           Step("when", {"ar": "المدة", "fr": "La durée"}, ("start", "days"))),
    documents=(Document("certificate", {"ar": "الشهادة", "fr": "Le certificat"}, types=(PDF,), max_bytes=50_000),),
    estimate=allowance,
    estimate_labels=LINES,
    rules=("demo.leave.duration",),
    exits=(TOO_LONG,),
)  # fmt: skip

# A percentage the fund bounds to 0..50 %: above half of the wages is a typing mistake.
CONTRIBUTION_RATE = rule(
    "demo.contribution.rate",
    (date(2000, 1, 1), "0.1221", {"ar": "القرار التجريبي رقم 7 (نسبة للاختبار).",
                                   "fr": "Arrêté d'essai n° 7 (taux de test)."}),
    labels={"ar": "نسبة الاشتراك في الصندوق التجريبي", "fr": "Taux de cotisation à la Caisse d'essai"},
    unit="percent",
    bounds=("0", "0.5"),
)  # fmt: skip

# A duration, with a date of effect: the leave's length changed by a later text.
LEAVE_DURATION = rule(
    "demo.leave.duration",
    (date(1983, 7, 2), "98", {"ar": "القانون التجريبي رقم 83-11.", "fr": "Loi d'essai n° 83-11."}),
     (date(2025, 7, 23), "150", {"ar": "القانون التجريبي رقم 25-08.", "fr": "Loi d'essai n° 25-08."}),
    labels={"ar": "مدة العطلة التجريبية", "fr": "Durée du congé d'essai"},
    unit="days",
    bounds=("1", "365"),
)  # fmt: skip

SERVICES: tuple[Service, ...] = (
    Service(slug="demo-leave", domain="social_security", audiences=("salaried",), life_events=("falling_ill",),
            channels=(PORTAL_CHANNEL,), hosted=True, maturity=3, status="live", form=LEAVE_FORM,
            texts={"ar": ServiceText(title="عطلة تجريبية", summary="خدمة مستضافة للاختبار."),
                   "fr": ServiceText(title="Congé d'essai", summary="Un service hébergé pour les essais.")}),
    Service(slug="maternity-benefit", domain="social_security", audiences=("salaried",),
            life_events=("having_a_child",), channels=("website", "tajribati"), maturity=4, status="live",
            texts={"ar": ServiceText(
                       title="طلب منحة الأمومة عن بعد",
                       summary="تطلب المؤمن لها منحة الأمومة دون التنقل إلى الوكالة، وتتابع معالجة طلبها.",
                       audience="العاملات الأجيرات المؤمن لهن اجتماعيا.",
                       # "عطلة" only behind a proclitic here: the search strips it (demo-leave has "عطلة").
                       eligibility="تطلب المؤمن لها التعويضات اليومية لعطلة الأمومة.",
                       documents=("شهادة طبية من الطبيب المعالج.",),
                       steps=("إرسال الشهادة الطبية المتعلقة بعطلة الأمومة.",),
                       legal_basis="القانون التجريبي رقم 83-11 المتعلق بالتأمينات الاجتماعية."),
                   "fr": ServiceText(
                       title="Demande de l'indemnité de maternité en ligne",
                       summary="L'assurée demande son indemnité de maternité sans se déplacer à l'agence et suit "
                               "le traitement de sa demande.",
                       audience="Les travailleuses salariées assurées sociales.",
                       documents=("Un certificat médical du médecin traitant.",),
                       legal_basis="Loi d'essai n° 83-11 relative aux assurances sociales.")}),
    Service(slug="voluntary-affiliation", domain="social_security", audiences=("abroad",),
            life_events=("living_abroad", "retiring"), channels=("website", "counter"), maturity=3, status="pilot",
            texts={"ar": ServiceText(
                       title="الانتساب الإرادي للجزائريين المقيمين بالخارج",
                       summary="ينتسب الجزائريون المقيمون بالخارج إلى الضمان الاجتماعي للتأمين على المرض "
                               "والأمومة والتقاعد.",
                       audience="الجزائريون المقيمون بالخارج.",
                       legal_basis="المرسوم التنفيذي التجريبي رقم 22-351 المؤرخ في 18 أكتوبر 2022."),
                   "fr": ServiceText(
                       title="Affiliation volontaire des Algériens résidant à l'étranger",
                       summary="Les Algériens établis à l'étranger s'affilient à la sécurité sociale pour la "
                               "maladie, la maternité et la retraite.",
                       audience="Les Algériens résidant à l'étranger.",
                       legal_basis="Décret exécutif d'essai n° 22-351 du 18 octobre 2022.")}),
    # Its Arabic legal basis is left out on purpose: the publication checklist names what is missing.
    Service(slug="employer-declaration", domain="social_security", audiences=("employer",), life_events=("hiring",),
            channels=("website",), maturity=4, status="live",
            texts={"ar": ServiceText(
                       title="التصريح السنوي بالأجور عن بعد",
                       summary="يصرح المستخدم بأجور عماله واشتراكاتهم السنوية عبر الفضاء الإلكتروني للصندوق.",
                       audience="المستخدمون المنتسبون إلى الصندوق."),
                   "fr": ServiceText(
                       title="Télédéclaration annuelle des salaires",
                       summary="L'employeur déclare les salaires et les cotisations annuelles de ses travailleurs "
                               "dans l'espace en ligne de la Caisse.",
                       audience="Les employeurs affiliés à la Caisse.",
                       legal_basis="Arrêté d'essai n° 12 relatif aux déclarations annuelles.")}),
    Service(slug="life-certificate", domain="social_security", audiences=("retiree",), life_events=("retiring",),
            channels=("tajribati",), maturity=4, status="live",
            texts={"ar": ServiceText(
                       title="شهادة الحياة عن بعد للمتقاعدين",
                       summary="يثبت المتقاعد أنه على قيد الحياة بالتعرف على الوجه من هاتفه، ليواصل تقاضي حقوقه.",
                       audience="المتقاعدون المقيمون في الجزائر وفي الخارج."),
                   "fr": ServiceText(
                       title="Certificat de vie à distance des retraités",
                       summary="Le retraité prouve qu'il est en vie par reconnaissance faciale, depuis son "
                               "téléphone, pour continuer à percevoir ses droits.",
                       audience="Les retraités résidant en Algérie et à l'étranger.")}),
    Service(slug="paper-certificate", domain="social_security", audiences=("salaried",), channels=("counter",),
            maturity=1, status="retired",
            texts={"ar": ServiceText(title="شهادة الانتساب الورقية",
                                     summary="شهادة تسلم في الشباك، عوضتها الشهادة الإلكترونية."),
                   "fr": ServiceText(title="Attestation d'affiliation sur papier",
                                     summary="Une attestation remise au guichet, remplacée par l'attestation "
                                             "électronique.")}),
)  # fmt: skip


class Fund(BodyPlugin):
    code = "demo"
    kind = "fund"
    acronym = "DEMO"
    position = 20
    synonyms = (("demo", "ديمو"),)  # the name people type for it in search
    connector = DemoConnector  # the sandbox funds' CNR interface, where the tests point it
    names = {"ar": "صندوق تجريبي", "fr": "Caisse d'essai"}
    website = "https://demo.example.dz"
    contact = Contact(email="contact@demo.example.dz")
    channels = (
        Channel("website", "web", {"ar": "الفضاء الإلكتروني للمؤمن له", "fr": "Espace de l'assuré"},
                "https://espace.demo.example.dz"),
        Channel("tajribati", "mobile", {"ar": "تطبيق «تجربتي»", "fr": "Application Tajribati"}),
        Channel("counter", "counter", {"ar": "شبابيك الوكالات", "fr": "Guichets des agences"}),
    )  # fmt: skip
    rules = (CONTRIBUTION_RATE, LEAVE_DURATION)
    services = SERVICES
