"""Organisations: made by an account (its owner), with their numbers checked and the typed values kept on an error,
in both languages; invitations by email, accepted once by the invited address only; roles changed and people
removed by an owner; an organisation keeps an owner; nobody else sees it."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from portal.accounts.models import Mandate, Organisation, OrganisationMember
from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.portal.accounts.helpers import PASSWORD, send_leave
from tests.portal.accounts.organisations_helpers import (
    ORGANISATION,
    create_organisation,
    invitation_link,
    invite,
    signed_up,
)


def _members(app: Flask, organisation: int) -> dict[str, str]:
    with app.app_context():
        rows = db.session.scalars(select(OrganisationMember).where(OrganisationMember.organisation_id == organisation))
        return {row.account.identifier: row.role for row in rows}


def test_an_organisation_is_made_with_its_names_and_numbers_and_its_maker_owns_it(portal_app: Flask) -> None:
    owner = signed_up(portal_app, "karim@example.dz")
    organisation = create_organisation(owner, nif="0000 1600 1234 567", cnas_number="١٦٠١٢٣٤٥٦٧")
    with portal_app.app_context():
        found = db.session.get(Organisation, organisation)
        assert found is not None
        assert (found.name_ar, found.name_latin) == (ORGANISATION["name_ar"], ORGANISATION["name_latin"])
        assert (found.nif, found.cnas_number, found.cacobatph_number) == ("000016001234567", "1601234567", "")
    assert _members(portal_app, organisation) == {"karim@example.dz": "owner"}
    page = owner.get(f"/fr/my/organisations/{organisation}").get_data(as_text=True)
    assert "Bâtiments Ézzine &amp; Fils" in page and "Propriétaire" in page
    assert ORGANISATION["name_ar"] in owner.get(f"/ar/my/organisations/{organisation}").get_data(as_text=True)
    assert "Bâtiments Ézzine &amp; Fils" in owner.get("/fr/my/organisations").get_data(as_text=True)


def test_bad_numbers_and_names_are_refused_in_the_readers_language_and_nothing_typed_is_lost(
    portal_app: Flask,
) -> None:
    owner = signed_up(portal_app, "karim@example.dz")
    typed = {"name_ar": "Entreprise", "name_latin": "Société Ézzine", "nif": "12345", "cnas_number": "16-AB",
             "cacobatph_number": "123"}  # fmt: skip
    french = owner.post("/fr/my/organisations", data=typed)
    assert french.status_code == 422
    page = french.get_data(as_text=True).replace("&#39;", "'")
    assert "en lettres arabes" in page and "15 chiffres" in page and "10 chiffres" in page
    assert 'value="Société Ézzine"' in page and 'value="16-AB"' in page and 'value="Entreprise"' in page
    arabic = owner.post("/ar/my/organisations", data={**typed, "name_ar": "مؤسسة", "name_latin": "مؤسسة"})
    assert arabic.status_code == 422
    text = arabic.get_data(as_text=True)
    assert "بالحروف اللاتينية" in text and 'value="12345"' in text
    nameless = owner.post("/fr/my/organisations", data={**ORGANISATION, "name_ar": "", "name_latin": ""})
    assert nameless.status_code == 422 and "nom de l" in nameless.get_data(as_text=True)
    with portal_app.app_context():
        assert db.session.scalar(select(Organisation.id)) is None


def test_nobody_outside_sees_an_organisation_and_a_viewer_cannot_invite(portal_app: Flask) -> None:
    owner, stranger = signed_up(portal_app, "karim@example.dz"), signed_up(portal_app, "sami@example.dz")
    organisation = create_organisation(owner)
    assert stranger.get(f"/fr/my/organisations/{organisation}").status_code == 404
    assert invite(stranger, organisation, "sami@example.dz", "owner") == 404
    assert stranger.post(f"/fr/my/organisations/{organisation}/people/1/remove").status_code == 404
    assert "Bâtiments" not in stranger.get("/fr/my/organisations").get_data(as_text=True)

    assert invite(owner, organisation, "sami@example.dz", "viewer") == 302
    assert stranger.post(invitation_link(portal_app, "sami@example.dz")).status_code == 302
    assert stranger.get(f"/fr/my/organisations/{organisation}").status_code == 200
    assert invite(stranger, organisation, "lina@example.dz", "owner") == 403
    demoted = stranger.post(f"/fr/my/organisations/{organisation}/people/1/role", data={"role": "viewer"})
    assert demoted.status_code == 403
    assert _members(portal_app, organisation) == {"karim@example.dz": "owner", "sami@example.dz": "viewer"}


def test_an_invitation_is_accepted_once_by_the_address_invited_only(portal_app: Flask) -> None:
    owner = signed_up(portal_app, "karim@example.dz")
    organisation = create_organisation(owner)
    assert invite(owner, organisation, "Lina@Example.dz", "declarant") == 302
    link = invitation_link(portal_app, "lina@example.dz")

    other = signed_up(portal_app, "sami@example.dz")
    refused = other.post(link)
    assert refused.status_code == 403 and "une autre adresse" in refused.get_data(as_text=True)
    anonymous = portal_app.test_client().get(link)
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.headers["Location"]

    lina = signed_up(portal_app, "lina@example.dz")
    shown = lina.get(link.replace("/fr/", "/ar/")).get_data(as_text=True)
    assert ORGANISATION["name_ar"] in shown
    assert lina.post(link).status_code == 302
    assert _members(portal_app, organisation)["lina@example.dz"] == "declarant"
    replayed = lina.post(link)
    assert replayed.status_code == 410 and "déjà été acceptée" in replayed.get_data(as_text=True)
    assert other.post(link).status_code == 410
    assert lina.get(link[:-4] + "AAAA").status_code == 404


def test_an_owner_changes_roles_and_removes_people_and_an_organisation_keeps_an_owner(portal_app: Flask) -> None:
    owner, lina = signed_up(portal_app, "karim@example.dz"), signed_up(portal_app, "lina@example.dz")
    organisation = create_organisation(owner)
    invite(owner, organisation, "lina@example.dz", "viewer")
    lina.post(invitation_link(portal_app, "lina@example.dz"))
    with portal_app.app_context():
        ids = {row.account.identifier: row.id for row in db.session.scalars(select(OrganisationMember))}
    base = f"/fr/my/organisations/{organisation}/people"

    alone = owner.post(f"{base}/{ids['karim@example.dz']}/role", data={"role": "viewer"}, follow_redirects=True)
    assert "au moins un propriétaire" in alone.get_data(as_text=True)
    assert owner.post(f"{base}/{ids['karim@example.dz']}/remove").status_code == 302
    assert _members(portal_app, organisation)["karim@example.dz"] == "owner"

    assert owner.post(f"{base}/{ids['lina@example.dz']}/role", data={"role": "owner"}).status_code == 302
    assert lina.post(f"{base}/{ids['karim@example.dz']}/role", data={"role": "declarant"}).status_code == 302
    assert _members(portal_app, organisation) == {"karim@example.dz": "declarant", "lina@example.dz": "owner"}
    assert owner.post(f"{base}/{ids['lina@example.dz']}/remove").status_code == 403
    assert lina.post(f"{base}/{ids['karim@example.dz']}/remove").status_code == 302
    assert owner.get(f"/fr/my/organisations/{organisation}").status_code == 404
    assert lina.post(f"{base}/999/role", data={"role": "viewer"}).status_code == 404


def test_the_only_owner_of_an_organisation_with_people_hands_it_on_before_closing(portal_app: Flask) -> None:
    owner, lina = signed_up(portal_app, "karim@example.dz"), signed_up(portal_app, "lina@example.dz")
    organisation = create_organisation(owner)
    invite(owner, organisation, "lina@example.dz", "viewer")
    lina.post(invitation_link(portal_app, "lina@example.dz"))
    kept = owner.post("/fr/my/close", data={"password": PASSWORD})
    assert kept.status_code == 409 and "seul propriétaire de Bâtiments Ézzine &amp; Fils" in kept.get_data(as_text=True)
    assert "المالك الوحيد" in owner.post("/ar/my/close", data={"password": PASSWORD}).get_data(as_text=True)

    assert lina.post("/fr/my/close", data={"password": PASSWORD}).status_code == 302
    assert _members(portal_app, organisation) == {"karim@example.dz": "owner"}
    assert owner.post("/fr/my/close", data={"password": PASSWORD}).status_code == 302
    with portal_app.app_context():
        assert db.session.get(Organisation, organisation) is None


def test_a_declarant_sends_the_organisations_forms_and_a_viewer_only_follows_them(portal_app: Flask) -> None:
    owner, lina = signed_up(portal_app, "karim@example.dz"), signed_up(portal_app, "lina@example.dz")
    organisation = create_organisation(owner)
    invite(owner, organisation, "lina@example.dz", "viewer")
    lina.post(invitation_link(portal_app, "lina@example.dz"))
    as_member = {"mandate": f"organisation:{organisation}"}
    assert lina.post("/fr/my/act-for", data=as_member).status_code == 404
    with portal_app.app_context():
        member = db.session.scalar(select(OrganisationMember.id).where(OrganisationMember.role == "viewer"))
    owner.post(f"/fr/my/organisations/{organisation}/people/{member}/role", data={"role": "declarant"})
    assert "Bâtiments Ézzine" in lina.get("/fr/my/act-for").get_data(as_text=True)
    assert lina.post("/fr/my/act-for", data=as_member).status_code == 302
    assert "Vous agissez pour Bâtiments Ézzine &amp; Fils." in lina.get("/fr/my/").get_data(as_text=True)
    sent = send_leave(lina)
    with portal_app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == sent))
        assert dossier is not None and (dossier.organisation_id, dossier.representative_id) == (organisation, None)
    page = owner.get(f"/fr/my/organisations/{organisation}").get_data(as_text=True)
    assert sent in page and "Envoyé pour Bâtiments Ézzine &amp; Fils par lina@example.dz." in page

    owner.post(f"/fr/my/organisations/{organisation}/people/{member}/role", data={"role": "viewer"})
    after = lina.get("/fr/my/").get_data(as_text=True)
    assert "Vous agissez pour" not in after and "vous agissez de nouveau pour vous-même" in after.replace("&#39;", "'")
    assert sent in lina.get(f"/fr/my/organisations/{organisation}").get_data(as_text=True)


def test_every_route_of_an_organisation_or_a_mandate_is_closed_to_strangers_and_to_the_anonymous(
    portal_app: Flask,
) -> None:
    """Generated from the URL map: each route that names an organisation, a person of it or a mandate."""
    owner, stranger = signed_up(portal_app, "karim@example.dz"), signed_up(portal_app, "sami@example.dz")
    organisation = create_organisation(owner)
    owner.post("/fr/my/mandates", data={"to": "lina@example.dz", "party": str(organisation), "ends_on-day": "1",
                                        "ends_on-month": "1", "ends_on-year": "2099"})  # fmt: skip
    with portal_app.app_context():
        member = db.session.scalar(select(OrganisationMember.id))
        mandate = db.session.scalar(select(Mandate.id))
    values = {"lang_code": "fr", "organisation_id": organisation, "member_id": member, "mandate_id": mandate}
    named = {"organisation_id", "mandate_id"}
    rules = [rule for rule in portal_app.url_map.iter_rules()
             if rule.endpoint.startswith("accounts.") and rule.arguments & named]  # fmt: skip
    assert len(rules) >= 7
    anonymous = portal_app.test_client()
    for rule in rules:
        path = portal_app.url_map.bind("localhost").build(rule.endpoint, values)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            assert stranger.open(path, method=method, data={"role": "owner"}).status_code == 404, (method, path)
            sent_away = anonymous.open(path, method=method)
            assert sent_away.status_code == 302 and "/account/sign-in" in sent_away.headers["Location"], path
    assert _members(portal_app, organisation) == {"karim@example.dz": "owner"}
    with portal_app.app_context():
        found = db.session.get(Mandate, mandate)
        assert found is not None and found.revoked_at is None and found.accepted_at is None
