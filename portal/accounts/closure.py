"""Closing an account: its credentials, codes, sessions, profile, second factor, access log, places in organisations,
mandates, the tokens of the apps it allowed, its links to the funds' records and the answers read through them are
deleted; the dossiers it sent stay with the funds, who must keep them for their retention period, no longer linked to
it. The certificates issued to it stay checkable by anyone at ``/verify/<code>``, no longer linked to it either: what
``/verify`` shows comes from the signed certificate alone, never from the account. An account that is the only owner
of an organisation with other people hands it on first."""

from __future__ import annotations

from sqlalchemy import delete, update

from portal.accounts import organisations
from portal.accounts.models import Account, AccountAccess, AccountAttribute, AccountCode, AccountRecoveryCode, Mandate
from portal.accounts.models_oauth import OAuthCode, OAuthToken
from portal.certificates.models import Certificate
from portal.connectors import linking
from portal.dossiers.models import Dossier
from portal.extensions import db


def close(account: Account) -> None:
    """Delete the account and what belongs to it alone (committed): every session ends with it."""
    db.session.execute(update(Dossier).where(Dossier.account_id == account.id).values(account_id=None))
    db.session.execute(update(Dossier).where(Dossier.representative_id == account.id).values(representative_id=None))
    db.session.execute(update(Certificate).where(Certificate.account_id == account.id).values(account_id=None))
    db.session.execute(delete(Mandate).where((Mandate.grantor_id == account.id) | (Mandate.grantee_id == account.id)))
    organisations.forget(account.id)
    for model in (AccountAttribute, AccountRecoveryCode, AccountAccess, OAuthCode, OAuthToken):
        db.session.execute(delete(model).where(model.account_id == account.id))
    db.session.execute(delete(AccountCode).where((AccountCode.account_id == account.id)
                                                 | (AccountCode.identifier == account.identifier)))  # fmt: skip
    linking.forget_account(account.id)  # its links to the funds' records and what was read through them
    db.session.execute(delete(Account).where(Account.id == account.id))
    db.session.commit()
