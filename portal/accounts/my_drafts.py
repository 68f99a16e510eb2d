"""My space's drafts: the hosted forms the account saved as it went, to resume on any device, each with its service,
when it was last saved and when it will be deleted; and the scheduled job that warns the owner, in their language,
``DRAFT_WARNING_DAYS`` before a draft is deleted, then deletes it with its files (``DRAFT_DAYS`` after its last
change)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from portal.accounts import notices
from portal.accounts.identifiers import Identifier
from portal.accounts.models import Account
from portal.accounts.profile import attributes_of
from portal.addresses import external_url
from portal.database import utcnow
from portal.dossiers import account_drafts
from portal.dossiers.models import FormDraft
from portal.extensions import db
from portal.i18n.formats import format_day, speaking
from portal.jobs import queue

DRAFT_EXPIRY = "draft_expiry"  # the message that warns of a draft's deletion


@dataclass(frozen=True)
class DraftLine:
    """A draft as my space lists it."""

    id: int
    title: str
    body: str
    saved_at: datetime
    deleted_on: datetime


def _title(draft: FormDraft, locale: str) -> str:
    text = draft.service.text(locale) or next(iter(draft.service.texts.values()), None)
    return text.title if text else draft.service.slug


def drafts_of(account_id: int, locale: str, allows: Callable[[str], bool] = lambda _slug: True) -> list[DraftLine]:
    """The account's drafts of the services ``allows`` lets through (a mandate's), the latest saved first."""
    return [DraftLine(draft.id, _title(draft, locale), draft.service.body.name(locale), draft.updated_at,
                      account_drafts.deleted_on(draft)) for draft in account_drafts.drafts_of(account_id)
            if allows(draft.service.slug)]  # fmt: skip


def language_of(account: Account) -> str:
    found = attributes_of(account).get("language")
    return found.value if found is not None else "ar"


def warn(draft: FormDraft) -> None:
    """Tell the draft's owner, in their language, when it will be deleted (in the caller's transaction)."""
    account = db.session.get(Account, draft.account_id)
    if account is None:
        return
    locale = language_of(account)
    with speaking(locale):
        context = {"service": _title(draft, locale), "day": format_day(account_drafts.deleted_on(draft), locale),
                   "space": external_url("accounts.my_space", lang_code=locale)}  # fmt: skip
    notices.tell(Identifier(account.channel, account.identifier), DRAFT_EXPIRY, locale, **context)
    draft.warned_at = utcnow()


@queue.every(60, "account-drafts")
def warn_and_expire() -> tuple[int, int]:
    """The job: warn the owners of drafts soon deleted, then delete those whose time has come: how many of each."""
    warned = account_drafts.to_warn()
    for draft in warned:
        warn(draft)
        db.session.commit()
    return len(warned), account_drafts.expire()
