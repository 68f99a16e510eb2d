"""The connector contract: how a body plugin reaches its own fund's system.

A body declares ``connector = SomeConnector`` (a subclass of :class:`Connector`) and overrides the operations its
system supports; each operation's docstring below is the contract, as pluggy's hook specifications are. The core knows
operations, never a fund: it calls them through one client (``portal.connectors``) that sets the timeouts, retries
reads, opens a circuit breaker, keeps the last good answer and logs each call in the citizen's access log. A connector
never imports an HTTP library: the client hands it a :class:`Transport`, which speaks to the fund's configured
address and raises the errors below.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

Answer = dict[str, Any]  # a fund's answer: a JSON object


class FundError(Exception):
    """A call to a fund's system did not give a usable answer."""


class FundUnavailableError(FundError):
    """The fund's system did not answer in time, could not be reached, or answered with a server error."""


class MalformedAnswerError(FundError):
    """The fund's system answered something that is not what its interface promises (the message says what)."""


class NotFoundError(FundError):
    """The fund's system answered that what was asked for does not exist (HTTP 404)."""


class RefusedError(FundError):
    """The fund's system refused the request (HTTP 4xx other than 404), for instance a wrong one-time code."""


class Transport(Protocol):
    """The core's HTTP client bound to one fund's address, within the call's time budget."""

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Answer:
        """GET ``path`` (relative to the fund's address): the JSON object answered."""
        ...

    def post(self, path: str, body: Mapping[str, Any], idempotency_key: str = "") -> Answer:
        """POST ``body`` as JSON to ``path``, with an ``Idempotency-Key`` header when given: the JSON object
        answered."""
        ...


@dataclass(frozen=True)
class Challenge:
    """The fund knows the person and sent a one-time code to the phone number it holds."""

    reference: str  # the fund's reference of this attempt, given back with the code
    phone_hint: str  # the end of that number, for the page to say where the code went ("•• •• 34 56")


def require(answer: object, fields: Mapping[str, type | tuple[type, ...]]) -> Answer:
    """``answer`` itself when it is a JSON object with each of ``fields`` of its type, else
    :class:`MalformedAnswerError` naming the first field that is wrong."""
    if not isinstance(answer, dict):
        raise MalformedAnswerError(f"the answer is {type(answer).__name__}, not an object")
    for name, kind in fields.items():
        if not isinstance(answer.get(name), kind) or (isinstance(answer.get(name), bool) and kind is int):
            raise MalformedAnswerError(f"the answer's field {name!r} is missing or not of the expected type")
    return answer


class Connector:
    """Base of a body's connector. Override the operations the fund's system supports, with these signatures;
    leave the others. An instance serves one call: ``self.transport`` is bound to the fund's address."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    # -- Linking an account to the fund's records (never cached, never retried: the fund may send a code) --

    def find_person(self, nss: str, birth_date: date) -> Challenge | None:
        """Look up the insured person by social-security number (12 digits) and date of birth. When the fund knows
        them, its system sends a one-time code to the phone number it holds and this returns the challenge; None when
        it knows nobody with both."""
        raise NotImplementedError

    def confirm_person(self, reference: str, code: str) -> str | None:
        """Give back the code the person typed for the challenge ``reference``: the fund's reference of the person
        when it is right, None when it is not (or the challenge expired)."""
        raise NotImplementedError

    def person_by_nin(self, nin: str, birth_date: date) -> str | None:
        """The fund's reference of the person whose record holds this national identification number (18 digits,
        verified by the national identity provider) and date of birth, or None."""
        raise NotImplementedError

    # -- Reads about a linked person (retried, and the last good answer is kept) --

    def career(self, person: str) -> Answer:
        """The career record: ``periods`` (each ``employer``, ``start``, ``end`` as ISO dates, ``end`` null while
        it lasts), ``years`` (each ``year``, ``wages``, ``contributions``, ``quarters``) and ``gaps`` (``start``,
        ``end``: the time between periods no contribution covers)."""
        raise NotImplementedError

    def retirement_account(self, person: str) -> Answer:
        """The retirement account of a non-salaried person: ``years`` (each ``year``, ``declared_income``, ``due``,
        ``paid``) and ``arrears`` (the amount still due)."""
        raise NotImplementedError

    def employer_account(self, employer: str) -> Answer:
        """The account of an employer the person represents: ``employer`` (``id``, ``name``) and ``years`` (each
        ``year``, ``wages``, ``contributions_due``, ``contributions_paid`` and ``workers``)."""
        raise NotImplementedError

    def annual_declaration(self, employer: str, year: int) -> Answer:
        """The annual declaration of wages an employer the person represents made for ``year``, as the fund recorded
        it: ``employer`` (``id``, ``name``, ``number``), ``year`` and ``workers`` (each ``nss``, ``name``, ``months``
        worked in the year, from 1 to 12, and ``wages`` declared)."""
        raise NotImplementedError

    def affiliation_certificate(self, person: str) -> Answer:
        """The person's affiliation: ``affiliated`` (bool), ``since`` (ISO date), ``regime`` and ``number``."""
        raise NotImplementedError

    def contributions_due(self, person: str) -> Answer:
        """Quarters of a voluntary affiliation: ``quarters`` (each ``quarter`` as ``2026-Q1``, ``amount``,
        ``paid``) and ``due`` (the amount still due)."""
        raise NotImplementedError

    def employers_of(self, person: str) -> Answer:
        """The employers the person represents at the fund (the fund's own record of who declares for them):
        ``employers`` (each ``id``, the fund's reference for ``employer_account``, ``name``, and ``number``, the
        employer's number at the fund)."""
        raise NotImplementedError

    def paid_leave(self, person: str) -> Answer:
        """A worker's paid leave: ``periods`` (each ``period`` as ``2025-2026``, from 1 July to 30 June,
        ``employer``, ``days`` acquired, ``taken``, and ``indemnity``, what the fund pays for the days acquired)."""
        raise NotImplementedError

    # -- Writes (run as jobs: retried until the fund confirms; ``key`` makes a repeat harmless) --

    def record_payment(self, person: str, payment: Mapping[str, Any], key: str) -> Answer:
        """Tell the fund that the person paid ``payment`` (``quarter``, or ``year`` for a year of arrears,
        ``amount``, ``paid_at``, ``receipt``); the fund answers the payment it recorded (``id``). The same ``key``
        twice records it once."""
        raise NotImplementedError

    def cancel_payment(self, person: str, cancellation: Mapping[str, Any], key: str) -> Answer:
        """Tell the fund that the payment it recorded under ``cancellation["recorded_key"]`` (the ``key`` given to
        :meth:`record_payment`) was refunded in full (``refunded_at``, ``reason``): the fund reverses it, and the
        quarter or the year it paid is due again. The fund answers the payment it cancelled (``id``, ``cancelled``
        true); the same ``key`` twice cancels it once; a key it never recorded is :class:`NotFoundError` (the record
        may not have reached it yet: the job tries again). Optional: a fund without it keeps the payment recorded,
        and the platform keeps the items paid."""
        raise NotImplementedError


