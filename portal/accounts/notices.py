"""What the platform tells a person about their account, by email or by text message according to what they sign in
with, in their language, through the outbox (``portal.dossiers.notifications``): a one-time code, or, where the
page must not tell whether an account exists, a word to the address itself."""

from __future__ import annotations

from flask import render_template

from portal.accounts.codes import CODE_MINUTES
from portal.accounts.identifiers import Identifier
from portal.accounts.models import PHONE
from portal.addresses import external_url
from portal.dossiers.models import EMAIL, SMS
from portal.dossiers.notifications import Outgoing, write
from portal.i18n.formats import speaking
from portal.one_time_codes import CODE_MASK

# The messages, each a template of accounts/messages/: the first line is an email's subject (an SMS's label in the
# outbox), the rest its text, short for a text message.
SIGN_UP_CODE = "sign_up_code"  # the code that finishes a sign-up
ALREADY_REGISTERED = "already_registered"  # a sign-up for an address that has an account: no code, a word
RESET_CODE = "reset_code"  # the code that sets a new password
NO_ACCOUNT = "no_account"  # a reset asked for an address without an account: no code, a word


def tell(to: Identifier, message: str, locale: str, seed: str = "", **context: str) -> None:
    """Write ``message`` to the outbox for ``to`` (not committed); ``seed`` when it carries a one-time code;
    ``context``: what else its template says."""
    sms = to.channel == PHONE
    with speaking(locale):
        text = render_template(f"accounts/messages/{message}.txt", sms=sms, code=CODE_MASK, minutes=CODE_MINUTES,
                               link=external_url("accounts.sign_in", lang_code=locale), **context)  # fmt: skip
    subject, _, body = text.strip().partition("\n")
    write(Outgoing(to.value, subject.strip(), body.strip() + "\n", locale, SMS if sms else EMAIL, seed))
