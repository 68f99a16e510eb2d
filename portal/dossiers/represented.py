"""The dossiers reached when acting for another: the organisation's (under its mandate, or as its owner or declarant),
or the represented person's own (not those of an organisation the person answers for), of the mandate's services
only; and what a representative does with them, written in the represented person's access log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select

from portal import data_access
from portal.catalogue.models import Service
from portal.current_account import Acting, current_acting
from portal.dossiers.models import Dossier

# What a representative did: sent a form, opened a dossier, read the list, answered a dossier, deleted a draft.
SUBMITTED, OPENED, LISTED, REPLIED, DRAFT_DELETED = "submitted", "opened", "listed", "replied", "draft_deleted"


def reached_by(acting: Acting) -> list[ColumnElement[bool]]:
    """The conditions on ``Dossier`` of the dossiers ``acting`` reaches."""
    if acting.organisation_id is not None:
        conditions: list[Any] = [Dossier.organisation_id == acting.organisation_id]
    else:
        conditions = [Dossier.account_id == acting.account_id, Dossier.organisation_id.is_(None)]
    if acting.services is not None:
        conditions.append(Dossier.service_id.in_(select(Service.id).where(Service.slug.in_(acting.services))))
    return conditions


def record(purpose: str, service: str, acting: Acting | None = None) -> None:
    """If this request acts under a mandate, write ``purpose`` on ``service`` in the represented person's log (in the
    caller's transaction); a member acting for its organisation acts in its own name, and is not written."""
    acting = acting or current_acting()
    if acting is not None and acting.under_mandate:
        data_access.representative_acted(acting.account_id, acting.representative_id, acting.organisation_id,
                                          service, purpose)  # fmt: skip


def mark(dossier: Dossier, service: str) -> None:
    """A dossier sent for another says for which organisation, and who acted under a mandate; the log says it too."""
    acting = current_acting()
    if acting is None or dossier.account_id is None:
        return
    dossier.organisation_id = acting.organisation_id
    if acting.under_mandate:  # a member sends its organisation's forms in its own name
        dossier.representative_id = acting.representative_id
    record(SUBMITTED, service, acting)
