"""ANEM: the national employment agency."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText


class Anem(BodyPlugin):
    code = "anem"
    kind = "agency"
    acronym = "ANEM"
    position = 70
    names = {
        "ar": "الوكالة الوطنية للتشغيل",
        "fr": "Agence nationale de l'emploi",
    }
    website = "https://anem.dz"
    contact = Contact(url="https://anem.dz")
    channels = (
        Channel("minha", "web", {"ar": "منصة منحة", "fr": "Plateforme Minha"}, "https://minha.anem.dz"),
    )
    services = (
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
                    summary="Le demandeur d'emploi demande l'allocation chômage et suit son dossier en "
                    "ligne sur la plateforme Minha.",
                    audience="Les demandeurs d'emploi inscrits auprès de l'Agence.",
                ),
            },
        ),
    )
