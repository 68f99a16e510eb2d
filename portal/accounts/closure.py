"""Closing an account: its credentials, codes, sessions, profile, second factor, access log, links to the funds' records
and the answers read through them are deleted; the dossiers it sent stay with the funds, who must keep them for their
retention period, no longer linked to it."""

from __future__ import annotations

from sqlalchemy import delete, update

from portal.accounts.models import Account, AccountAccess, AccountAttribute, AccountCode, AccountRecoveryCode
from portal.connectors import linking
from portal.dossiers.models import Dossier
from portal.extensions import db


def close(account: Account) -> None:
    """Delete the account and what belongs to it alone (committed): every session ends with it."""
    db.session.execute(update(Dossier).where(Dossier.account_id == account.id).values(account_id=None))
    for model in (AccountAttribute, AccountRecoveryCode, AccountAccess):
        db.session.execute(delete(model).where(model.account_id == account.id))
    db.session.execute(delete(AccountCode).where((AccountCode.account_id == account.id)
                                                 | (AccountCode.identifier == account.identifier)))  # fmt: skip
    linking.forget_account(account.id)  # its links to the funds' records and what was read through them
    db.session.execute(delete(Account).where(Account.id == account.id))
    db.session.commit()
