"""The ministry of labour, employment and social security."""

from __future__ import annotations

from portal.registry.toolkit import PORTAL_CHANNEL, BodyPlugin, Channel, Contact, Service, ServiceText


class Mtess(BodyPlugin):
    code = "mtess"
    kind = "ministry"
    acronym = "MTESS"
    position = 10
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
    )
    services = (
        Service(
            slug="union-representativeness",
            domain="labour",
            audiences=("union",),
            channels=(PORTAL_CHANNEL,),
            hosted=True,
            maturity=3,
            status="in_development",
            texts={
                "ar": ServiceText(
                    title="الإيداع عن بعد لعناصر التمثيلية النقابية",
                    summary="تودع المنظمات النقابية للعمال والمستخدمين عناصر تمثيليتها لدى الوزارة عن بعد، "
                    "دون التنقل إلى المصالح المعنية.",
                    audience="المنظمات النقابية للعمال الأجراء والمنظمات النقابية للمستخدمين.",
                ),
                "fr": ServiceText(
                    title="Dépôt à distance des éléments de la représentativité syndicale",
                    summary="Les organisations syndicales de travailleurs et d'employeurs transmettent au "
                    "ministère, à distance, les éléments de leur représentativité, sans se déplacer.",
                    audience="Organisations syndicales de travailleurs salariés et d'employeurs.",
                ),
            },
        ),
    )
