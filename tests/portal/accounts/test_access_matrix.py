"""Every page of my space (every /<locale>/my/ route of the URL map) × anonymous, a member of staff, another citizen
and the owner; and every operation of the API's /api/v1/me × no token, a token without its scope, a revoked or
expired token, another account's dossier and the owner's token. A new route of either kind without its line here
fails the test, so that none ships unguarded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from werkzeug.routing import Rule

from portal.accounts.models import OrganisationMember
from portal.accounts.models_oauth import OAuthClient, OAuthToken
from portal.accounts.oauth_server import digest
from portal.database import utcnow
from portal.dossiers.models import FormDraft
from portal.extensions import db
from tests.portal.accounts.helpers import create_account, send_leave
from tests.portal.accounts.oauth_helpers import REVOKE_URL, Flow, bearer, register_app
from tests.portal.accounts.organisations_helpers import (
    create_organisation,
    give_mandate,
    invitation_link,
    invite,
    last_mandate,
)
from tests.portal.accounts.test_drafts import start_a_draft
from tests.portal.backoffice.helpers import create_user
from tests.portal.backoffice.helpers import sign_in as staff_sign_in

OWNER, OTHER, THIRD = "proprietaire@example.dz", "autre@example.dz", "tiers@example.dz"
ROLES = ("anonymous", "staff", "other", "owner")

# Every route of my space, with the object of the owner's its path names (None: the page is the account's own).
MY_ROUTES: dict[str, str | None] = {
    "accounts.my_space": None,
    "accounts.attach": None,
    "accounts.resume_draft": "draft_id",
    "accounts.delete_draft": "draft_id",
    "accounts.profile_page": None,
    "accounts.second_factor_enrol": None,
    "accounts.second_factor_off": None,
    "accounts.accesses": None,
    "accounts.my_payments": None,
    "accounts.export_json": None,
    "accounts.export_pdf": None,
    "accounts.close": None,
    "accounts.apps": None,
    "accounts.revoke_app": "client_id",
    "accounts.my_organisations": None,
    "accounts.organisation": "organisation_id",
    "accounts.invite": "organisation_id",
    "accounts.member_role": "member_id",
    "accounts.member_remove": "member_id",
    "accounts.invitation": "token",
    "accounts.my_mandates": None,
    "accounts.accept_mandate": "mandate_id",
    "accounts.decline_mandate": "mandate_id",
    "accounts.revoke_mandate": "mandate_id",
    "accounts.act_as": None,
    # A fund's pages name the fund (every account has its own link to it), not an object of the owner's.
    "accounts.funds": None,
    "accounts.fund_link": None,
    "accounts.fund_code": None,
    "accounts.fund_link_identity": None,
    "accounts.fund_unlink": None,
    "accounts.fund_career": None,
    "accounts.fund_retirement_account": None,
    "accounts.fund_affiliation": None,
    "accounts.fund_quarters": None,
    "accounts.fund_paid_leave": None,
    "accounts.fund_employers": None,
    "accounts.declaration_from_last_year": None,
    "accounts.fund_certificate": None,
    "accounts.report_gap": None,
}
# Where the owner of the objects (who made the organisation, sent the invitation to a third person, gave the mandate
# to them) is not the one a route serves: an invitation is for the address it was sent to (anyone else is told so,
# 403), and only the person a mandate is given to accepts or declines it.
OVERRIDES: dict[str, dict[str, str]] = {
    "accounts.invitation": {"owner": "forbidden", "other": "forbidden"},
    "accounts.accept_mandate": {"owner": "not found"},
    "accounts.decline_mandate": {"owner": "not found"},
    # The test fund's connector reads only the career record; linking by NIN needs a NIN the provider verified.
    **{
        endpoint: {"owner": "not found", "other": "not found"}
        for endpoint in (
            "accounts.fund_affiliation",
            "accounts.fund_quarters",
            "accounts.fund_paid_leave",
            "accounts.fund_employers",
            "accounts.declaration_from_last_year",
            "accounts.fund_retirement_account",
            "accounts.fund_link_identity",
            "accounts.fund_certificate",  # and the platform has no signing key here
            "accounts.report_gap",  # nor a service for a missing period
        )
    },
}
# Every operation for the apps, with the scope it needs; True: its path names a dossier.
API_OPERATIONS: dict[str, tuple[str, bool]] = {
    "GET /api/v1/me": ("profile", False),
    "GET /api/v1/me/dossiers": ("dossiers:read", False),
    "GET /api/v1/me/dossiers/<reference>": ("dossiers:read", True),
    "POST /api/v1/me/dossiers/<reference>/replies": ("dossiers:write", True),
}


def my_rules(app: Flask) -> list[Rule]:
    """Every route of my space, whichever blueprint registers it; those that change something last."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/<lang_code>/my/")]
    return sorted(rules, key=lambda rule: ("GET" not in (rule.methods or set()), rule.endpoint))


