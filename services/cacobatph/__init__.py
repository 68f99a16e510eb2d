"""CACOBATPH: paid leave and bad-weather unemployment in building, public works and hydraulics."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Contact, Service, ServiceText


class Cacobatph(BodyPlugin):
    code = "cacobatph"
    kind = "fund"
    acronym = "CACOBATPH"
    position = 60
    names = {
        "ar": "الصندوق الوطني للعطل المدفوعة الأجر والبطالة الناجمة عن سوء الأحوال الجوية لقطاعات "
        "البناء والأشغال العمومية والري",
        "fr": "Caisse nationale des congés payés et du chômage-intempéries des secteurs du bâtiment, "
        "des travaux publics et de l'hydraulique",
    }
    website = "https://cacobatph.dz"
    contact = Contact(url="https://cacobatph.dz")
    services = (
        Service(
            slug="complaints-and-suggestions",
            domain="social_security",
            audiences=("employer", "salaried"),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="in_development",
            texts={
                "ar": ServiceText(
                    title="السجل الإلكتروني للشكاوى والاقتراحات",
                    summary="يودع المستخدمون والعمال شكاواهم واقتراحاتهم لدى الصندوق عن بعد، ويتابعون "
                    "ردّه عليها.",
                    audience="المستخدمون والعمال في قطاعات البناء والأشغال العمومية والري.",
                ),
                "fr": ServiceText(
                    title="Registre électronique des réclamations et suggestions",
                    summary="Employeurs et travailleurs adressent à distance leurs réclamations et "
                    "suggestions à la Caisse et suivent sa réponse.",
                    audience="Employeurs et travailleurs du bâtiment, des travaux publics "
                    "et de l'hydraulique.",
                ),
            },
        ),
    )
