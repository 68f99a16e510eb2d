"""Handling statuses of a dossier, and the default ones for services that declare none of their own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.i18n import Translated

# Text in every enabled locale, keyed by locale code ("ar", "fr", ...).
Localised = Mapping[str, str]


@dataclass(frozen=True)
class HandlingStatus:
    """A status of a dossier as the body handles it, with the message the applicant receives by default."""

    code: str
    labels: Localised
    messages: Localised  # the standard message sent to the applicant, in their language
    final: bool = False  # the dossier is closed
    asks_applicant: bool = False  # the applicant is asked to answer (text and documents)


RECEIVED = HandlingStatus(
    "received",
    Translated("Received"),
    Translated("Your dossier has been received; it will be examined as soon as possible. You can follow it at any "
               "time with its reference and your tracking code."),
)  # fmt: skip
IN_REVIEW = HandlingStatus(
    "in_review",
    Translated("Being examined"),
    Translated("Your dossier is being examined by the competent services."),
)
INFO_REQUESTED = HandlingStatus(
    "info_requested",
    Translated("Information requested"),
    Translated("The services need more information or documents to go on examining your dossier. Please answer "
               "from the tracking page."),
    asks_applicant=True,
)  # fmt: skip
DEFAULT_STATUSES: tuple[HandlingStatus, ...] = (
    RECEIVED,
    IN_REVIEW,
    INFO_REQUESTED,
    HandlingStatus("accepted", Translated("Accepted"), Translated("Your application has been accepted."), final=True),
    HandlingStatus(
        "rejected",
        Translated("Rejected"),
        Translated("We regret to inform you that your application could not be accepted."),
        final=True,
    ),
)
