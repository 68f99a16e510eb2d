"""Mandates: given by a person (or an owner for their organisation) to another account, accepted by it, limited to
services and an end date; a representative acting under one sees the represented party's dossiers of those services
only, sends forms in their name (the dossier and the represented person's log say who acted), never reaches their
other services nor their data's download, and stops at once when the mandate is revoked or past its end date."""

from __future__ import annotations

import json
from datetime import date, timedelta

from flask import Flask
from sqlalchemy import select

from portal.accounts.models import Mandate
from portal.dossiers.models import Dossier
from portal.extensions import db
from tests.portal.accounts.helpers import send_leave, sent_text
from tests.portal.accounts.organisations_helpers import (
    accept_and_act,
    create_organisation,
    give_mandate,
    last_day,
    last_mandate,
    signed_up,
)
from tests.portal.accounts.test_drafts import draft_ids, start_a_draft
from tests.portal.accounts.test_my_documents import _first_document, _send_reusing

APPLY = "/fr/services/demo-leave/apply"


def _text(response: object) -> str:
    return response.get_data(as_text=True).replace("&#39;", "'")  # type: ignore[attr-defined]


def _sent_by(app: Flask, reference: str) -> tuple[int | None, int | None, int | None]:
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None
        return dossier.account_id, dossier.representative_id, dossier.organisation_id


def test_a_mandate_cannot_be_given_to_oneself_and_bad_input_keeps_what_was_typed(portal_app: Flask) -> None:
    amina = signed_up(portal_app, "amina@example.dz")
    mine = amina.post("/fr/my/mandates", data={"to": "Amina@Example.dz", "party": "me", **last_day()})
    assert mine.status_code == 422 and "à vous-même" in _text(mine) and 'value="Amina@Example.dz"' in _text(mine)
    arabic = amina.post("/ar/my/mandates", data={"to": "amina@example.dz", "party": "me", **last_day()})
    assert arabic.status_code == 422 and "لا يمكنك أن توكّل نفسك" in _text(arabic)
    past = amina.post("/fr/my/mandates", data={"to": "karim@example.dz", "party": "me", **last_day(-1)})
    assert past.status_code == 422 and "aujourd'hui ou plus tard" in _text(past)
    assert 'value="karim@example.dz"' in _text(past)
    none_chosen = amina.post("/fr/my/mandates", data={"to": "karim@example.dz", "party": "me", "scope": "some",
                                                       **last_day()})  # fmt: skip
    assert none_chosen.status_code == 422 and "au moins un service" in _text(none_chosen)
    not_owned = amina.post("/fr/my/mandates", data={"to": "karim@example.dz", "party": "1", **last_day()})
    assert not_owned.status_code == 422
    with portal_app.app_context():
        assert db.session.scalar(select(Mandate.id)) is None


