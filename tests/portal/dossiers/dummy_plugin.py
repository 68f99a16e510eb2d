"""A body that hosts one service, declared only through the toolkit: the core renders, validates, stores
and tracks it with no change of its own."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marshmallow import Schema, validates_schema

from portal.registry.toolkit import (
    PDF,
    PORTAL_CHANNEL,
    BodyPlugin,
    Contact,
    Document,
    Estimate,
    EstimateLine,
    HostedForm,
    Service,
    ServiceText,
    Step,
    fields,
)

KINDS = {"ordinary": {"ar": "عادية", "fr": "Ordinaire"}, "sick": {"ar": "مرضية", "fr": "Maladie"}}


class LeaveSchema(Schema):
    worker_name = fields.text({"ar": "اسم العامل", "fr": "Nom du travailleur"})
    kind = fields.choice({"ar": "نوع العطلة", "fr": "Type de congé"}, KINDS)
    start = fields.date({"ar": "تاريخ البداية", "fr": "Date de début"})
    days = fields.integer({"ar": "عدد الأيام", "fr": "Nombre de jours"}, minimum=1, maximum=365)

    @validates_schema
    def sick_leave_is_short(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("kind") == "sick" and data.get("days", 0) > 30:
            raise fields.refuse({"ar": "لا تتجاوز العطلة المرضية 30 يوما هنا.",
                                 "fr": "Un congé maladie ne dépasse pas 30 jours ici."}, "days")  # fmt: skip


LINES = {"amount": {"ar": "المبلغ التقديري", "fr": "Montant estimé"}}


def allowance(answers: Mapping[str, Any]) -> Estimate:
    amount = Decimal(answers["days"] * 1000)
    return Estimate((EstimateLine("amount", LINES["amount"], amount, "DZD"),))


LEAVE_FORM = HostedForm(
    schema=LeaveSchema,
    steps=(Step("who", {"ar": "العامل", "fr": "Le travailleur"}, ("worker_name", "kind")),
           Step("when", {"ar": "المدة", "fr": "La durée"}, ("start", "days"))),
    documents=(Document("certificate", {"ar": "الشهادة", "fr": "Le certificat"}, types=(PDF,), max_bytes=50_000),),
    estimate=allowance,
    estimate_labels=LINES,
)  # fmt: skip


class Plugin(BodyPlugin):
    code = "demo"
    kind = "fund"
    acronym = "DEMO"
    names = {"ar": "صندوق تجريبي", "fr": "Caisse d'essai"}
    website = "https://demo.example.dz"
    contact = Contact(email="contact@demo.example.dz")
    services = (
        Service(slug="demo-leave", domain="social_security", audiences=("salaried",), channels=(PORTAL_CHANNEL,),
                hosted=True, maturity=3, status="live", form=LEAVE_FORM,
                texts={"ar": ServiceText(title="عطلة تجريبية", summary="خدمة مستضافة للاختبار."),
                       "fr": ServiceText(title="Congé d'essai", summary="Un service hébergé pour les essais.")}),
    )  # fmt: skip


PLUGIN_SOURCE = "from tests.portal.dossiers.dummy_plugin import Plugin\n"
