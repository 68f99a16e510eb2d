"""Routes of citizens' accounts, under /<locale>: the account's pages (/account/...) and my space (/my/...)."""

from __future__ import annotations

from flask import Blueprint, Flask
from werkzeug.wrappers import Response

from portal import current_account, data_access
from portal.accounts import (
    access_log,
    acting,
    fund_payments,
    identity_provider,
    identity_views,
    oauth_server,
    oauth_views,
    payment_notices,
    views,
    views_career,
    views_certificates,
    views_employers,
    views_funds,
    views_mandates,
    views_my_data,
    views_organisations,
    views_second_factor,
)

blueprint = Blueprint("accounts", __name__, url_prefix="/<lang_code>", template_folder="templates")
for path, endpoint, view, methods in [
    ("/account/sign-up", "sign_up", views.sign_up, ["GET", "POST"]),
    ("/account/verify", "verify", views.verify, ["GET", "POST"]),
    ("/account/sign-in", "sign_in", views.sign_in, ["GET", "POST"]),
    ("/account/sign-out", "sign_out", views.sign_out, ["POST"]),
    ("/account/identity/sign-in", "identity_sign_in", identity_views.identity_sign_in, ["GET"]),
    ("/account/identity/return", "identity_return", identity_views.identity_return, ["GET"]),
    ("/account/password", "reset", views.reset, ["GET", "POST"]),
    ("/account/password/code", "reset_code", views.reset_code, ["GET", "POST"]),
    ("/my/", "my_space", views.my_space, ["GET"]),
    ("/my/dossiers", "attach", views.attach, ["POST"]),
    ("/my/drafts/<int:draft_id>", "resume_draft", views.resume_draft, ["GET"]),
    ("/my/drafts/<int:draft_id>/delete", "delete_draft", views.delete_draft, ["POST"]),
    ("/my/profile", "profile_page", views.profile_page, ["GET", "POST"]),
    ("/account/second-factor", "second_factor", views_second_factor.second_factor, ["GET", "POST"]),
    ("/my/second-factor", "second_factor_enrol", views_second_factor.enrol, ["GET", "POST"]),
    ("/my/second-factor/off", "second_factor_off", views_second_factor.turn_off, ["POST"]),
    ("/my/accesses", "accesses", views_my_data.accesses, ["GET"]),
    ("/my/payments", "my_payments", views_my_data.my_payments, ["GET"]),
    ("/my/data.json", "export_json", views_my_data.export_json, ["GET"]),
    ("/my/data.pdf", "export_pdf", views_my_data.export_pdf, ["GET"]),
    ("/my/close", "close", views_my_data.close, ["GET", "POST"]),
    ("/account/apps/authorize", "authorize", oauth_views.authorize, ["GET", "POST"]),
    ("/my/apps", "apps", oauth_views.apps, ["GET"]),
    ("/my/apps/<int:client_id>/revoke", "revoke_app", oauth_views.revoke_app, ["POST"]),
    ("/my/organisations", "my_organisations", views_organisations.my_organisations, ["GET", "POST"]),
    ("/my/organisations/<int:organisation_id>", "organisation", views_organisations.organisation, ["GET"]),
    ("/my/organisations/<int:organisation_id>/invitations", "invite", views_organisations.invite, ["POST"]),
    (
        "/my/organisations/<int:organisation_id>/people/<int:member_id>/role",
        "member_role",
        views_organisations.member_role,
        ["POST"],
    ),
    (
        "/my/organisations/<int:organisation_id>/people/<int:member_id>/remove",
        "member_remove",
        views_organisations.member_remove,
        ["POST"],
    ),
    ("/my/invitations/<token>", "invitation", views_organisations.invitation, ["GET", "POST"]),
    ("/my/mandates", "my_mandates", views_mandates.my_mandates, ["GET", "POST"]),
    ("/my/mandates/<int:mandate_id>/accept", "accept_mandate", views_mandates.accept, ["POST"]),
    ("/my/mandates/<int:mandate_id>/decline", "decline_mandate", views_mandates.decline, ["POST"]),
    ("/my/mandates/<int:mandate_id>/revoke", "revoke_mandate", views_mandates.revoke, ["POST"]),
    ("/my/act-for", "act_as", views_mandates.act_as, ["GET", "POST"]),
    ("/my/funds/", "funds", views_funds.funds, ["GET"]),
    ("/my/funds/<fund>/link", "fund_link", views_funds.fund_link, ["GET", "POST"]),
    ("/my/funds/<fund>/code", "fund_code", views_funds.fund_code, ["GET", "POST"]),
    ("/my/funds/<fund>/identity", "fund_link_identity", views_funds.fund_link_identity, ["POST"]),
    ("/my/funds/<fund>/unlink", "fund_unlink", views_funds.fund_unlink, ["POST"]),
    ("/my/funds/<fund>/career", "fund_career", views_funds.fund_career, ["GET"]),
    ("/my/funds/<fund>/retirement-account", "fund_retirement_account", views_funds.fund_retirement_account, ["GET"]),
    ("/my/funds/<fund>/affiliation", "fund_affiliation", views_funds.fund_affiliation, ["GET"]),
    ("/my/funds/<fund>/contributions", "fund_quarters", views_funds.fund_quarters, ["GET"]),
    ("/my/funds/<fund>/paid-leave", "fund_paid_leave", views_funds.fund_paid_leave, ["GET"]),
    ("/my/funds/<fund>/employers", "fund_employers", views_employers.fund_employers, ["GET"]),
    (
        "/my/funds/<fund>/employers/declaration",
        "declaration_from_last_year",
        views_employers.declaration_from_last_year,
        ["POST"],
    ),
    ("/my/funds/<fund>/certificates/<kind>", "fund_certificate", views_certificates.fund_certificate, ["POST"]),
    ("/my/funds/<fund>/career/gaps/<int:index>/report", "report_gap", views_career.report_gap, ["POST"]),
]:
    blueprint.add_url_rule(path, endpoint, view, methods=methods)


@blueprint.after_request
def kept_by_no_cache(response: Response) -> Response:
    """An account's pages are personal: no browser or proxy keeps them."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def init_app(app: Flask) -> None:
    """The account's pages, and the signed-in account for the modules beneath (a dossier records it)."""
    current_account.install(app, acting.party_id, acting.party_profile, acting.current)
    app.context_processor(acting.banner)
    identity_provider.init_app(app)
    payment_notices.init_app(app)  # a refund told to the citizen
    data_access.install(app, access_log.record_access)
    app.register_blueprint(blueprint)
    fund_payments.init_app(app)
    oauth_server.init_app(app)
    app.register_blueprint(oauth_views.endpoints)
