"""Report a missing period: a worker whose career record shows a gap when they worked tells CNR, with the employer
and, if they have them, payslips or a work certificate. The career page of my space starts it with the gap's dates
already written (the core looks for this service's slug and fields); the report becomes a CNR dossier."""

from __future__ import annotations

from typing import Any

from portal.registry.toolkit import ACCOUNT_NEEDED, Document, HostedForm, Schema, Step, fields, validates_schema

SLUG = "report-missing-period"  # the core's convention: the service the career page's gaps lead to


class MissingPeriodSchema(Schema):
    social_security_number = fields.digits(
        {"ar": "رقم الضمان الاجتماعي", "fr": "Numéro de sécurité sociale"},
        12,
        named={"ar": "رقم الضمان الاجتماعي", "fr": "votre numéro de sécurité sociale"},
    )
    period_start = fields.date(
        {"ar": "بداية الفترة الناقصة", "fr": "Début de la période manquante"},
        named={"ar": "بداية الفترة الناقصة", "fr": "le début de la période"},
        past=True,
    )
    period_end = fields.date(
        {"ar": "نهاية الفترة الناقصة", "fr": "Fin de la période manquante"},
        named={"ar": "نهاية الفترة الناقصة", "fr": "la fin de la période"},
        past=True,
    )
    employer_name = fields.text(
        {"ar": "المستخدم (صاحب العمل) خلال هذه الفترة", "fr": "Employeur pendant cette période"},
        named={"ar": "المستخدم", "fr": "l'employeur"},
    )
    details = fields.text(
        {"ar": "معلومات أخرى (المنصب، المدينة...)", "fr": "Autres précisions (poste, ville…)"},
        required=False,
        max_length=1000,
        multiline=True,
    )

    @validates_schema
    def end_after_start(self, data: dict[str, Any], **_kwargs: Any) -> None:
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            raise fields.refuse(
                {"ar": "تأتي نهاية الفترة بعد بدايتها.", "fr": "La fin de la période suit son début."}, "period_end"
            )


MISSING_PERIOD_FORM = HostedForm(
    schema=MissingPeriodSchema,
    steps=(
        Step(
            "period",
            {"ar": "الفترة الناقصة", "fr": "La période manquante"},
            ("social_security_number", "period_start", "period_end", "employer_name", "details"),
        ),
    ),
    documents=(
        Document(
            "proof",
            {"ar": "كشوف الرواتب أو شهادة العمل", "fr": "Bulletins de paie ou certificat de travail"},
            required=False,
            max_files=3,
        ),
    ),
    processing_days=60,
    account=ACCOUNT_NEEDED,
    prefill={"social_security_number": "nss"},
)
