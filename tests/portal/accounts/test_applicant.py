"""Hosted services know their applicant: a service that needs an account sends an anonymous visitor to sign in and
back; a signed-in applicant's form is prefilled from the profile, shown as such, a locked answer staying the
profile's whatever is sent; an anonymous service (a complaint) records no account. The test bodies, changed by a
plugin installed for the test (the core's contract, not a fund's content)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.dossiers.models import Dossier, FormDraft
from portal.extensions import db
from portal.registry.loader import RegistryError
from tests.conftest import AppFactory
from tests.portal.accounts.helpers import CONTACT, create_account
from tests.portal.dossiers.helpers import COMPLAINT, pdf_bytes
from tests.portal.dossiers.test_applicant_secrets import apply_by_api
from tests.portal.dossiers.test_steps import WHEN

SOURCE = """
from dataclasses import replace
from tests.bodies.fund import Fund, LEAVE_FORM
from tests.bodies.ministry import Ministry
from portal.registry.toolkit import ACCOUNT_NEEDED, ACCOUNT_NONE

LEAVE = replace(LEAVE_FORM, account=ACCOUNT_NEEDED, prefill_locked=("social_security_number",),
                prefill={"worker_name": "full_name_latin", "social_security_number": "nss"})

class Needy(Fund):
    code = "needy"
    services = tuple(replace(item, form=LEAVE) if item.slug == "demo-leave" else item for item in Fund.services)

class Quiet(Ministry):
    code = "quiet"
    services = tuple(replace(item, form=replace(item.form, account=ACCOUNT_NONE)) if item.form else item
                     for item in Ministry.services)

class Wrong(Fund):
    code = "wrong"
    services = tuple(replace(item, form=replace(LEAVE, account="maybe", prefill={"worker_name": "salary"}))
                     if item.slug == "demo-leave" else item for item in Fund.services)
"""
APPLY = "/fr/services/demo-leave/apply"
NSS = "123456789012"


@pytest.fixture
def app(make_app: AppFactory, install_plugin: Callable[..., None], tmp_path: object) -> Flask:
    for name, target in (("needy", "Needy"), ("quiet", "Quiet"), ("wrong", "Wrong")):
        install_plugin(name, SOURCE, target, distribution="applicant-bodies")
    return make_app(WTF_CSRF_ENABLED=False, ENABLED_BODIES=["quiet", "needy", "pilote"],
                    UPLOAD_FOLDER=f"{tmp_path}/uploads")  # fmt: skip


def _with_profile(app: Flask) -> FlaskClient:
    client = app.test_client()
    create_account(app, client, "amina@example.dz")
    saved = client.post("/fr/my/profile", data={"given_names_latin": "Amina", "family_name_latin": "Belkacem",
                                                "nss": NSS, "language": "fr"})  # fmt: skip
    assert saved.status_code == 302, saved.get_data(as_text=True)[-3000:]
    return client


def _form(page: str) -> tuple[str, str]:
    action = re.search(r'action="([^"]+)" id="apply-form"', page)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page)
    assert action and key
    return action.group(1), key.group(1)


def test_a_service_that_needs_an_account_sends_a_visitor_to_sign_in_and_back(app: Flask) -> None:
    visitor = app.test_client()
    opened = visitor.get(APPLY, follow_steps=False)
    assert opened.status_code == 302 and opened.headers["Location"] == f"/fr/account/sign-in?next={APPLY}"
    assert (
        visitor.post(APPLY, data={"step": "0"}, follow_steps=False)
        .headers["Location"]
        .startswith("/fr/account/sign-in")
    )
    with app.app_context():
        assert db.session.scalars(select(FormDraft)).all() == []  # nothing kept for a visitor
    create_account(app, visitor, "amina@example.dz")
    assert visitor.get(APPLY, follow_steps=False).headers["Location"].startswith(APPLY + "/")


def test_the_form_is_prefilled_from_the_profile_and_a_locked_answer_stays_the_profiles(app: Flask) -> None:
    client = _with_profile(app)
    page = client.get(APPLY).get_data(as_text=True)
    assert 'value="Amina Belkacem"' in page and f'value="{NSS}"' in page
    assert "De votre profil : vous pouvez la modifier ici." in page
    assert "De votre profil : ce service la prend telle quelle" in page
    assert re.search(r'id="field-social_security_number"[^>]*aria-describedby="[^"]*field-social_security_number-'
                     r'profile[^"]*"[^>]*readonly', page)  # fmt: skip
    action, key = _form(page)
    typed = {"worker_name": "Amina B.", "kind": "sick", "social_security_number": "999999999999"}
    client.post(action, data={"key": key, "step": "0", **typed})  # the page carries the answers along
    client.post(action, data={"key": key, "step": "1", **typed, **WHEN})
    last = client.post(action, data={"key": key, "step": "2", "action": "submit", **typed, **WHEN, **CONTACT,
                              "document-certificate": [(io.BytesIO(pdf_bytes()), "c.pdf")]},
                       content_type="multipart/form-data")  # fmt: skip
    assert last.status_code == 302 and "/receipt" in last.headers["Location"]
    with app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert dossier.answers["worker_name"] == "Amina B."  # changeable: changed
        assert dossier.answers["social_security_number"] == NSS  # locked: the profile's
        assert dossier.account_id is not None and dossier.locale == "fr"


def test_an_anonymous_service_records_no_account_even_signed_in(app: Flask) -> None:
    client = _with_profile(app)
    report = "/fr/services/labour-inspection-report/apply"
    page = client.get(report).get_data(as_text=True)
    action, key = _form(page)
    sent = client.post(action, data={"key": key, "step": "0", **COMPLAINT})
    assert sent.status_code == 200
    with app.app_context():
        assert db.session.scalars(select(FormDraft.account_id)).all() == [None]


def test_a_wrong_declaration_stops_the_start_naming_plugin_and_field(
    make_app: AppFactory, install_plugin: Callable[..., None]
) -> None:
    install_plugin("wrong", SOURCE, "Wrong")
    with pytest.raises(RegistryError) as caught:
        make_app(migrate=False, ENABLED_BODIES=["wrong"])
    assert sorted(caught.value.problems) == [
        "plugin 'wrong', field 'services[demo-leave].form.account': 'maybe' is not one of needs, allows, anonymous",
    ]


def test_the_api_refuses_an_application_to_a_service_that_needs_an_account(app: Flask) -> None:
    sent = apply_by_api(app.test_client(), "a-key-of-the-right-size-01")
    assert sent.status_code == 403
    with app.app_context():
        assert db.session.scalars(select(Dossier)).all() == []
