"""The hosted-service contract: a plugin's service is rendered, validated, stored and tracked by the core."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from portal.dossiers import references
from portal.dossiers.models import Dossier
from portal.dossiers.storage import storage
from portal.extensions import db
from portal.registry import RegistryError
from tests.conftest import AppFactory
from tests.portal.dossiers.helpers import form_key, pdf_bytes

APPLY = "/fr/services/demo-leave/apply"
WHO = {"worker_name": "Amina Belkacem", "kind": "sick"}
WHEN = {"start": "2026-12-01", "days": "40"}


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def test_the_form_is_rendered_from_the_schema_in_both_languages(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    french = text_of(client.get(APPLY))
    assert "Étape 1 sur 3 : Le travailleur" in french
    assert '<label class="form-label" for="field-worker_name">Nom du travailleur</label>' in french
    assert '<legend class="form-label">Type de congé</legend>' in french
    assert 'value="sick"' in french and ">Maladie</label>" in french
    arabic = text_of(client.get("/ar/services/demo-leave/apply"))
    assert "اسم العامل" in arabic and "المرحلة 1 من 3: العامل" in arabic
    page = text_of(client.get("/fr/services/demo-leave"))
    assert 'href="/fr/services/demo-leave/apply"' in page  # the service page offers to apply


def test_each_step_is_validated_on_the_server_with_localised_errors(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    key = form_key(client, APPLY)
    response = client.post(APPLY, data={"key": key, "step": "0", "worker_name": "", "kind": ""})
    assert response.status_code == 422
    page = text_of(response)
    # Each message names its field and says what to do, in the summary and beside the field (GOV.UK's way)
    assert '<a href="#field-worker_name">Entrez le nom du travailleur.</a>' in page  # the summary
    assert '<a href="#field-kind">Choisissez le type de congé.</a>' in page
    assert page.count("Entrez le nom du travailleur.") == page.count("Choisissez le type de congé.") == 2
    arabic = text_of(client.post("/ar/services/demo-leave/apply", data={"key": key, "step": "0", "kind": "paid"}))
    assert "أدخلوا اسم العامل." in arabic and "اختاروا نوع العطلة." in arabic


def _through_steps(client: FlaskClient, data: dict[str, str]) -> tuple[str, TestResponse]:
    key = form_key(client, APPLY)
    client.post(APPLY, data={"key": key, "step": "0", **WHO})
    return key, client.post(APPLY, data={"key": key, "step": "1", **WHO, **data})


def test_the_plugins_cross_field_rule_is_checked_with_the_earlier_steps_answers(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    _key, second = _through_steps(client, WHEN)  # the kind of leave was given at the first step
    assert second.status_code == 422 and "Étape 2 sur 3 : La durée" in text_of(second)
    assert "Un congé maladie ne dépasse pas 30 jours ici." in text_of(second)


def test_the_plugins_cross_field_rule_sends_the_applicant_back_to_the_field(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    key = form_key(client, APPLY)
    sent = client.post(APPLY, data={"key": key, "step": "2", "action": "submit", **WHO, **WHEN})  # straight to the end
    page = text_of(sent)
    assert sent.status_code == 422
    assert "Étape 2 sur 3 : La durée" in page  # the step that holds the field in error
    assert "Un congé maladie ne dépasse pas 30 jours ici." in page
    assert 'value="Amina Belkacem"' in page and 'value="40"' in page  # nothing typed is lost


def test_an_application_is_stored_with_its_estimate_and_documents_then_tracked(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    answers = {**WHO, "start": "2026-12-01", "days": "12"}
    key, final = _through_steps(client, {"start": "2026-12-01", "days": "12"})
    assert "Montant estimé" in text_of(final) and "12\u202f000,00\xa0DA" in text_of(final)  # shown before sending
    sent = client.post(APPLY, data={"key": key, "step": "2", "action": "submit", **answers,
                                    "applicant_name": "Amina Belkacem", "applicant_email": "amina@example.dz",
                                    "document-certificate": (io.BytesIO(pdf_bytes()), "certificat.pdf")},
                       content_type="multipart/form-data")  # fmt: skip
    assert sent.status_code == 302, re.findall(r"invalid-feedback d-block[^>]*>(.*?)</p>", text_of(sent), re.S)
    receipt = text_of(client.get(sent.headers["Location"]))
    reference_match = re.search(r'class="reference">([^<]+)<', receipt)
    code_match = re.search(r'class="tracking-code">([^<]+)<', receipt)
    assert reference_match is not None and code_match is not None
    reference, code = reference_match.group(1), code_match.group(1)
    assert re.fullmatch(r"DEMO-\d{4}-000001-[0-9A-Z]", reference) and references.is_valid_reference(reference)
    with hosted_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None
        assert dossier.answers == {"worker_name": "Amina Belkacem", "kind": "sick", "start": "2026-12-01", "days": 12}
        assert dossier.estimate == [{"code": "amount", "label": {"ar": "المبلغ التقديري", "fr": "Montant estimé"},
                                     "value": "12000", "unit": "DZD", "detail": {}, "indicative": False}]  # fmt: skip
        assert (dossier.status, dossier.locale, dossier.applicant_email) == ("received", "fr", "amina@example.dz")
        [document] = dossier.documents
        assert (document.kind, document.filename, document.content_type) == ("certificate", "certificat.pdf",
                                                                             "application/pdf")  # fmt: skip
        assert storage().read(document.storage_key) == pdf_bytes()
        assert code not in dossier.tracking_hash and references.code_matches(reference, code, dossier.tracking_hash)
    tracking = text_of(client.get(f"/fr/track/{reference}"))
    assert "Reçu" in tracking and "Amina Belkacem" in tracking and "certificat.pdf" in tracking
    stranger = hosted_app.test_client()
    assert stranger.get(f"/fr/track/{reference}").headers["Location"].startswith("/fr/track?reference=")
    assert stranger.get(f"/fr/dossiers/{reference}/receipt").status_code == 302  # a guessed reference shows nothing
    forged = hosted_app.test_client().post(APPLY, data={"step": "../2", **WHO})  # read as the first step, then next
    assert forged.status_code == 200 and 'name="step" value="1"' in text_of(forged)
    assert "Étape 2 sur 3 : La durée" in text_of(forged)
    wrong = stranger.post("/fr/track", data={"reference": reference, "code": "AAAAA-AAAAA"})
    assert wrong.status_code == 422 and "ne correspondent à aucun dossier" in text_of(wrong)
    right = stranger.post("/fr/track", data={"reference": reference.lower(), "code": code.lower()})
    assert right.headers["Location"] == f"/fr/track/{reference}"
    assert "Amina Belkacem" in text_of(stranger.get(right.headers["Location"]))


BROKEN_SOURCE = """
from tests.bodies.fund import Fund as Base, LEAVE_FORM, LeaveSchema
from dataclasses import replace
from marshmallow import fields as raw
from portal.registry.toolkit import Step

class Unlabelled(LeaveSchema):
    remark = raw.String(metadata={"label": {"fr": "Remarque"}})

FORM = replace(LEAVE_FORM, schema=Unlabelled, steps=(Step("all", {"ar": "الكل", "fr": "Tout"},
               ("worker_name", "kind", "social_security_number", "start", "days", "unknown")),),
               resumed="nowhere")

class Plugin(Base):
    code = "broken"
    services = (replace(Base.services[0], form=FORM),)
"""


def test_a_hosted_form_with_problems_stops_the_start_naming_plugin_and_field(
    make_app: AppFactory, install_plugin: Callable[..., None]
) -> None:
    install_plugin("broken", BROKEN_SOURCE)
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["broken"])
    assert sorted(caught.value.problems) == [
        "plugin 'broken', field 'services[demo-leave].form.resumed': 'nowhere' is not one of the statuses",
        "plugin 'broken', field 'services[demo-leave].form.schema.remark.label': missing 'ar' translation",
        "plugin 'broken', field 'services[demo-leave].form.steps': field 'remark' is in no step",
        "plugin 'broken', field 'services[demo-leave].form.steps': field 'unknown' is not in the schema",
    ]
