"""Remote submission of the elements of union representativeness: the organisation, its sector, its
membership figures and the supporting documents, examined by the ministry's services."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from portal.registry.toolkit import (
    DEFAULT_STATUSES,
    PDF,
    Document,
    Estimate,
    EstimateLine,
    HandlingStatus,
    HostedForm,
    Schema,
    Step,
    fields,
    validates_schema,
)

KINDS = {
    "workers_union": {"ar": "منظمة نقابية للعمال الأجراء", "fr": "Organisation syndicale de travailleurs salariés"},
    "employers_organisation": {"ar": "منظمة نقابية للمستخدمين", "fr": "Organisation syndicale d'employeurs"},
}
SCOPES = {
    "national": {"ar": "وطني", "fr": "Nationale"},
    "inter_wilaya": {"ar": "ما بين الولايات", "fr": "Interwilayas"},
    "wilaya": {"ar": "ولائي", "fr": "De wilaya"},
}
SECTORS = {
    "agriculture": {"ar": "الفلاحة والصيد البحري", "fr": "Agriculture et pêche"},
    "industry": {"ar": "الصناعة", "fr": "Industrie"},
    "energy": {"ar": "الطاقة والمناجم", "fr": "Énergie et mines"},
    "building": {"ar": "البناء والأشغال العمومية والري", "fr": "Bâtiment, travaux publics et hydraulique"},
    "trade": {"ar": "التجارة", "fr": "Commerce"},
    "transport": {"ar": "النقل", "fr": "Transports"},
    "health": {"ar": "الصحة", "fr": "Santé"},
    "education": {"ar": "التربية والتعليم", "fr": "Éducation et enseignement"},
    "public_administration": {"ar": "المؤسسات والإدارات العمومية", "fr": "Institutions et administrations publiques"},
    "services": {"ar": "الخدمات", "fr": "Services"},
    "multi_sector": {"ar": "عدة قطاعات", "fr": "Plusieurs secteurs"},
}


class RepresentativenessSchema(Schema):
    organisation_kind = fields.choice({"ar": "نوع المنظمة", "fr": "Type d'organisation"}, KINDS)
    organisation_name = fields.text({"ar": "اسم المنظمة النقابية", "fr": "Dénomination de l'organisation"})
    registration_number = fields.text(
        {"ar": "رقم وصل تسجيل التصريح بالتأسيس", "fr": "Numéro du récépissé d'enregistrement"}, max_length=60
    )
    scope = fields.choice({"ar": "الطابع الإقليمي", "fr": "Compétence territoriale"}, SCOPES)
    sector = fields.choice({"ar": "قطاع النشاط", "fr": "Secteur d'activité"}, SECTORS, widget="select")
    address = fields.text({"ar": "عنوان المقر", "fr": "Adresse du siège"}, max_length=300)
    reference_year = fields.integer(
        {"ar": "السنة التي تخصها الأرقام", "fr": "Année à laquelle se rapportent les chiffres"},
        minimum=2000,
        maximum=2100,
        grouping=False,
    )
    members = fields.integer({"ar": "عدد المنخرطين", "fr": "Nombre d'adhérents"}, minimum=1)
    members_paid = fields.integer(
        {"ar": "عدد المنخرطين المسددين لاشتراكاتهم", "fr": "Nombre d'adhérents à jour de leurs cotisations"}
    )
    workforce = fields.integer(
        {"ar": "عدد العمال المعنيين", "fr": "Effectif concerné"},
        {
            "ar": "عدد العمال الأجراء (أو المستخدمين) في نطاق المنظمة، إن كان معروفا.",
            "fr": "Nombre de travailleurs salariés (ou d'employeurs) dans le champ de l'organisation, s'il est connu.",
        },
        required=False,
        minimum=1,
    )
    signatory_role = fields.text({"ar": "صفة الممضي", "fr": "Qualité du signataire"}, max_length=120)

    @validates_schema
    def figures_add_up(self, data: dict[str, Any], **_kwargs: Any) -> None:
        members = data.get("members")
        if members is not None and data.get("members_paid", 0) > members:
            raise fields.refuse(
                {
                    "ar": "لا يمكن أن يتجاوز عدد المسددين لاشتراكاتهم عدد المنخرطين.",
                    "fr": "Les adhérents à jour de cotisation ne peuvent dépasser le nombre d'adhérents.",
                },
                "members_paid",
            )
        if members is not None and data.get("workforce") is not None and members > data["workforce"]:
            raise fields.refuse(
                {
                    "ar": "لا يمكن أن يتجاوز عدد المنخرطين عدد العمال المعنيين.",
                    "fr": "Le nombre d'adhérents ne peut dépasser l'effectif concerné.",
                },
                "workforce",
            )


SHARES = {  # the estimate's lines, named as the figures they divide by the workforce
    "members": {"ar": "نسبة المنخرطين", "fr": "Part des adhérents"},
    "members_paid": {"ar": "نسبة المسددين لاشتراكاتهم", "fr": "Part des adhérents à jour"},
}


def membership_share(answers: Mapping[str, Any]) -> Estimate | None:
    """The share of the declared workforce the organisation gathers, when the workforce is given."""
    workforce = answers.get("workforce")
    if not workforce:
        return None
    lines = []
    for name, labels in SHARES.items():
        share = (Decimal(answers[name]) / Decimal(workforce)).quantize(Decimal("0.001"))
        lines.append(EstimateLine(name, labels, share, "percent"))
    note = {
        "ar": "نسب محسوبة من الأرقام المصرح بها؛ تتحقق منها مصالح الوزارة.",
        "fr": "Parts calculées à partir des chiffres déclarés ; les services du ministère les vérifient.",
    }
    return Estimate(tuple(lines), note)


RECORDED = HandlingStatus(
    "recorded",
    {"ar": "تم تسجيل العناصر", "fr": "Éléments enregistrés"},
    {
        "ar": "سجلت مصالح الوزارة عناصر تمثيلية منظمتكم.",
        "fr": "Les services du ministère ont enregistré les éléments de représentativité de votre organisation.",
    },
    final=True,
)
NOT_ADMISSIBLE = HandlingStatus(
    "not_admissible",
    {"ar": "غير مقبول", "fr": "Non recevable"},
    {
        "ar": "تعذر قبول الملف المودع، للأسباب المبينة في هذه الرسالة.",
        "fr": "Le dossier déposé n'a pas pu être reçu, pour les raisons indiquées dans ce message.",
    },
    final=True,
)

REPRESENTATIVENESS_FORM = HostedForm(
    schema=RepresentativenessSchema,
    steps=(
        Step(
            "organisation",
            {"ar": "المنظمة", "fr": "L'organisation"},
            ("organisation_kind", "organisation_name", "registration_number", "scope", "sector", "address"),
        ),
        Step(
            "figures",
            {"ar": "عناصر التمثيلية", "fr": "Les éléments de représentativité"},
            ("reference_year", "members", "members_paid", "workforce", "signatory_role"),
        ),
    ),
    documents=(
        Document(
            "statement",
            {"ar": "التصريح بعناصر التمثيلية، ممضى", "fr": "Déclaration des éléments, signée"},
            types=(PDF,),
        ),
        Document(
            "membership_proof",
            {
                "ar": "الوثائق الثبوتية لعدد المنخرطين والاشتراكات",
                "fr": "Pièces justifiant les adhérents et les cotisations",
            },
            types=(PDF,),
            max_bytes=10 * 1024 * 1024,
            max_files=3,
        ),
        Document("registration_receipt", {"ar": "نسخة من وصل التسجيل", "fr": "Copie du récépissé d'enregistrement"}),
    ),
    estimate=membership_share,
    estimate_labels=SHARES,
    statuses=(*DEFAULT_STATUSES[:3], RECORDED, NOT_ADMISSIBLE),
    processing_days=60,
)
