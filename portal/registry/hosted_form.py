"""The contract of a hosted service: what a plugin declares so that the core can render, validate, store,
track and handle its dossiers. Everything here is data; the only code a plugin supplies is its marshmallow
schema (fields, and cross-field rules in ``@validates_schema``) and an optional estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema, ValidationError

from portal.i18n import current_locale
from portal.registry.handling_status import DEFAULT_STATUSES, HandlingStatus, Localised

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MEBIBYTE = 1024 * 1024
TYPE_NAMES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}
# Whether a hosted service needs a citizen's account (an anonymous visitor is sent to sign in, then back), allows one
# (the default: a signed-in applicant's dossier and drafts are their account's), or stays anonymous (a complaint may:
# nothing of the account is read nor recorded).
ACCOUNT_NEEDED, ACCOUNT_ALLOWED, ACCOUNT_NONE = "needs", "allows", "anonymous"
ACCOUNT_CHOICES = (ACCOUNT_NEEDED, ACCOUNT_ALLOWED, ACCOUNT_NONE)
# The profile's attributes a form may be prefilled from (see ``HostedForm.prefill``).
PROFILE_ATTRIBUTES = ("family_name_ar", "given_names_ar", "family_name_latin", "given_names_latin", "full_name_ar",
                      "full_name_latin", "nin", "nss", "birth_date", "phone", "email")  # fmt: skip


@dataclass(frozen=True)
class Document:
    """A document the applicant attaches: what kind, which types (checked from the content), how large."""

    kind: str  # a code, unique within the form
    labels: Localised
    help: Localised = field(default_factory=dict)
    types: tuple[str, ...] = (PDF, JPEG, PNG)
    max_bytes: int = 5 * MEBIBYTE
    required: bool = True
    max_files: int = 1

    @property
    def type_names(self) -> str:
        return ", ".join(TYPE_NAMES.get(kind, kind) for kind in self.types)

    @property
    def megabytes(self) -> str:
        return f"{self.max_bytes / MEBIBYTE:.2f}".rstrip("0").rstrip(".")  # 5, 12.5, 0.05


@dataclass(frozen=True)
class Step:
    """A group of the schema's fields shown together, as one step of the form."""

    code: str
    titles: Localised
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Exit:
    """A way out of the form for a person the service is not for (over an age, conditions not met): instead of
    "please correct the following", the core shows a page that says why, which rule and legal text decide it,
    and what the person can do instead. ``rules`` are the codes of the rules of the rule book that decide it
    (their value and legal text in force today are shown); ``legal`` a legal text for a condition no rule
    states. ``link`` leads to another service or the body's page, ``link_label`` names it. The schema leads to
    an exit by raising :class:`IneligibleError` from a cross-field rule."""

    code: str  # unique within the form
    titles: Localised
    why: Localised
    instead: Localised
    rules: tuple[str, ...] = ()
    legal: Localised = field(default_factory=dict)
    link: str = ""
    link_label: Localised = field(default_factory=dict)


class ExitNotice(str):
    """The message of an exit, in the applicant's language, that remembers which exit it names."""

    code: str

    def __new__(cls, exit_: Exit) -> ExitNotice:
        text = exit_.why.get(current_locale()) or next(iter(exit_.why.values()), "")
        notice = super().__new__(cls, text)
        notice.code = exit_.code
        return notice


class IneligibleError(ValidationError):
    """What a schema's cross-field rule raises when the answers lead to an exit:
    ``raise IneligibleError(TOO_OLD, "birth_date")``. Through the API, it reads as an error of ``field``."""

    def __init__(self, exit_: Exit, field_name: str) -> None:
        super().__init__([ExitNotice(exit_)], field_name=field_name)


def exit_in(errors: Mapping[str, list[str]]) -> str | None:
    """The code of the first exit the errors name, if any."""
    return next((message.code for messages in errors.values() for message in messages
                 if isinstance(message, ExitNotice)), None)  # fmt: skip


