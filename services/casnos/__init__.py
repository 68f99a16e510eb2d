"""CASNOS: the national social-security fund of non-salaried workers."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText
from services.casnos.connector import CasnosConnector


class Casnos(BodyPlugin):
    code = "casnos"
    kind = "fund"
    acronym = "CASNOS"
    position = 40
    synonyms = (("casnos", "كاسنوس", "كازنوس"), ("damancom", "ضمانكم"))  # what people type for it in search
    connector = CasnosConnector
    names = {
        "ar": "الصندوق الوطني للضمان الاجتماعي لغير الأجراء",
        "fr": "Caisse nationale de sécurité sociale des non-salariés",
    }
    website = "https://casnos.dz"
    contact = Contact(url="https://casnos.dz")
    channels = (
        Channel(
            "website",
            "web",
            {"ar": "الخدمات الإلكترونية للصندوق", "fr": "Services en ligne de la Caisse"},
            "https://casnos.dz",
        ),
        Channel("damancom", "web", {"ar": "منصة «ضمانكم»", "fr": "Plateforme Damancom"}, "https://damancom.casnos.dz"),
    )
    services = (
        Service(
            slug="electronic-retirement-account",
            domain="social_security",
            audiences=("self_employed",),
            life_events=("retiring",),
            channels=("website",),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="الحساب الإلكتروني للتقاعد",
                    summary="يطلع غير الأجير على معطيات حسابه الخاصة بالتقاعد عن بعد، ليحضّر لتقاعده.",
                    audience="غير الأجراء المنتسبون إلى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Compte électronique retraite",
                    summary="Le non-salarié consulte en ligne les données de son compte retraite, pour préparer "
                    "sa retraite.",
                    audience="Les non-salariés affiliés à la Caisse.",
                ),
            },
        ),
        Service(
            slug="annual-income-declaration",
            domain="social_security",
            audiences=("self_employed",),
            life_events=("starting_a_business",),
            channels=("damancom",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="التصريح السنوي بوعاء الاشتراك",
                    summary="يصرح غير الأجراء (التجار والحرفيون والفلاحون وأصحاب المهن الحرة والمقاولون "
                    "الذاتيون) بدخلهم السنوي الخاضع للاشتراك عن بعد عبر منصة «ضمانكم».",
                    audience="غير الأجراء المنتسبون إلى الصندوق: التجار والحرفيون والفلاحون وأصحاب المهن الحرة "
                    "والمقاولون الذاتيون.",
                ),
                "fr": ServiceText(
                    title="Déclaration annuelle de l'assiette de cotisation",
                    summary="Les non-salariés (commerçants, artisans, agriculteurs, professions libérales, "
                    "auto-entrepreneurs) déclarent en ligne leur revenu annuel soumis à cotisation, sur la "
                    "plateforme Damancom.",
                    audience="Les non-salariés affiliés à la Caisse : commerçants, artisans, agriculteurs, "
                    "professions libérales et auto-entrepreneurs.",
                ),
            },
        ),
    )
