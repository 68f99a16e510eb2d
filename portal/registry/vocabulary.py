"""Controlled vocabularies shared by every body: codes in code, labels in the message catalogues.

A label is an English message id translated by each locale's catalogue, so a new locale needs a
catalogue and no change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, TypeVar

from portal.i18n.catalogues import gettext

K = TypeVar("K", str, int)


def _l(message: str) -> str:
    """Marks a label for extraction (``make messages`` reads ``_l``); ``Vocabulary.label`` translates it."""
    return message


@dataclass(frozen=True)
class Vocabulary(Generic[K]):
    """An ordered set of codes, each with a translatable label."""

    name: str
    terms: Mapping[K, str]  # code -> message id

    def __contains__(self, code: object) -> bool:
        return code in self.terms

    def __iter__(self) -> Iterator[K]:
        return iter(self.terms)

    def label(self, code: K) -> str:
        return gettext(self.terms[code])


def _vocabulary(name: str, terms: dict[K, str]) -> Vocabulary[K]:
    return Vocabulary(name, MappingProxyType(terms))


BODY_KINDS = _vocabulary(
    "body_kind",
    {
        "ministry": _l("Ministry"),
        "fund": _l("Social-security fund"),
        "agency": _l("Agency"),
    },
)

DOMAINS = _vocabulary(
    "domain",
    {
        "labour": _l("Labour"),
        "employment": _l("Employment"),
        "social_security": _l("Social security"),
    },
)

AUDIENCES = _vocabulary(
    "audience",
    {
        "salaried": _l("Salaried workers"),
        "self_employed": _l("Self-employed workers"),
        "retiree": _l("Retirees"),
        "job_seeker": _l("Job seekers"),
        "employer": _l("Employers"),
        "abroad": _l("Algerians living abroad"),
        "union": _l("Trade unions and employers' organisations"),
    },
)

LIFE_EVENTS = _vocabulary(
    "life_event",
    {
        "having_a_child": _l("Having a child"),
        "falling_ill": _l("Falling ill or having an accident"),
        "retiring": _l("Retiring"),
        "losing_a_job": _l("Losing a job"),
        "looking_for_a_job": _l("Looking for a job"),
        "living_abroad": _l("Living abroad"),
        "starting_a_business": _l("Starting a business"),
        "hiring": _l("Hiring and employing staff"),
    },
)

MATURITY_LEVELS = _vocabulary(
    "maturity",
    {
        1: _l("Information"),
        2: _l("Downloadable form"),
        3: _l("Online submission"),
        4: _l("Fully online transaction"),
        5: _l("Proactive service"),
    },
)

# How a service is paid for. A fully online transaction (level 4 and above) takes its payment online too:
# a service that asks to pay elsewhere is at most at level 3, whatever it claims.
PAYMENT_OPTIONS = _vocabulary(
    "payment",
    {
        "none": _l("Nothing to pay"),
        "online": _l("Paid online"),
        "elsewhere": _l("Paid elsewhere, not online"),
    },
)
PAYMENT_ELSEWHERE = "elsewhere"
FULLY_ONLINE = 4  # the maturity level of a fully online transaction


def maturity_reached(maturity: int, payment: str) -> int:
    """The level a service really offers: a claim of a fully online transaction with payment elsewhere is
    an online submission (level 3)."""
    return FULLY_ONLINE - 1 if maturity >= FULLY_ONLINE and payment == PAYMENT_ELSEWHERE else maturity


STATUSES = _vocabulary(
    "status",
    {
        "planned": _l("Planned"),
        "in_development": _l("In development"),
        "pilot": _l("Pilot"),
        "live": _l("Live"),
        "retired": _l("Retired"),
    },
)

CHANNEL_KINDS = _vocabulary(
    "channel_kind",
    {
        "web": _l("Web platform"),
        "mobile": _l("Mobile app"),
        "portal": _l("Hosted on this portal"),
        "counter": _l("Counter"),
        "phone": _l("Telephone"),
    },
)

# The vocabularies whose terms are rows in the database (services refer to them).
TERM_VOCABULARIES: tuple[Vocabulary[str], ...] = (DOMAINS, AUDIENCES, LIFE_EVENTS)

# Every vocabulary by name, for templates and the API.
VOCABULARIES: Mapping[str, Vocabulary] = MappingProxyType(
    {
        vocabulary.name: vocabulary
        for vocabulary in (
            BODY_KINDS,
            DOMAINS,
            AUDIENCES,
            LIFE_EVENTS,
            MATURITY_LEVELS,
            PAYMENT_OPTIONS,
            STATUSES,
            CHANNEL_KINDS,
        )
    }
)