@dataclass(frozen=True)
class EstimateLine:
    """One step of a computation. ``code`` names the line for programs (the API, tests, a later version of the
    form), whatever its label says; it is unique within an estimate. The core formats ``value`` for the reader's
    language by its ``unit``: ``DZD`` (an amount in dinars), ``percent`` (a fraction: 0.25 reads 25 %), ``days``,
    ``date``, or none (text as is). ``detail`` says how it was found: the rule applied and its legal text (the
    rule's ``reference``, never its ``unconfirmed`` note, which is for the back office). ``indicative``: the line
    reads a value no official text confirms yet (``not applied.confirmed``); the citizen reads "indicative
    estimate" beside it."""

    code: str
    label: Localised
    value: Any
    unit: str = ""
    detail: Localised = field(default_factory=dict)
    indicative: bool = False


@dataclass(frozen=True)
class Estimate:
    """What the service computed from the answers, shown before submission and kept with the dossier."""

    lines: tuple[EstimateLine, ...]
    note: Localised = field(default_factory=dict)

    def __post_init__(self) -> None:
        codes = [line.code for line in self.lines]
        twice = sorted({code for code in codes if codes.count(code) > 1})
        if twice:
            raise ValueError(f"estimate line codes used more than once: {', '.join(twice)}")

    def line(self, code: str) -> EstimateLine:
        """The line named ``code`` (KeyError when there is none)."""
        found = next((line for line in self.lines if line.code == code), None)
        if found is None:
            raise KeyError(code)
        return found


@dataclass(frozen=True)
class HostedForm:
    """A hosted service's form. ``schema`` is a marshmallow schema whose fields carry ``label`` (and
    optionally ``help``, ``widget`` and ``choices``) in their metadata, in every locale: the fields of
    ``portal.registry.fields`` do so. ``steps`` group the fields; without steps, one step holds them all.

    ``anonymous_field`` names a boolean answer that, when true, lets the applicant leave no name and no
    contact (the plugin's schema decides when it may be true). ``estimate`` computes figures from valid
    answers, shown before submission. ``statuses`` are the handling statuses, the first one being the
    status of a new dossier and ``resumed`` the one a dossier returns to when the applicant answers.
    ``processing_days`` makes a dossier overdue when it is still open after that many days. ``rules`` are the
    codes of every rule the schema and the estimate read (the body's own or another body's, such as the
    minimum wage): the loader refuses a form that reads a rule no enabled body declares. ``estimate_labels``
    are the labels of the estimate's lines that do not depend on the answers, by line code, declared as data so
    that the loader checks them in every locale (the estimate's lines take their label from there). ``exits``
    are the ineligibility exits the schema may lead to (see :class:`Exit`).

    ``account`` says whether the service needs a citizen's account, allows one (the default) or stays anonymous
    (one of ``ACCOUNT_CHOICES``). ``prefill`` maps a field of the schema to the profile's attribute that fills it
    for a signed-in applicant (one of ``PROFILE_ATTRIBUTES``); the page says the value comes from the profile.
    ``prefill_locked`` names the prefilled fields the applicant may not change (the service takes the profile's
    value as it is); the others stay changeable.
    """

    schema: type[Schema]
    documents: tuple[Document, ...] = ()
    steps: tuple[Step, ...] = ()
    estimate: Callable[[Mapping[str, Any]], Estimate | None] | None = None
    anonymous_field: str | None = None
    statuses: tuple[HandlingStatus, ...] = DEFAULT_STATUSES
    resumed: str = "in_review"
    processing_days: int = 30
    submit_label: Localised = field(default_factory=dict)  # the last button, "Send" when not given
    rules: tuple[str, ...] = ()
    estimate_labels: Mapping[str, Localised] = field(default_factory=dict)
    exits: tuple[Exit, ...] = ()
    account: str = ACCOUNT_ALLOWED
    prefill: Mapping[str, str] = field(default_factory=dict)
    prefill_locked: tuple[str, ...] = ()

    def exit(self, code: str) -> Exit | None:
        return next((item for item in self.exits if item.code == code), None)

    def status(self, code: str) -> HandlingStatus | None:
        return next((status for status in self.statuses if status.code == code), None)

    def document(self, kind: str) -> Document | None:
        return next((document for document in self.documents if document.kind == kind), None)


def status_label(form: HostedForm | None, code: str, locale: str) -> str:
    """A status's name in ``locale``; the code itself when the service no longer declares it (or its form)."""
    status = form.status(code) if form else None
    return status.labels.get(locale, code) if status else code


def standard_message(form: HostedForm | None, code: str, locale: str) -> str:
    """What the applicant is told when an agent gives a status without writing a message of their own."""
    status = form.status(code) if form else None
    return status.messages.get(locale, "") if status else ""