LINKING = ("find_person", "confirm_person", "person_by_nin")
READS = (
    "career",
    "retirement_account",
    "employer_account",
    "annual_declaration",
    "affiliation_certificate",
    "contributions_due",
    "paid_leave",
    "employers_of",
)
WRITES = ("record_payment", "cancel_payment")
OPERATIONS = (*LINKING, *READS, *WRITES)


def supported(connector: type[Connector]) -> tuple[str, ...]:
    """The operations ``connector`` overrides, in the contract's order."""
    return tuple(name for name in OPERATIONS if getattr(connector, name) is not getattr(Connector, name))


def connector_problems(connector: object) -> list[str]:
    """What is wrong with a plugin's ``connector`` (each a sentence); nothing when it follows the contract."""
    if not (inspect.isclass(connector) and issubclass(connector, Connector)):
        return [f"{connector!r} is not a subclass of portal.registry.toolkit.Connector"]
    problems = [
        f"{name!r} is not an operation of the contract (known: {', '.join(OPERATIONS)})"
        for klass in connector.__mro__[: connector.__mro__.index(Connector)]
        for name, value in vars(klass).items()
        if callable(value) and not name.startswith("_") and name not in OPERATIONS
    ]
    for name in supported(connector):
        problems += _signature_problems(name, getattr(connector, name))
    operations = set(supported(connector))
    if not operations:
        problems.append("supports no operation of the contract")
    if operations & {*READS, *WRITES} and not ({"find_person", "confirm_person"} <= operations or
                                               "person_by_nin" in operations):  # fmt: skip
        problems.append("reads or writes a person's records but offers no way to link an account to them "
                        "(find_person with confirm_person, or person_by_nin)")  # fmt: skip
    return problems


def _signature_problems(name: str, method: object) -> list[str]:
    if not callable(method):
        return [f"{name!r} is not a method"]
    expected = list(inspect.signature(getattr(Connector, name)).parameters)
    try:
        found = list(inspect.signature(method).parameters)
    except (TypeError, ValueError):
        return [f"{name!r} has no signature the core can read"]
    if found != expected:
        return [f"{name!r} takes ({', '.join(found)}) but the contract says ({', '.join(expected)})"]
    return []


class PersonLinking(Connector):
    """The linking operations for a fund whose system exposes the platform's linking interface (the README's
    "connecting a fund"; ``sandbox/funds/openapi/*.yaml``, paths ``/persons/search``, ``/persons/confirm``,
    ``/persons/match``). A connector derives from it and adds its reads and writes."""

    def find_person(self, nss: str, birth_date: date) -> Challenge | None:
        try:
            answer = self.transport.post("/persons/search", {"nss": nss, "birth_date": birth_date.isoformat()})
        except NotFoundError:
            return None
        require(answer, {"challenge": str, "phone_hint": str})
        return Challenge(answer["challenge"], answer["phone_hint"])

    def confirm_person(self, reference: str, code: str) -> str | None:
        try:
            answer = self.transport.post("/persons/confirm", {"challenge": reference, "code": code})
        except RefusedError:
            return None
        return str(require(answer, {"person": str})["person"])

    def person_by_nin(self, nin: str, birth_date: date) -> str | None:
        try:
            answer = self.transport.post("/persons/match", {"nin": nin, "birth_date": birth_date.isoformat()})
        except NotFoundError:
            return None
        return str(require(answer, {"person": str})["person"])
