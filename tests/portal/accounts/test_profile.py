"""The profile: each attribute with its provenance; bad input (a malformed NIN or NSS, a number of no country, a name
in the wrong script, unreadable text) gets a clear error in the reader's language, and what was saved stays saved;
foreign numbers and names with diacritics are accepted."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accounts.models import Account, AccountAttribute
from portal.extensions import db
from tests.portal.accounts.helpers import create_account

GOOD = {
    "family_name_ar": "بن عَلِي", "given_names_ar": "سَلِيمة", "family_name_latin": "Ben Ali",
    "given_names_latin": "Zoé Aïcha", "nin": "1234 5678 9012 3456 78", "nss": "١٥٠٠-١٢٣٤-٥٦٧٨",
    "birth_date-day": "27", "birth_date-month": "3", "birth_date-year": "1986", "phone": "+1 (415) 555-2671",
    "email": "profil@example.dz", "language": "ar",
}  # fmt: skip


def stored(app: Flask, identifier: str) -> dict[str, tuple[str, str, str]]:
    with app.app_context():
        account = db.session.scalar(select(Account).where(Account.identifier == identifier))
        assert account is not None
        rows = db.session.scalars(select(AccountAttribute).where(AccountAttribute.account_id == account.id))
        return {row.name: (row.value, row.source, row.verified_by) for row in rows}


@pytest.fixture
def citizen(portal_app: Flask) -> FlaskClient:
    client = portal_app.test_client()
    create_account(portal_app, client, "profil@example.dz")
    return client


def test_a_profile_is_saved_with_each_attributes_provenance(portal_app: Flask, citizen: FlaskClient) -> None:
    saved = citizen.post("/fr/my/profile", data=GOOD)
    assert saved.status_code == 302, saved.get_data(as_text=True)[-3000:]
    attributes = stored(portal_app, "profil@example.dz")
    assert attributes["email"] == ("profil@example.dz", "verified", "code")  # the code reached it
    assert attributes["nin"] == ("123456789012345678", "declared", "")
    assert attributes["nss"] == ("150012345678", "declared", "")
    assert attributes["phone"] == ("+14155552671", "declared", "")  # a number of another country, in E.164
    assert attributes["birth_date"] == ("1986-03-27", "declared", "")
    assert attributes["family_name_ar"] == ("بن عَلِي", "declared", "")
    assert attributes["given_names_latin"] == ("Zoé Aïcha", "declared", "")
    page = citizen.get("/ar/my/profile").get_data(as_text=True)
    assert "تم التحقق منه بواسطة رمز لاستعمال واحد أُرسل إليه" in page
    assert "مصرَّح به من طرفكم." in page
    assert 'value="+1 415-555-2671"' in page  # the number as people write it, read back into E.164 when saved
    citizen.post("/fr/my/profile", data={**GOOD, "email": "autre@example.dz"})
    assert stored(portal_app, "profil@example.dz")["email"] == ("autre@example.dz", "declared", "")  # changed


BAD = {"nin": "1234", "nss": "15001234567X", "phone": "+999 123", "family_name_ar": "Ben Ali",
       "given_names_latin": "زوي", "birth_date-day": "31", "birth_date-month": "2",
       "birth_date-year": "1990"}  # fmt: skip
ERRORS = {
    "fr": ["Entrez votre numéro d’identification national (NIN), 18 chiffres.",
           "Entrez votre numéro de sécurité sociale (NSS), 12 chiffres.",
           "Entrez un numéro de téléphone : algérien, par exemple 0550 12 34 56, ou de l’étranger avec l’indicatif",
           "Écrivez votre nom de famille en lettres arabes, comme sur votre acte de naissance",
           "Écrivez vos prénoms en lettres latines, comme sur votre passeport"],
    "ar": ["أدخلوا رقم تعريفكم الوطني (NIN)", "أدخلوا رقم ضمانكم الاجتماعي (NSS)", "أدخلوا رقم هاتف: جزائري",
           "اكتبوا لقبكم بالحروف العربية", "اكتبوا اسمكم بالحروف اللاتينية"],
}  # fmt: skip


@pytest.mark.parametrize("locale", ["fr", "ar"])
def test_bad_input_is_refused_in_the_readers_language_and_loses_nothing(
    portal_app: Flask, citizen: FlaskClient, locale: str
) -> None:
    assert citizen.post("/fr/my/profile", data=GOOD).status_code == 302
    before = stored(portal_app, "profil@example.dz")
    refused = citizen.post(f"/{locale}/my/profile", data={**GOOD, **BAD})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True).replace("&#39;", "'").replace("&amp;", "&")
    missing = [message for message in ERRORS[locale] if message not in page]
    assert missing == []
    assert 'value="15001234567X"' in page and 'value="+999 123"' in page  # what was typed is shown again
    assert 'aria-invalid="true"' in page and 'href="#field-nin"' in page
    assert stored(portal_app, "profil@example.dz") == before  # what was saved stays saved


def test_unreadable_text_is_refused_with_a_message_and_nothing_changes(portal_app: Flask, citizen: FlaskClient) -> None:
    assert citizen.post("/fr/my/profile", data=GOOD).status_code == 302
    before = stored(portal_app, "profil@example.dz")
    refused = citizen.post("/fr/my/profile", data={**GOOD, "given_names_latin": "Zo\x00é"})
    assert refused.status_code == 400
    assert "given_names_latin" in refused.get_data(as_text=True)
    assert "illisibles" in refused.get_data(as_text=True)
    body = urlencode({**GOOD, "given_names_latin": "Zoé"}).replace("Zo%C3%A9", "Zo%FF")  # a byte that is not UTF-8
    refused = citizen.post("/fr/my/profile", data=body, content_type="application/x-www-form-urlencoded")
    assert refused.status_code == 422
    assert "Écrivez vos prénoms en lettres latines, comme sur votre passeport" in refused.get_data(as_text=True)
    assert stored(portal_app, "profil@example.dz") == before


def test_the_profile_is_for_the_signed_in_only(portal_app: Flask) -> None:
    client = portal_app.test_client()
    response = client.get("/ar/my/profile")
    assert response.status_code == 302 and response.headers["Location"] == "/ar/account/sign-in?next=/ar/my/profile"
