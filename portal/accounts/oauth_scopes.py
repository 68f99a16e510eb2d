"""The scopes an app may ask of a citizen: what each lets it do, said to the developer (in the OpenAPI document)
and to the citizen (on the consent page, in their language)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

PROFILE, DOSSIERS_READ, DOSSIERS_WRITE = "profile", "dossiers:read", "dossiers:write"


@dataclass(frozen=True)
class Scope:
    name: str
    doc: str  # for the app's developers
    consent: LazyString  # for the citizen asked to allow it


SCOPES = {
    scope.name: scope
    for scope in (
        Scope(PROFILE, "Read the citizen's profile: names, NIN, NSS, date of birth, contact, language, each with "
              "its provenance.",
              _l("See your profile: your names, your identification and social security numbers, your date of "
                 "birth, your email address, your telephone number and your language.")),
        Scope(DOSSIERS_READ, "Read the citizen's dossiers: status, what is expected of them, the bodies' messages "
              "and their answers, the documents' names and sizes (not their content).",
              _l("See your dossiers: their status, the messages of the bodies and your answers, and the list of "
                 "your documents (not their content).")),
        Scope(DOSSIERS_WRITE, "Answer, in the citizen's name, a body that waits for their answer in a dossier.",
              _l("Answer in your name a body that waits for your answer in one of your dossiers.")),
    )
}  # fmt: skip