def api_operations(app: Flask) -> list[str]:
    return sorted(f"{method} {rule.rule}" for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/me")
                  for method in (rule.methods or set()) - {"HEAD", "OPTIONS"})  # fmt: skip


def test_every_route_of_my_space_and_every_operation_for_apps_is_in_the_matrix(app: Flask) -> None:
    assert sorted(rule.endpoint for rule in my_rules(app)) == sorted(MY_ROUTES)
    assert api_operations(app) == sorted(API_OPERATIONS)


def expected(role: str, has_object: bool) -> str:
    """Signed in as nobody here (a member of staff is nobody to my space): sign in first. Another citizen gets
    their own page, never the owner's object."""
    if role in ("anonymous", "staff"):
        return "sign-in"
    return "not found" if has_object and role == "other" else "allowed"


def outcome(status: int, location: str) -> str:
    if status == 302 and location.startswith("/fr/account/sign-in"):
        return "sign-in"
    if status in (403, 404):
        return {403: "forbidden", 404: "not found"}[status]
    return "allowed" if status < 400 or status in (409, 422) else f"status {status}"


def client_as(app: Flask, role: str, owner: FlaskClient) -> FlaskClient:
    if role == "owner":
        return owner
    client = app.test_client()
    if role == "other":
        create_account(app, client, OTHER)
    elif role == "staff":
        staff_sign_in(client, create_user(app, "ministry_admin", "mintest"))
    return client


def owners_draft(app: Flask) -> int:
    with app.app_context():
        latest = select(FormDraft.id).where(FormDraft.account_id.is_not(None)).order_by(FormDraft.id.desc())
        found = db.session.scalar(latest)  # the draft being filled in, not the one sent
        assert found is not None
        return found


def organisation_objects(app: Flask, owner: FlaskClient) -> dict[str, Any]:
    """The owner's organisation, their place in it, an invitation to it and a mandate they gave (to a third person)."""
    organisation = create_organisation(owner)
    assert invite(owner, organisation, THIRD) == 302
    token = invitation_link(app, THIRD).rsplit("/", 1)[1]
    assert give_mandate(owner, THIRD) == 302
    with app.app_context():
        member = db.session.scalar(
            select(OrganisationMember.id).where(OrganisationMember.organisation_id == organisation)
        )
    return {"organisation_id": organisation, "member_id": member, "token": token, "mandate_id": last_mandate(app)}


def client_row(app: Flask, client_id: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(OAuthClient.id).where(OAuthClient.client_id == client_id))
        assert found is not None
        return found


