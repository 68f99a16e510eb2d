"""The pages of organisations: my organisations (and a new one), one organisation (its people, its invitations, its
mandates, its dossiers), an owner's changes, an invitation's link. An organisation is not found for whoever is not
one of its people; what only an owner may do is forbidden to the others."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accounts import invitations, mandates, my_dossiers, organisations, profile, sessions
from portal.accounts.models import OWNER, ROLES, OrganisationMember
from portal.accounts.schemas_organisations import ROLE_NAMES, OrganisationSchema, invitation_schema
from portal.accounts.throttles import offer_limit
from portal.accounts.views import read_form
from portal.dossiers.forms import field_views, raw_values
from portal.dossiers.models import Dossier
from portal.dossiers.submission import Errors
from portal.i18n import current_locale

Page = str | Response | tuple[str, int]
CHANGE_ERRORS = {organisations.Change.LAST_OWNER: lambda: _("An organisation always keeps at least one owner: make "
                                                            "someone else an owner first.")}  # fmt: skip


def _fields(schema: Any, values: dict[str, str], errors: Errors) -> list[Any]:
    return field_views(schema, schema.fields, values, errors, current_locale())


@sessions.signed_in
def my_organisations() -> Page:
    account = sessions.signed_in_account()
    schema = OrganisationSchema()
    if request.method == "GET":
        return _list_page(schema, {}, {})
    raw = raw_values(schema, request.form)
    data, errors = read_form(schema, raw)
    if errors:  # nothing is saved; what was typed is shown again with the errors
        return _list_page(schema, raw, errors), 422
    organisation = organisations.create(account, data)
    flash(_("The organisation has been created. You are its owner."), "success")
    return redirect(url_for(".organisation", organisation_id=organisation.id))


def _list_page(schema: Any, values: dict[str, str], errors: Errors) -> str:
    account = sessions.signed_in_account()
    return render_template("accounts/organisations.html", errors=errors, fields=_fields(schema, values, errors),
                           memberships=organisations.memberships_of(account.id), roles=ROLE_NAMES,
                           locale=current_locale())  # fmt: skip


def _member_or_404(organisation_id: int) -> OrganisationMember:
    """The signed-in account's place in the organisation: anyone else is told it does not exist."""
    found = organisations.membership(sessions.signed_in_account().id, organisation_id)
    if found is None:
        abort(404)
    return found


def _owner_or_403(organisation_id: int) -> OrganisationMember:
    found = _member_or_404(organisation_id)
    if found.role != OWNER:
        abort(403)
    return found


@sessions.signed_in
def organisation(organisation_id: int) -> Page:
    return _organisation_page(_member_or_404(organisation_id), {}, {})


def _organisation_page(me: OrganisationMember, values: dict[str, str], errors: Errors) -> str:
    organisation_id, locale, schema = me.organisation_id, current_locale(), invitation_schema()
    owner = me.role == OWNER
    return render_template(
        "accounts/organisation.html", me=me, organisation=me.organisation, owner=owner, roles=ROLE_NAMES,
        person_name=profile.person_name,
        role_codes=ROLES, errors=errors, locale=locale, fields=_fields(schema, values, errors) if owner else [],
        invitations=invitations.pending_of(organisation_id) if owner else [],
        mandates=mandates.of_organisation(organisation_id) if owner else [],
        dossiers=my_dossiers.dossiers_where([Dossier.organisation_id == organisation_id], locale),
    )  # fmt: skip


@sessions.signed_in
@offer_limit
def invite(organisation_id: int) -> Page:
    me = _owner_or_403(organisation_id)
    schema = invitation_schema()
    raw = raw_values(schema, request.form)
    data, errors = read_form(schema, raw)
    if errors:
        return _organisation_page(me, raw, errors), 422
    invitations.invite(me.organisation, sessions.signed_in_account(), data["email"].lower(), data["role"],
                       current_locale())  # fmt: skip
    flash(_("The invitation has been sent to %(email)s. The link works for %(days)s days.", email=data["email"],
            days=invitations.INVITATION_DAYS), "success")  # fmt: skip
    return redirect(url_for(".organisation", organisation_id=organisation_id, _anchor="people-heading"))


def _changed(organisation_id: int, result: organisations.Change, done: str) -> Response:
    if result is organisations.Change.NOT_FOUND:
        abort(404)
    if result in CHANGE_ERRORS:
        flash(CHANGE_ERRORS[result](), "danger")
    else:
        flash(done, "success")
    return redirect(url_for(".organisation", organisation_id=organisation_id, _anchor="people-heading"))


@sessions.signed_in
def member_role(organisation_id: int, member_id: int) -> Response:
    _owner_or_403(organisation_id)
    result = organisations.change_role(organisation_id, member_id, request.form.get("role", ""))
    return _changed(organisation_id, result, _("The role has been changed."))


@sessions.signed_in
def member_remove(organisation_id: int, member_id: int) -> Response:
    _owner_or_403(organisation_id)
    result = organisations.remove(organisation_id, member_id)
    return _changed(organisation_id, result, _("The person has been removed from the organisation."))


INVITATION_PROBLEMS = {
    invitations.Answer.UNKNOWN: (404, lambda: _("This invitation link is not valid or has expired. Ask the owner "
                                                "of the organisation for a new one.")),
    invitations.Answer.USED: (410, lambda: _("This invitation has already been accepted. It cannot be used again.")),
    invitations.Answer.OTHER_ADDRESS: (403, lambda: _("This invitation was sent to another email address. Sign in "
                                                      "with the account of that address (verified), then open the "
                                                      "link again.")),
}  # fmt: skip


@sessions.signed_in
def invitation(token: str) -> Page:
    account, found = sessions.signed_in_account(), invitations.find(token)
    answer = invitations.check(found, account)
    if found is None or answer in INVITATION_PROBLEMS:
        status, message = INVITATION_PROBLEMS[answer if found is not None else invitations.Answer.UNKNOWN]
        return render_template("accounts/invitation.html", invitation=None, problem=message(), errors={}), status
    if request.method == "POST" and invitations.accept(found, account) is invitations.Answer.VALID:
        flash(_("You have joined %(name)s.", name=found.organisation.name(current_locale())), "success")
        return redirect(url_for(".organisation", organisation_id=found.organisation_id))
    return render_template("accounts/invitation.html", invitation=found, problem="", roles=ROLE_NAMES,
                           locale=current_locale(), errors={})  # fmt: skip
