"""ANEM: the national employment agency."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText


class Anem(BodyPlugin):
    code = "anem"
    kind = "agency"
    acronym = "ANEM"
    position = 70
    synonyms = (("anem", "لانام"),)  # what people type for it in search
    names = {
        "ar": "الوكالة الوطنية للتشغيل",
        "fr": "Agence nationale de l'emploi",
    }
    website = "https://anem.dz"
    contact = Contact(url="https://anem.dz")
    channels = (
        Channel("website", "web", {"ar": "الموقع الإلكتروني للوكالة", "fr": "Site web de l'Agence"}, "https://anem.dz"),
        Channel("wassit", "web", {"ar": "منصة «وسيط أونلاين»", "fr": "Plateforme WassitOnline"}),
        Channel("minha", "web", {"ar": "منصة «منحة»", "fr": "Plateforme Minha"}, "https://minha.anem.dz"),
    )
    services = (
        Service(
            slug="job-seeker-registration",
            domain="employment",
            audiences=("job_seeker",),
            life_events=("looking_for_a_job", "losing_a_job"),
            channels=("wassit", "website"),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="التسجيل كطالب عمل",
                    summary="يسجل طالب العمل لدى الوكالة عن بعد عبر منصة «وسيط أونلاين»، للاطلاع على عروض العمل.",
                    audience="الباحثون عن عمل.",
                ),
                "fr": ServiceText(
                    title="Inscription comme demandeur d'emploi",
                    summary="Le demandeur d'emploi s'inscrit en ligne auprès de l'Agence sur la plateforme "
                    "WassitOnline, pour accéder aux offres d'emploi.",
                    audience="Les personnes à la recherche d'un emploi.",
                ),
            },
        ),
        Service(
            slug="unemployment-allowance",
            domain="employment",
            audiences=("job_seeker",),
            life_events=("losing_a_job", "looking_for_a_job"),
            channels=("minha",),
            maturity=4,
            status="live",
            texts={
                "ar": ServiceText(
                    title="منحة البطالة",
                    summary="يطلب طالب العمل منحة البطالة ويتابع ملفه عن بعد عبر منصة «منحة».",
                    audience="طالبو العمل المسجلون لدى الوكالة.",
                ),
                "fr": ServiceText(
                    title="Allocation chômage",
                    summary="Le demandeur d'emploi demande l'allocation chômage et suit son dossier en ligne sur "
                    "la plateforme Minha.",
                    audience="Les demandeurs d'emploi inscrits auprès de l'Agence.",
                ),
            },
        ),
    )
