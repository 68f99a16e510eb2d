"""The citizen's pages: sign-up and its code, sign-in, sign-out, a new password with a code; my space, with the
dossiers of the account and a form to add one; the profile. Each reads its form with a schema, calls the function
that does the work, and shows the page."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError
from werkzeug.wrappers import Response

from portal.accounts import acting, enrolment, identity_provider, my_dossiers, my_drafts, profile, recovery, sessions
from portal.accounts.codes import Check
from portal.accounts.identifiers import shown
from portal.accounts.models import Account
from portal.accounts.schemas import AddressSchema, AttachSchema, CodeSchema, ResetSchema, SignUpSchema, profile_schema
from portal.accounts.throttles import code_limit, message_limits, sign_in_limits
from portal.addresses import local_path
from portal.current_account import allowed_service
from portal.dossiers import account_drafts, my_documents, represented
from portal.dossiers.forms import field_views, left_to_right, raw_values
from portal.dossiers.models import FormDraft
from portal.dossiers.submission import Errors, flatten
from portal.dossiers.throttles import tracking_limit
from portal.extensions import db
from portal.i18n import current_locale

Page = str | Response | tuple[str, int]
CODE_STATUS = {Check.WRONG: 422, Check.SPENT: 410}


def read_form(schema: Schema, data: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    """A form read by its schema: the values, or the errors by field (the pages of organisations and mandates too)."""
    try:
        return schema.load(data, unknown=EXCLUDE), {}
    except ValidationError as error:
        return {}, flatten(error.normalized_messages(), schema)


def _typed() -> dict[str, str]:
    """The form's texts, the passwords included (never shown again)."""
    return {name: request.form.get(name, "") for name in request.form if name != "csrf_token"}


def _limited(limits: list[Any]) -> Any:
    """The view with every limit of ``limits``."""

    def decorate(view: Any) -> Any:
        for limit in reversed(limits):
            view = limit(view)
        return view

    return decorate


@_limited(message_limits)
def sign_up() -> Page:
    if request.method == "GET":
        return render_template("accounts/sign_up.html", identifier="", errors={})
    data, errors = read_form(SignUpSchema(), _typed())
    if errors:
        return render_template("accounts/sign_up.html", identifier=request.form.get("identifier", ""),
                               errors=errors), 422  # fmt: skip
    session[sessions.PENDING_CODE] = enrolment.sign_up(data["identifier"], data["password"], current_locale())
    session[sessions.CODE_SENT_TO] = shown(data["identifier"].value)
    return redirect(url_for(".verify"))


def _code_page(template: str, result: Check | None = None, errors: Errors | None = None, **context: Any) -> Page:
    """A page where a code is typed, with what went wrong: a wrong code (tries left), or one that can no longer be
    typed (expired, tried too often): the same words whether or not an account exists."""
    if result is Check.WRONG:
        errors = {"code": [_("This code is not right. Check the last message you received and type it again.")]}
    elif result is Check.SPENT:
        errors = {"code": [_("This code has expired or was tried too many times. Ask for a new one.")]}
    to = session.get(sessions.CODE_SENT_TO, "")
    page = render_template(template, errors=errors or {}, to=left_to_right(to) if to else "", **context)
    return (page, CODE_STATUS.get(result, 422)) if errors else page  # type: ignore[arg-type]


@code_limit
def verify() -> Page:
    if request.method == "GET":
        return _code_page("accounts/verify.html")
    data, errors = read_form(CodeSchema(), _typed())
    if errors:
        return _code_page("accounts/verify.html", errors=errors)
    result = enrolment.verify(session.get(sessions.PENDING_CODE, ""), data["code"])
    if isinstance(result, Check):
        return _code_page("accounts/verify.html", result)
    sessions.begin(result)
    flash(_("Your account is ready. You are signed in."), "success")
    return redirect(url_for(".my_space"))


@_limited(sign_in_limits)
def sign_in() -> Page:
    back = local_path(request.args.get("next", ""))
    if request.method == "GET":
        return render_template("accounts/sign_in.html", identifier="", back=back,
                               identity=identity_provider.configured())  # fmt: skip
    typed = request.form.get("identifier", "")
    account = recovery.authenticate(typed, request.form.get("password", ""))
    if account is None:
        error = _("The email address, the number or the password is not right.")
        return render_template("accounts/sign_in.html", identifier=typed, back=back, error=error,
                               identity=identity_provider.configured()), 401  # fmt: skip
    if account.totp_secret:
        sessions.await_second_factor(account, back)
        return redirect(url_for(".second_factor"))
    sessions.begin(account)
    return redirect(back or url_for(".my_space"))


def sign_out() -> Response:
    """Signed out here, everywhere; and, after a sign-in with the identity provider, at the provider too."""
    account = sessions.current()
    at_provider = identity_provider.logout_url(identity_provider.take_id_token())
    if account is not None:
        sessions.end_everywhere(account)  # a copied cookie is signed out too
        db.session.commit()
    sessions.end()
    flash(_("You are signed out."), "success")
    return redirect(at_provider or url_for(".sign_in"))


@_limited(message_limits)
def reset() -> Page:
    if request.method == "GET":
        return render_template("accounts/reset.html", identifier="", errors={})
    data, errors = read_form(AddressSchema(), _typed())
    if errors:
        return render_template("accounts/reset.html", identifier=request.form.get("identifier", ""),
                               errors=errors), 422  # fmt: skip
    session[sessions.PENDING_CODE] = recovery.request_reset(data["identifier"], current_locale())
    session[sessions.CODE_SENT_TO] = shown(data["identifier"].value)
    return redirect(url_for(".reset_code"))


