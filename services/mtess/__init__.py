"""The ministry of labour, employment and social security."""

from __future__ import annotations

from datetime import date

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, RuleDefinition, Service, ServiceText
from services.mtess.representativeness import REPRESENTATIVENESS_FORM

# The minimum wage, which several funds' computations read (CNAS's contribution floor abroad, for one).
SNMG = RuleDefinition(
    "wage.snmg",
    {"ar": "الأجر الوطني الأدنى المضمون", "fr": "Salaire national minimum garanti (SNMG)"},
    "dinars",
    (
        (date(2020, 6, 1), "20000", {"ar": "الأجر الوطني الأدنى المضمون: 20 000 دج شهريا ابتداء من جوان 2020.",
                                     "fr": "Salaire national minimum garanti : 20 000 DA par mois à partir de juin "
                                           "2020."},
         {"ar": "مبلغ متداول في المصادر الصحفية؛ لم يذكر هنا مرجع النص الرسمي.",
          "fr": "Montant cité par des sources de presse ; la référence du texte officiel n'est pas indiquée ici."}),
        (date(2026, 1, 1), "24000", {"ar": "الأجر الوطني الأدنى المضمون: 24 000 دج شهريا ابتداء من جانفي 2026.",
                                     "fr": "Salaire national minimum garanti : 24 000 DA par mois à partir de "
                                           "janvier 2026."},
         {"ar": "مبلغ متداول في المصادر الصحفية؛ لم يذكر هنا مرجع النص الرسمي.",
          "fr": "Montant cité par des sources de presse ; la référence du texte officiel n'est pas indiquée ici."}),
    ),
    minimum="0",
    maximum="1000000",  # a monthly wage in dinars
)  # fmt: skip


class Mtess(BodyPlugin):
    code = "mtess"
    kind = "ministry"
    acronym = "MTESS"
    position = 10
    rules = (SNMG,)
    names = {
        "ar": "وزارة العمل والتشغيل والضمان الاجتماعي",
        "fr": "Ministère du Travail, de l'Emploi et de la Sécurité sociale",
    }
    website = "https://www.mtess.gov.dz"
    contact = Contact(url="https://www.mtess.gov.dz")
    channels = (
        Channel(
            "website",
            "web",
            {"ar": "الموقع الإلكتروني للوزارة", "fr": "Site web du ministère"},
            "https://www.mtess.gov.dz",
        ),
        Channel("khadamati", "web", {"ar": "بوابة «خدماتي»", "fr": "Portail Khadamati"}),
    )
    services = (
        Service(
            slug="union-representativeness",
            domain="labour",
            audiences=("union", "employer"),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="live",
            form=REPRESENTATIVENESS_FORM,
            texts={
                "ar": ServiceText(
                    title="الإيداع عن بعد لعناصر التمثيلية النقابية",
                    summary="تودع المنظمات النقابية للعمال الأجراء والمستخدمين عناصر تمثيليتها لدى الوزارة عن "
                    "بعد، دون التنقل إلى المصالح المعنية.",
                    audience="المنظمات النقابية للعمال الأجراء والمنظمات النقابية للمستخدمين.",
                    steps=(
                        "ملء استمارة عناصر التمثيلية: المنظمة والقطاع وعدد المنخرطين.",
                        "إرفاق الوثائق الثبوتية.",
                        "متابعة معالجة الملف من طرف مصالح الوزارة.",
                    ),
                    cost="مجاني.",
                ),
                "fr": ServiceText(
                    title="Dépôt à distance des éléments de la représentativité syndicale",
                    summary="Les organisations syndicales de travailleurs salariés et d'employeurs transmettent au "
                    "ministère, à distance, les éléments de leur représentativité, sans se déplacer.",
                    audience="Les organisations syndicales de travailleurs salariés et d'employeurs.",
                    steps=(
                        "Remplir le formulaire des éléments de représentativité : organisation, secteur, "
                        "nombre d'adhérents.",
                        "Joindre les pièces justificatives.",
                        "Suivre le traitement du dossier par les services du ministère.",
                    ),
                    cost="Gratuit.",
                ),
            },
        ),
        Service(
            slug="khadamati-portal",
            domain="labour",
            audiences=("salaried", "self_employed", "employer", "job_seeker", "retiree"),
            channels=("khadamati", "website"),
            maturity=1,
            status="live",
            texts={
                "ar": ServiceText(
                    title="بوابة «خدماتي» لمنصات القطاع",
                    summary="بوابة تجمع المنصات الرقمية لقطاع العمل والتشغيل والضمان الاجتماعي في مكان واحد.",
                    audience="كل مرتفقي القطاع: العمال والمستخدمون وطالبو العمل والمتقاعدون.",
                ),
                "fr": ServiceText(
                    title="Khadamati, le portail des plateformes du secteur",
                    summary="Un portail qui regroupe en un seul endroit les plateformes numériques du secteur du "
                    "travail, de l'emploi et de la sécurité sociale.",
                    audience="Tous les usagers du secteur : travailleurs, employeurs, demandeurs d'emploi et "
                    "retraités.",
                ),
            },
        ),
    )