@pytest.mark.parametrize("role", ROLES)
def test_my_space_access_matrix(hosted_app: Flask, role: str) -> None:
    owner = hosted_app.test_client()
    create_account(hosted_app, owner, OWNER)
    reference = send_leave(owner)
    start_a_draft(owner)
    flow = Flow(register_app(hosted_app))
    tokens = flow.tokens(owner, hosted_app.test_client())
    objects = {
        "draft_id": owners_draft(hosted_app),
        "client_id": client_row(hosted_app, flow.client_id),
        **organisation_objects(hosted_app, owner),
    }
    objects["kind"], objects["index"] = "affiliation", 0
    objects["fund"] = "demo"  # the test fund, its system said to be where nothing answers: nothing is linked
    hosted_app.config["FUND_URLS"] = {"demo": "http://127.0.0.1:9/demo/v1"}
    client = client_as(hosted_app, role, owner)
    mismatches = []
    for rule in my_rules(hosted_app):
        has_object = MY_ROUTES[rule.endpoint] is not None
        values = {"lang_code": "fr", **{name: objects[name] for name in rule.arguments if name in objects}}
        path = hosted_app.url_map.bind("localhost").build(rule.endpoint, values)
        method = "GET" if "GET" in (rule.methods or set()) else "POST"
        response = client.open(path, method=method, data={"role": "viewer"} if method == "POST" else None,
                               follow_steps=False)  # fmt: skip
        got = outcome(response.status_code, response.headers.get("Location", ""))
        want = OVERRIDES.get(rule.endpoint, {}).get(role, expected(role, has_object))
        if got != want:
            mismatches.append(f"{method} {path}: expected {want}, got {got}")
        if role == "other" and method == "GET" and response.status_code == 200:
            shown = response.get_data()
            assert OWNER.encode() not in shown and reference.encode() not in shown, path
    assert mismatches == [], "\n".join(mismatches)
    if role != "owner":  # what the owner had is untouched
        assert owner.get(f"/fr/my/drafts/{objects['draft_id']}", follow_steps=False).status_code == 302
        assert owner.get("/api/v1/me", headers=bearer(tokens["access_token"])).status_code == 200


def api_call(client: FlaskClient, operation: str, reference: str, token: str | None) -> int:
    method, rule = operation.split(" ")
    headers = bearer(token) if token else {}
    body: dict[str, Any] = {"json": {"message": "Voici le document demandé."}} if method == "POST" else {}
    return client.open(rule.replace("<reference>", reference), method=method, headers=headers, **body).status_code


def token_for(app: Flask, browser: FlaskClient, client_id: str, scopes: list[str]) -> str:
    flow = Flow(client_id, scope=" ".join(scopes))
    return str(flow.tokens(browser, app.test_client())["access_token"])


def test_api_access_matrix(portal_app: Flask) -> None:
    owner, other = portal_app.test_client(), portal_app.test_client()
    create_account(portal_app, owner, OWNER)
    create_account(portal_app, other, OTHER)
    mine, theirs = send_leave(owner), send_leave(other)
    client_id = register_app(portal_app)
    scopes = ["profile", "dossiers:read", "dossiers:write"]
    full = token_for(portal_app, owner, client_id, scopes)
    revoked = token_for(portal_app, owner, client_id, scopes)
    portal_app.test_client().post(REVOKE_URL, data={"token": revoked, "client_id": client_id})
    expired = token_for(portal_app, owner, client_id, scopes)
    with portal_app.app_context():
        db.session.execute(update(OAuthToken).where(OAuthToken.access_digest == digest(expired))
                           .values(access_expires_at=utcnow() - timedelta(seconds=1)))  # fmt: skip
        db.session.commit()
    api = portal_app.test_client()
    got, want = {}, {}
    for operation, (scope, names_dossier) in API_OPERATIONS.items():
        lacking = token_for(portal_app, owner, client_id, [name for name in scopes if name != scope])
        cases = {"no token": (None, mine, 401), "wrong scope": (lacking, mine, 403), "revoked": (revoked, mine, 401),
                 "expired": (expired, mine, 401),
                 "owner": (full, mine, 409 if operation.startswith("POST") else 200)}  # fmt: skip
        if names_dossier:
            cases["another's dossier"] = (full, theirs, 404)
        for case, (token, reference, status) in cases.items():
            got[f"{operation} ({case})"] = api_call(api, operation, reference, token)
            want[f"{operation} ({case})"] = status
    assert got == want


def test_staff_get_no_token(portal_app: Flask) -> None:
    """A member of staff signed in to the back office is nobody to the consent page: no code, no token."""
    staff = portal_app.test_client()
    staff_sign_in(staff, create_user(portal_app, "ministry_admin", "mintest"))
    flow = Flow(register_app(portal_app))
    asked = staff.get(flow.authorize_path())
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/fr/account/sign-in?")
    refused = staff.post(flow.authorize_path(), data={"decision": "allow"})
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/fr/account/sign-in?")
    assert staff.get("/api/v1/me").status_code == 401  # the back office's session is no token