@code_limit
def reset_code() -> Page:
    if request.method == "GET":
        return _code_page("accounts/reset_code.html")
    data, errors = read_form(ResetSchema(), _typed())
    if errors:
        return _code_page("accounts/reset_code.html", errors=errors)
    result = recovery.reset_password(session.get(sessions.PENDING_CODE, ""), data["code"], data["password"])
    if isinstance(result, Check):
        return _code_page("accounts/reset_code.html", result)
    if result.totp_secret:  # a new password is no way round the second factor
        sessions.await_second_factor(result, "")
        flash(_("Your new password is saved and your other sessions have ended. Type the code of your app."), "success")
        return redirect(url_for(".second_factor"))
    sessions.begin(result)
    flash(_("Your new password is saved. You are signed in; your other sessions have ended."), "success")
    return redirect(url_for(".my_space"))


@sessions.signed_in
def my_space() -> Page:
    return _my_space_page({}, "")


def _my_space_page(errors: Errors, reference: str) -> str:
    account, locale, now = sessions.signed_in_account(), current_locale(), acting.current()
    if now is None:
        dossiers, drafts = my_dossiers.dossiers_of(account.id, locale), my_drafts.drafts_of(account.id, locale)
    else:  # the represented party's, of the mandate's services, and written in their log
        dossiers = my_dossiers.dossiers_where(represented.reached_by(now), locale)
        drafts = my_drafts.drafts_of(now.account_id, locale, now.allows)
        represented.record(represented.LISTED, "", now)
        db.session.commit()
    return render_template("accounts/my_space.html", identifier=left_to_right(shown(account.identifier)),
                           dossiers=dossiers, errors=errors, drafts=drafts, reference=reference,
                           documents=my_documents.documents_of(account.id) if now is None else [],
                           draft_days=current_app.config["DRAFT_DAYS"])  # fmt: skip


def _draft_or_404(draft_id: int) -> FormDraft:
    """A draft of mine, or of the party I act for (of the mandate's services); another's is not found."""
    party = acting.party_id()
    draft = account_drafts.draft_of(party, draft_id) if party is not None else None
    if draft is None or not allowed_service(draft.service.slug):
        abort(404)
    return draft


@sessions.signed_in
def resume_draft(draft_id: int) -> Response:
    """A draft of mine, opened where I left it, on whichever device."""
    draft = _draft_or_404(draft_id)
    step = int(draft.state.get("step", 0))
    return redirect(url_for("dossiers.apply_step", slug=draft.service.slug, draft=draft.token, step=step))


@sessions.signed_in
def delete_draft(draft_id: int) -> Response:
    draft = _draft_or_404(draft_id)
    represented.record(represented.DRAFT_DELETED, draft.service.slug)  # committed with the deletion
    account_drafts.delete_draft(draft)
    flash(_("The draft has been deleted, with the documents attached to it."), "success")
    return redirect(url_for(".my_space", _anchor="drafts-heading"))


ATTACH_ERRORS = {
    my_dossiers.Attached.NO_MATCH: lambda: _("This reference and tracking code do not match any dossier. Check them "
                                             "and try again."),
    my_dossiers.Attached.TAKEN: lambda: _("This dossier cannot be added to your space: it is linked to another "
                                          "account."),
}  # fmt: skip


@sessions.signed_in
@tracking_limit("POST")
def attach() -> Page:
    account = sessions.signed_in_account()
    reference = request.form.get("reference", "")
    data, errors = read_form(AttachSchema(), _typed())
    result = my_dossiers.attach(account.id, data["reference"], data["code"]) if not errors else None
    if result in ATTACH_ERRORS:
        errors = {"code": [ATTACH_ERRORS[result]()]}
    if errors:
        return _my_space_page(errors, reference), 422
    if result is my_dossiers.Attached.ADDED:
        flash(_("The dossier has been added to your space."), "success")
    else:
        flash(_("This dossier is already in your space."), "info")
    return redirect(url_for(".my_space"))


@sessions.signed_in
def profile_page() -> Page:
    account = sessions.signed_in_account()
    schema = profile_schema()
    if request.method == "GET":
        stored = {name: attribute.value for name, attribute in profile.attributes_of(account).items()}
        stored["phone"] = shown(stored.get("phone", ""))  # as people write it: +213 550 12 34 56
        return _profile_page(account, schema, stored, {})
    raw = raw_values(schema, request.form)
    data, errors = read_form(schema, raw)
    if errors:  # nothing is saved; what was typed is shown again with the errors
        return _profile_page(account, schema, raw, errors), 422
    profile.save(account, {name: str(schema.fields[name].serialize(name, data)) for name in data
                           if data[name] not in (None, "")})  # fmt: skip
    db.session.commit()
    flash(_("Your profile has been saved."), "success")
    return redirect(url_for(".profile_page"))


def _profile_page(account: Account, schema: Schema, values: dict[str, str], errors: Errors) -> str:
    locale = current_locale()
    return render_template("accounts/profile.html", errors=errors, attributes=profile.attributes_of(account),
                           fields=field_views(schema, schema.fields, values, errors, locale),
                           verifier_label=profile.verifier_label)  # fmt: skip
