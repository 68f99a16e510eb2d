"""CNAC: the national unemployment-insurance fund."""

from __future__ import annotations

from portal.registry.toolkit import BodyPlugin, Channel, Contact, Service, ServiceText


class Cnac(BodyPlugin):
    code = "cnac"
    kind = "fund"
    acronym = "CNAC"
    position = 50
    synonyms = (("cnac", "كناك"),)  # what people type for it in search
    names = {
        "ar": "الصندوق الوطني للتأمين عن البطالة",
        "fr": "Caisse nationale d'assurance chômage",
    }
    website = "https://cnac.dz"
    contact = Contact(url="https://cnac.dz")
    channels = (
        Channel("e-cnac", "mobile", {"ar": "تطبيق e-cnac", "fr": "Application e-cnac"}),
        Channel(
            "website", "web", {"ar": "الموقع الإلكتروني للصندوق", "fr": "Site web de la Caisse"}, "https://cnac.dz"
        ),
    )
    services = (
        Service(
            slug="e-cnac-project-holders",
            domain="employment",
            audiences=("job_seeker",),
            life_events=("starting_a_business", "losing_a_job"),
            channels=("e-cnac", "website"),
            maturity=3,
            status="live",
            texts={
                "ar": ServiceText(
                    title="خدمات حاملي المشاريع عبر تطبيق e-cnac",
                    summary="يتابع حاملو المشاريع ملفاتهم لدى الصندوق ويطلعون على خدماته من هاتفهم عبر "
                    "تطبيق e-cnac. لا يُعدّ هذا التطبيق طلبًا لتمويل مشروع جديد.",
                    audience="حاملو المشاريع الذين لهم ملف لدى الصندوق.",
                ),
                "fr": ServiceText(
                    title="Services aux porteurs de projets sur l'application e-cnac",
                    summary="Les porteurs de projets suivent leur dossier auprès de la Caisse et accèdent à "
                    "ses services depuis leur téléphone, dans l'application e-cnac. Cette application ne "
                    "vaut pas demande de financement d'un nouveau projet.",
                    audience="Les porteurs de projets ayant un dossier auprès de la Caisse.",
                ),
            },
        ),
    )
