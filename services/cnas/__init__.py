"""CNAS: the national social-insurance fund of salaried workers."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText


class Cnas(BodyPlugin):
    code = "cnas"
    kind = "fund"
    acronym = "CNAS"
    position = 20
    names = {
        "ar": "الصندوق الوطني للتأمينات الاجتماعية للعمال الأجراء",
        "fr": "Caisse nationale des assurances sociales des travailleurs salariés",
    }
    website = "https://cnas.dz"
    contact = Contact(url="https://cnas.dz")
    channels = (
        Channel(
            "teledeclaration",
            "web",
            {"ar": "بوابة التصريح عن بعد", "fr": "Portail de télédéclaration"},
            "https://teledeclaration.cnas.dz",
        ),
        Channel("el-hanaa", "mobile", {"ar": "تطبيق الهناء", "fr": "Application El Hanaa"}),
    )
    services = (
        Service(
            slug="maternity-allowance-claim",
            domain="social_security",
            audiences=("salaried",),
            life_events=("having_a_child",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="in_development",
            texts={
                "ar": ServiceText(
                    title="طلب التعويض عن الأمومة عن بعد",
                    summary="تطلب المؤمَّن لها اجتماعيًا التعويضات اليومية لعطلة الأمومة عن بعد، "
                    "دون التنقل إلى مركز الدفع.",
                    audience="العاملات الأجيرات المؤمَّن لهن اجتماعيًا لدى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Demande d'indemnité de maternité à distance",
                    summary="L'assurée sociale demande à distance les indemnités journalières de son congé "
                    "de maternité, sans se rendre au centre de paiement.",
                    audience="Les travailleuses salariées assurées sociales de la Caisse.",
                ),
            },
        ),
        Service(
            slug="voluntary-affiliation-abroad",
            domain="social_security",
            audiences=("abroad",),
            life_events=("living_abroad",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=4,
            status="in_development",
            texts={
                "ar": ServiceText(
                    title="الانتساب الإرادي للجزائريين المقيمين بالخارج",
                    summary="يطلب الجزائريون المقيمون بالخارج الانتساب الإرادي إلى الضمان الاجتماعي "
                    "ويرسلون ملفهم عن بعد، للاستفادة في الجزائر من الأداءات العينية للتأمين على المرض "
                    "والأمومة ومن التقاعد.",
                    audience="الجزائريون المقيمون بالخارج.",
                    legal_basis="المرسوم التنفيذي رقم 22-351 المؤرخ في 18 أكتوبر 2022، "
                    "والقرار الوزاري المشترك المؤرخ في 5 جانفي 2023.",
                ),
                "fr": ServiceText(
                    title="Affiliation volontaire des Algériens résidant à l'étranger",
                    summary="Les Algériens résidant à l'étranger demandent leur affiliation volontaire à la "
                    "sécurité sociale et envoient leur dossier à distance, pour bénéficier en Algérie des "
                    "prestations en nature de l'assurance maladie et maternité et de la retraite.",
                    audience="Les Algériens résidant à l'étranger.",
                    legal_basis="Décret exécutif n° 22-351 du 18 octobre 2022 et arrêté interministériel "
                    "du 5 janvier 2023.",
                ),
            },
        ),
    )
