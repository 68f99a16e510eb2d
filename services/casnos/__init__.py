"""CASNOS: the national social-security fund of non-salaried workers."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText


class Casnos(BodyPlugin):
    code = "casnos"
    kind = "fund"
    acronym = "CASNOS"
    position = 40
    names = {
        "ar": "الصندوق الوطني للضمان الاجتماعي لغير الأجراء",
        "fr": "Caisse nationale de sécurité sociale des non-salariés",
    }
    website = "https://casnos.dz"
    contact = Contact(url="https://casnos.dz")
    channels = (
        Channel(
            "damancom",
            "web",
            {"ar": "منصة ضمانكم", "fr": "Plateforme Damancom"},
            "https://damancom.casnos.dz",
        ),
    )
    services = (
        Service(
            slug="annual-income-declaration",
            domain="social_security",
            audiences=("self_employed",),
            channels=("damancom",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="التصريح السنوي بوعاء الاشتراك",
                    summary="يصرح غير الأجراء (التجار والحرفيون والفلاحون وأصحاب المهن الحرة والمقاولون "
                    "الذاتيون) بدخلهم السنوي الخاضع للاشتراك عن بعد عبر منصة «ضمانكم».",
                    audience="غير الأجراء المنتسبون إلى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Déclaration annuelle de l'assiette de cotisation",
                    summary="Les non-salariés (commerçants, artisans, agriculteurs, professions libérales, "
                    "auto-entrepreneurs) déclarent en ligne leur revenu annuel soumis à cotisation, sur la "
                    "plateforme Damancom.",
                    audience="Les non-salariés affiliés à la Caisse.",
                ),
            },
        ),
    )