def test_a_representative_sees_and_sends_only_within_the_mandate(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    earlier = send_leave(pensioner)
    assert give_mandate(pensioner, "relative@example.dz", services=("hiring-aid",)) == 302
    told = sent_text(portal_app, "relative@example.dz")
    assert "pensioner@example.dz vous donne un mandat" in told and "/fr/my/mandates" in told
    offered = relative.get("/fr/my/mandates")
    assert "pensioner@example.dz" in _text(offered) and "en attente de la réponse du représentant" in _text(offered)
    assert relative.post("/fr/my/act-for", data={"mandate": str(last_mandate(portal_app))}).status_code == 404
    accept_and_act(portal_app, relative)

    space = _text(relative.get("/fr/my/"))
    assert "Vous agissez pour pensioner@example.dz." in space and earlier not in space
    assert relative.get(APPLY).status_code == 404  # the leave form is not in the mandate
    assert relative.get(f"/fr/track/{earlier}").status_code == 302
    assert "أنت تتصرف باسم" in _text(relative.get("/ar/my/"))

    pensioner.post(f"/fr/my/mandates/{last_mandate(portal_app)}/revoke")
    assert give_mandate(pensioner, "relative@example.dz", services=("demo-leave",)) == 302
    accept_and_act(portal_app, relative)
    assert earlier in _text(relative.get("/fr/my/"))
    assert relative.get(f"/fr/track/{earlier}").status_code == 200
    sent = send_leave(relative, worker_name="Ali Haddad")
    pensioner_id, representative_id, organisation_id = _sent_by(portal_app, sent)
    assert (pensioner_id, organisation_id) == (_sent_by(portal_app, earlier)[0], None)
    assert representative_id is not None and representative_id != pensioner_id

    own = _text(pensioner.get("/fr/my/"))
    assert sent in own and "Envoyé pour vous par relative@example.dz, votre représentant." in own
    log = _text(pensioner.get("/fr/my/accesses"))
    assert "relative@example.dz, votre représentant" in log and "un formulaire envoyé pour vous" in log
    assert "la consultation de la liste de vos dossiers" in log
    assert "وكيلك" in _text(pensioner.get("/ar/my/accesses"))
    assert "votre représentant" not in _text(relative.get("/fr/my/accesses"))


def test_a_representative_never_downloads_the_represented_persons_data(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    theirs = send_leave(pensioner)
    give_mandate(pensioner, "relative@example.dz")
    accept_and_act(portal_app, relative)
    data = json.loads(relative.get("/fr/my/data.json").get_data())
    assert data["account"]["identifier"] == "relative@example.dz"
    assert theirs not in json.dumps(data) and "pensioner@example.dz" not in json.dumps(data)


def test_a_revoked_mandate_stops_on_the_next_request_of_the_same_session(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    theirs = send_leave(pensioner)
    give_mandate(pensioner, "relative@example.dz")
    accept_and_act(portal_app, relative)
    assert theirs in _text(relative.get("/fr/my/"))

    assert pensioner.post(f"/fr/my/mandates/{last_mandate(portal_app)}/revoke").status_code == 302
    after = _text(relative.get("/fr/my/"))
    assert theirs not in after and "un mandat révoqué ou terminé" in after and "Vous agissez pour" not in after
    assert relative.get(f"/fr/track/{theirs}").status_code == 302
    assert relative.post("/fr/my/act-for", data={"mandate": str(last_mandate(portal_app))}).status_code == 404
    assert relative.post(f"/fr/my/mandates/{last_mandate(portal_app)}/revoke").status_code == 404


def test_a_mandate_past_its_end_date_stops(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    theirs = send_leave(pensioner)
    give_mandate(pensioner, "relative@example.dz", days=2)
    accept_and_act(portal_app, relative)
    assert theirs in _text(relative.get("/fr/my/"))
    portal_app.config["TODAY"] = (date.today() + timedelta(days=3)).isoformat()
    assert theirs not in _text(relative.get("/fr/my/"))
    assert "terminé" in _text(pensioner.get("/fr/my/mandates"))


def test_only_the_account_offered_a_mandate_accepts_it(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    stranger = signed_up(portal_app, "stranger@example.dz")
    give_mandate(pensioner, "relative@example.dz")
    mandate = last_mandate(portal_app)
    assert stranger.post(f"/fr/my/mandates/{mandate}/accept").status_code == 404
    assert "pensioner@example.dz" not in _text(stranger.get("/fr/my/mandates"))
    assert stranger.post("/fr/my/act-for", data={"mandate": str(mandate)}).status_code == 404
    assert relative.post(f"/fr/my/mandates/{mandate}/accept").status_code == 302
    assert relative.post(f"/fr/my/mandates/{mandate}/accept").status_code == 404  # once


def test_an_owner_gives_a_mandate_for_the_organisation_and_sees_what_was_sent(portal_app: Flask) -> None:
    owner, accountant = signed_up(portal_app, "owner@example.dz"), signed_up(portal_app, "accountant@example.dz")
    organisation = create_organisation(owner)
    assert give_mandate(owner, "accountant@example.dz", party=str(organisation), services=("demo-leave",)) == 302
    accept_and_act(portal_app, accountant)
    assert "Vous agissez pour Bâtiments Ézzine &amp; Fils." in _text(accountant.get("/fr/my/"))
    sent = send_leave(accountant)
    _, representative, for_organisation = _sent_by(portal_app, sent)
    assert for_organisation == organisation and representative is not None

    assert sent in _text(owner.get(f"/fr/my/organisations/{organisation}"))
    assert "Envoyé pour Bâtiments Ézzine &amp; Fils par accountant@example.dz." in _text(owner.get("/fr/my/"))
    log = _text(owner.get("/fr/my/accesses"))
    assert "accountant@example.dz, représentant de Bâtiments Ézzine &amp; Fils" in log
    assert accountant.get(f"/fr/my/organisations/{organisation}").status_code == 404  # a mandate is no membership


def test_a_representative_is_not_offered_the_represented_persons_documents(portal_app: Flask) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    send_leave(pensioner)
    document = _first_document(portal_app)
    give_mandate(pensioner, "relative@example.dz")
    accept_and_act(portal_app, relative)
    assert "c.pdf" not in _text(relative.get("/fr/my/")) and "documents-heading" not in _text(relative.get("/fr/my/"))
    refused = _send_reusing(relative, document)
    assert refused.status_code != 302
    assert _send_reusing(pensioner, document).status_code == 302


def test_signing_out_forgets_the_mandate_and_the_export_lists_mandates_without_the_other_persons_data(
    portal_app: Flask,
) -> None:
    pensioner, relative = signed_up(portal_app, "pensioner@example.dz"), signed_up(portal_app, "relative@example.dz")
    give_mandate(pensioner, "relative@example.dz", services=("demo-leave",))
    accept_and_act(portal_app, relative)
    given = json.loads(pensioner.get("/fr/my/data.json").get_data())["mandates_given"]
    assert [(item["to"], item["services"]) for item in given] == [("relative@example.dz", ["demo-leave"])]
    received = json.loads(relative.get("/fr/my/data.json").get_data())["mandates_received"]
    assert len(received) == 1 and "pensioner" not in json.dumps(received)
    relative.post("/fr/account/sign-out")
    with relative.session_transaction() as session:
        assert "acting_for" not in session


def test_a_draft_started_for_someone_is_theirs_and_deleting_it_is_in_their_log(hosted_app: Flask) -> None:
    pensioner, relative = signed_up(hosted_app, "pensioner@example.dz"), signed_up(hosted_app, "relative@example.dz")
    give_mandate(pensioner, "relative@example.dz", services=("demo-leave",))
    accept_and_act(hosted_app, relative)
    start_a_draft(relative)
    (draft,) = draft_ids(hosted_app)
    assert f"/fr/my/drafts/{draft}" in _text(pensioner.get("/fr/my/"))
    assert f"/fr/my/drafts/{draft}" in _text(relative.get("/fr/my/"))
    assert relative.post(f"/fr/my/drafts/{draft}/delete").status_code == 302
    assert draft_ids(hosted_app) == []
    assert "la suppression d'un brouillon" in _text(pensioner.get("/fr/my/accesses"))
