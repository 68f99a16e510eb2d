"""Everything the platform holds about an account, for its owner: as JSON (machine-readable, every value as
stored) and as a PDF in the reader's language. Only the account's own rows are read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import render_template
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts import access_log, mandates, my_apps, my_dossiers, my_drafts, organisations, profile
from portal.accounts.models import Account, AccountAccess, Mandate
from portal.accounts.schemas import profile_schema
from portal.accounts.schemas_organisations import ROLE_NAMES
from portal.certificates import issuing
from portal.connectors import linking
from portal.dossiers.acknowledgement import FONT, in_algiers, pdf_of
from portal.dossiers.models import Dossier
from portal.extensions import db
from portal.i18n import text_direction


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dossiers(account_id: int) -> list[Dossier]:
    statement = (select(Dossier).where(Dossier.account_id == account_id)
                 .options(selectinload(Dossier.events), selectinload(Dossier.documents), selectinload(Dossier.body),
                          selectinload(Dossier.service)).order_by(Dossier.submitted_at, Dossier.id))  # fmt: skip
    return list(db.session.scalars(statement))


def _dossier(dossier: Dossier) -> dict[str, Any]:
    """A dossier as its applicant may see it: the staff's internal notes and assignments are not theirs."""
    return {
        "reference": dossier.reference, "body": dossier.body.code, "service": dossier.service.slug,
        "status": dossier.status, "language": dossier.locale, "submitted_at": _moment(dossier.submitted_at),
        "applicant_name": dossier.applicant_name, "answers": dossier.answers,
        "history": [{"at": _moment(event.at), "kind": event.kind, "status": event.status, "message": event.message}
                    for event in dossier.events if event.public and event.kind in ("status", "reply")],
        "documents": [{"kind": document.kind, "filename": document.filename, "content_type": document.content_type,
                       "size": document.size, "uploaded_at": _moment(document.uploaded_at)}
                      for document in dossier.documents],
    }  # fmt: skip


def profile_json(account: Account) -> dict[str, dict[str, Any]]:
    """Each attribute of the profile with its provenance, as stored."""
    return {name: {"value": row.value, "source": row.source, "verified_by": row.verified_by,
                   "verified_at": _moment(row.verified_at), "updated_at": _moment(row.updated_at)}
            for name, row in profile.attributes_of(account).items()}  # fmt: skip


def as_json(account: Account) -> dict[str, Any]:
    """The account, its profile with each attribute's provenance, its dossiers, its access log, its drafts, the
    certificates issued to it."""
    accesses = db.session.scalars(select(AccountAccess).where(AccountAccess.account_id == account.id)
                                  .order_by(AccountAccess.at, AccountAccess.id))  # fmt: skip
    return {
        "account": {"identifier": account.identifier, "channel": account.channel,
                    "created_at": _moment(account.created_at), "second_factor": account.totp_secret is not None},
        "profile": profile_json(account),
        "dossiers": [_dossier(dossier) for dossier in _dossiers(account.id)],
        "access_log": [{"at": _moment(row.at), "actor_kind": row.actor_kind, "actor": row.actor,
                        "service": row.service, "purpose": row.purpose} for row in accesses],
        "drafts": [{"service": line.title, "body": line.body, "saved_at": _moment(line.saved_at),
                    "deleted_on": _moment(line.deleted_on)} for line in my_drafts.drafts_of(account.id, "fr")],
        "organisations": [{"name_ar": member.organisation.name_ar, "name_latin": member.organisation.name_latin,
                           "nif": member.organisation.nif, "role": member.role}
                          for member in organisations.memberships_of(account.id)],
        "mandates_given": [_mandate(mandate) | {"to": mandate.grantee_identifier}
                           for mandate in mandates.given_by(account.id)],
        "mandates_received": [_mandate(mandate) for mandate in mandates.received_by(account)],
        "apps": [{"name": app.name, "publisher": app.publisher, "scopes": [scope.name for scope in app.scopes],
                  "since": _moment(app.since)} for app in my_apps.apps_of(account.id)],
        "funds": linking.held_for(account.id),  # the links to the funds' records and the answers kept
        "certificates": issuing.issued_to(account.id),  # what each certificate certified
    }  # fmt: skip


def _mandate(mandate: Mandate) -> dict[str, Any]:
    """A mandate as both its grantor and its representative may read it (not the other person's identifiers)."""
    organisation = mandate.organisation
    return {"organisation": organisation.name_latin or organisation.name_ar if organisation else None,
            "services": mandate.services, "ends_on": mandate.ends_on.isoformat(),
            "accepted_at": _moment(mandate.accepted_at), "revoked_at": _moment(mandate.revoked_at)}  # fmt: skip


def _labels(locale: str) -> dict[str, str]:
    """The profile's attributes named as the profile's form names them."""
    return {name: field.metadata["label"].get(locale, name) for name, field in profile_schema().fields.items()}


def as_pdf(account: Account, locale: str) -> bytes:
    """The same, readable, in ``locale`` (the request's language), right to left in Arabic."""
    html = render_template(
        "accounts/export.html", account=account, locale=locale, direction=text_direction(locale), font=FONT,
        attributes=profile.attributes_of(account), verifier_label=profile.verifier_label, labels=_labels(locale),
        dossiers=my_dossiers.dossiers_of(account.id, locale), accesses=access_log.accesses_of(account.id, locale),
        when=in_algiers, title=gettext("Everything the platform holds about me"),
        drafts=my_drafts.drafts_of(account.id, locale), memberships=organisations.memberships_of(account.id),
        roles=ROLE_NAMES, given=mandates.given_by(account.id), received=mandates.received_by(account),
        state=mandates.state, apps=my_apps.apps_of(account.id),
    )  # fmt: skip
    return pdf_of(html)
