"""The electronic register of complaints and suggestions: a complaint or a suggestion (which may be
anonymous), its subject, the message, optional documents; the Fund answers on the tracking page."""

from __future__ import annotations

from typing import Any

from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    Document,
    HandlingStatus,
    HostedForm,
    Schema,
    fields,
    validates_schema,
)

CATEGORIES = {
    "complaint": {"ar": "شكوى", "fr": "Réclamation"},
    "suggestion": {"ar": "اقتراح", "fr": "Suggestion"},
}
APPLICANTS = {
    "employer": {"ar": "مستخدم (صاحب عمل)", "fr": "Employeur"},
    "worker": {"ar": "عامل", "fr": "Travailleur"},
    "other": {"ar": "صفة أخرى", "fr": "Autre"},
}
SUBJECTS = {
    "affiliation": {"ar": "الانتساب", "fr": "Affiliation"},
    "declarations": {"ar": "التصريحات والاشتراكات", "fr": "Déclarations et cotisations"},
    "paid_leave": {"ar": "العطل المدفوعة الأجر", "fr": "Congés payés"},
    "bad_weather": {"ar": "البطالة الناجمة عن سوء الأحوال الجوية", "fr": "Chômage-intempéries"},
    "online_services": {"ar": "الخدمات الإلكترونية", "fr": "Services en ligne"},
    "reception": {"ar": "الاستقبال والتوجيه", "fr": "Accueil et orientation"},
    "other": {"ar": "موضوع آخر", "fr": "Autre sujet"},
}


class ComplaintSchema(Schema):
    category = fields.choice({"ar": "نوع الرسالة", "fr": "Type de message"}, CATEGORIES)
    applicant_kind = fields.choice({"ar": "صفتكم", "fr": "Vous êtes"}, APPLICANTS)
    subject = fields.choice({"ar": "الموضوع", "fr": "Sujet"}, SUBJECTS, widget="select")
    employer_number = fields.text(
        {"ar": "رقم المستخدم لدى الصندوق", "fr": "Numéro d'employeur à la Caisse"},
        {"ar": "إن وجد، لتسهيل دراسة ملفكم.", "fr": "Si vous en avez un, pour faciliter l'examen."},
        required=False,
        max_length=40,
    )
    message = fields.text(
        {"ar": "نص الرسالة", "fr": "Votre message"},
        {
            "ar": "اذكروا الوقائع وتواريخها، وما تنتظرونه من الصندوق في حالة الشكوى.",
            "fr": "Décrivez les faits et leurs dates et, pour une réclamation, ce que vous attendez de la Caisse.",
        },
        max_length=4000,
        multiline=True,
    )
    anonymous = fields.boolean(
        {
            "ar": "أرغب في عدم الكشف عن هويتي (للاقتراحات فقط)",
            "fr": "Je souhaite rester anonyme (suggestions seulement)",
        },
        {
            "ar": "لا يطلب منكم حينئذ أي اسم أو وسيلة اتصال.",
            "fr": "Aucun nom ni coordonnée ne vous sera alors demandé.",
        },
    )

    @validates_schema
    def complaints_are_signed(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("anonymous") and data.get("category") == "complaint":
            raise fields.refuse(
                {
                    "ar": "لا يمكن أن تكون الشكوى مجهولة الهوية: يجب أن يتمكن الصندوق من الرد عليكم "
                    "والتحقق من الوقائع.",
                    "fr": "Une réclamation ne peut pas être anonyme : la Caisse doit pouvoir vous répondre et vérifier "
                    "les faits.",
                },
                "anonymous",
            )


ANSWERED = HandlingStatus(
    "answered",
    {"ar": "تم الرد", "fr": "Réponse donnée"},
    {
        "ar": "درس الصندوق رسالتكم. شكرا على مساهمتكم في تحسين خدماته.",
        "fr": "La Caisse a examiné votre message. Merci de contribuer à l'amélioration de ses services.",
    },
    final=True,
)

COMPLAINTS_FORM = HostedForm(
    schema=ComplaintSchema,
    documents=(
        Document(
            "supporting",
            {"ar": "وثائق داعمة", "fr": "Pièces à l'appui"},
            {
                "ar": "مراسلة أو وصل أو لقطة شاشة تتعلق بموضوع رسالتكم.",
                "fr": "Un courrier, un reçu ou une capture d'écran en rapport avec votre message.",
            },
            required=False,
            max_files=3,
        ),
    ),
    anonymous_field="anonymous",
    statuses=(*DEFAULT_STATUSES[:3], ANSWERED),
    processing_days=30,
)
