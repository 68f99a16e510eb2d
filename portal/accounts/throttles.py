"""The limits of the account's pages, counted in the platform's one store (``portal.rate_limits``), per address of the
client and per account as typed. They are the same whether or not the address has an account: a refusal says
nothing of it. A code also allows only five tries of its own (``codes.CODE_TRIES``)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, request

from portal.accounts import sessions
from portal.accounts.identifiers import read_identifier
from portal.extensions import limiter

WRONG_PASSWORDS = "5 per minute; 20 per hour"  # as staff's: wrong passwords of one account


def _typed_account() -> str:
    """The account as typed, in its one form (``0550 12 34 56`` and ``+213550123456`` are one account): writing it
    another way is not another count."""
    typed = request.form.get("identifier", "")
    found = read_identifier(typed)
    return found.value if found is not None else typed.strip().lower()


def _messages_limit() -> str:
    return str(current_app.config["ACCOUNT_MESSAGE_LIMIT"])


# Sign-in: wrong passwords of one account, whichever addresses they come from, and tries from one address.
sign_in_limits = [
    limiter.limit(WRONG_PASSWORDS, key_func=lambda: "account-sign-in:" + _typed_account(), methods=["POST"]),
    limiter.limit("30 per minute", methods=["POST"]),
]
# Sign-ups and resets send a message: so many to one address or number, so many from one client.
message_limits = [
    limiter.shared_limit(_messages_limit, scope="account-messages", methods=["POST"],
                         key_func=lambda: "account-messages:" + _typed_account()),
    limiter.shared_limit("30 per hour", scope="account-messages-sent", methods=["POST"]),
]  # fmt: skip
# Codes typed, from one client (each code allows five tries besides).
code_limit = limiter.shared_limit("10 per minute", scope="account-codes", methods=["POST"])
# Sign-ins with the identity provider started or finished, from one client (each return costs the provider a request).
identity_limit = limiter.shared_limit("30 per minute", scope="account-identity")


def _signed_in_or_awaiting() -> str:
    """The account whose password or code is typed: signed in, or awaiting its second factor."""
    account = sessions.current()
    awaiting = sessions.awaiting_second_factor() if account is None else None
    return str(account.id if account is not None else awaiting[0].id if awaiting is not None else "")


# Second-factor codes and the password typed again (turning the factor off, closing the account): per account.
own_secret_limits = [
    limiter.limit(WRONG_PASSWORDS, key_func=lambda: "account-own-secret:" + _signed_in_or_awaiting(),
                  methods=["POST"]),
    limiter.limit("10 per minute", methods=["POST"]),
]  # fmt: skip
# Invitations and mandates offered send a message to an address typed by a signed-in account: so many per account.
offer_limit = limiter.shared_limit(
    "20 per hour; 50 per day",
    scope="account-offers",
    methods=["POST"],
    key_func=lambda: "account-offers:" + str(sessions.current_id() or ""),
)


# Links to a fund's records: each asks the fund's system to send a text message, and each code typed is checked by it.
FUND_LINKS = "5 per 15 minutes; 20 per day"
fund_link_limits = [
    limiter.limit(FUND_LINKS, key_func=lambda: "fund-link:" + _signed_in_or_awaiting(), methods=["POST"]),
    limiter.limit("30 per hour", methods=["POST"]),
]


def _setting(name: str) -> Callable[[], str]:
    return lambda: str(current_app.config[name])


def _per_account(scope: str) -> Callable[[], str]:
    return lambda: f"{scope}:{sessions.current_id() or request.remote_addr or ''}"


# Certificates issued (each a live read of the fund and a signed PDF) and missing periods reported (each a read of the
# fund and a draft kept on the server): so many per account, whichever address it comes from.
certificate_limit, missing_period_limit = (
    limiter.shared_limit(_setting(setting), scope=scope, methods=["POST"], key_func=_per_account(scope))
    for setting, scope in (("CERTIFICATE_LIMIT", "fund-certificates"), ("MISSING_PERIOD_LIMIT", "fund-missing-periods"))
)
