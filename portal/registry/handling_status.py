"""Handling statuses of a dossier, and the default ones for services that declare none of their own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
    {"ar": "تم الاستلام", "fr": "Reçu"},
    {
        "ar": "تم استلام ملفكم، وستتم دراسته في أقرب الآجال. يمكنكم متابعته في أي وقت بمرجعه ورمز المتابعة.",
        "fr": "Votre dossier a bien été reçu ; il sera examiné dans les meilleurs délais. Vous pouvez le suivre "
        "à tout moment avec sa référence et votre code de suivi.",
    },
)
IN_REVIEW = HandlingStatus(
    "in_review",
    {"ar": "قيد الدراسة", "fr": "En cours d'examen"},
    {
        "ar": "ملفكم قيد الدراسة لدى المصالح المختصة.",
        "fr": "Votre dossier est en cours d'examen par les services compétents.",
    },
)
INFO_REQUESTED = HandlingStatus(
    "info_requested",
    {"ar": "في انتظار معلومات إضافية", "fr": "Complément demandé"},
    {
        "ar": "تحتاج المصالح المختصة إلى معلومات أو وثائق إضافية لمواصلة دراسة ملفكم. يرجى الرد من صفحة المتابعة.",
        "fr": "Les services ont besoin d'informations ou de documents complémentaires pour poursuivre l'examen de "
        "votre dossier. Merci de répondre depuis la page de suivi.",
    },
    asks_applicant=True,
)
DEFAULT_STATUSES: tuple[HandlingStatus, ...] = (
    RECEIVED,
    IN_REVIEW,
    INFO_REQUESTED,
    HandlingStatus(
        "accepted",
        {"ar": "مقبول", "fr": "Accepté"},
        {"ar": "تم قبول طلبكم.", "fr": "Votre demande a été acceptée."},
        final=True,
    ),
    HandlingStatus(
        "rejected",
        {"ar": "مرفوض", "fr": "Refusé"},
        {
            "ar": "نأسف لإعلامكم بأنه تعذر قبول طلبكم.",
            "fr": "Nous regrettons de vous informer que votre demande n'a pas pu être acceptée.",
        },
        final=True,
    ),
)
