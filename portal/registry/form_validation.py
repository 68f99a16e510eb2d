"""The rules a hosted form must satisfy, checked when the plugins load: each problem says where it is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import Schema, fields

from portal.i18n import Translated
from portal.registry.hosted_form import ACCOUNT_CHOICES, ACCOUNT_NONE, JPEG, PDF, PNG, PROFILE_ATTRIBUTES, HostedForm

Problem = tuple[str, str]  # (where in the form, what is wrong)


def _texts(where: str, texts: Any, locales: Sequence[str]) -> list[Problem]:
    if isinstance(texts, Translated):  # the core's own text: its catalogues translate it
        return []
    if not isinstance(texts, Mapping):
        return [(where, "must map each locale to a text")]
    return [(where, f"missing {locale!r} translation") for locale in locales
            if not isinstance(texts.get(locale), str) or not texts[locale].strip()]  # fmt: skip


def _optional_texts(where: str, texts: Any, locales: Sequence[str]) -> list[Problem]:
    """A text a plugin may leave out (a help, a button's label): none at all, or one in every locale."""
    if isinstance(texts, Mapping) and not any(isinstance(text, str) and text.strip() for text in texts.values()):
        return []
    return _texts(where, texts, locales)


def form_problems(form: HostedForm, locales: Sequence[str]) -> list[Problem]:
    if not (isinstance(form.schema, type) and issubclass(form.schema, Schema)):
        return [(".schema", "must be a marshmallow Schema class")]
    schema_fields = form.schema().fields
    problems: list[Problem] = []
    for name, item in schema_fields.items():
        problems += _field_texts(f".schema.{name}", item.metadata, locales)
    problems += _steps(form, set(schema_fields), locales)
    problems += _documents(form, locales)
    problems += _statuses(form, locales)
    problems += _exits(form, locales)
    problems += _optional_texts(".submit_label", form.submit_label, locales)
    for code, labels in form.estimate_labels.items():
        problems += _texts(f".estimate_labels.{code}", labels, locales)
    if form.anonymous_field is not None and not isinstance(schema_fields.get(form.anonymous_field), fields.Boolean):
        problems.append((".anonymous_field", f"{form.anonymous_field!r} is not a boolean field of the schema"))
    return problems + _account(form, set(schema_fields))


def _account(form: HostedForm, names: set[str]) -> list[Problem]:
    """The account the service asks for, and the fields it prefills from the profile."""
    if form.account not in ACCOUNT_CHOICES:
        return [(".account", f"{form.account!r} is not one of {', '.join(ACCOUNT_CHOICES)}")]
    if form.account == ACCOUNT_NONE and (form.prefill or form.prefill_locked):
        return [(".prefill", "an anonymous service reads no profile")]
    problems = [(f".prefill.{name}", "is not a field of the schema") for name in form.prefill if name not in names]
    problems += [(f".prefill.{name}", f"{attribute!r} is not an attribute of the profile")
                 for name, attribute in form.prefill.items() if attribute not in PROFILE_ATTRIBUTES]  # fmt: skip
    problems += [(".prefill_locked", f"{name!r} is not prefilled") for name in form.prefill_locked
                 if name not in form.prefill]  # fmt: skip
    return problems


def _field_texts(where: str, metadata: Mapping[str, Any], locales: Sequence[str]) -> list[Problem]:
    """A field's label, its help when it has one, its choices' and its table columns' labels."""
    problems = _texts(f"{where}.label", metadata.get("label"), locales)
    problems += _optional_texts(f"{where}.help", metadata.get("help", {}), locales)
    for kind in ("choices", "columns"):
        for code, labels in metadata.get(kind, {}).items():
            problems += _texts(f"{where}.{kind}.{code}", labels, locales)
    entries = metadata.get("entries")
    if entries:
        problems += [(f"{where}.entries", f"no 'other' form with {{count}} in {locale!r}") for locale in locales
                     if "{count}" not in entries.get(locale, {}).get("other", "")]  # fmt: skip
    return problems


def _steps(form: HostedForm, names: set[str], locales: Sequence[str]) -> list[Problem]:
    if not form.steps:
        return []
    problems = [found for step in form.steps for found in _texts(f".steps.{step.code}.titles", step.titles, locales)]
    placed = [name for step in form.steps for name in step.fields]
    problems += [(".steps", f"field {name!r} is not in the schema") for name in placed if name not in names]
    problems += [(".steps", f"field {name!r} is in no step") for name in sorted(names - set(placed))]
    problems += [(".steps", f"field {name!r} is in several steps") for name in sorted(set(placed))
                 if placed.count(name) > 1]  # fmt: skip
    return problems


def _documents(form: HostedForm, locales: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    kinds = [document.kind for document in form.documents]
    problems += [
        (".documents", f"kind {kind!r} is declared twice") for kind in sorted(set(kinds)) if kinds.count(kind) > 1
    ]
    for document in form.documents:
        where = f".documents.{document.kind}"
        problems += _texts(f"{where}.labels", document.labels, locales)
        problems += _optional_texts(f"{where}.help", document.help, locales)
        if not document.types or not set(document.types) <= {PDF, JPEG, PNG}:
            problems.append((f"{where}.types", "must be among application/pdf, image/jpeg, image/png"))
        if document.max_bytes <= 0 or document.max_files < 1:
            problems.append((where, "max_bytes and max_files must be positive"))
    return problems


def _statuses(form: HostedForm, locales: Sequence[str]) -> list[Problem]:
    codes = [status.code for status in form.statuses]
    problems: list[Problem] = [(".statuses", f"status {code!r} is declared twice")
                               for code in sorted(set(codes)) if codes.count(code) > 1]  # fmt: skip
    if not form.statuses or form.statuses[0].final:
        problems.append((".statuses", "the first status, a new dossier's, must not be final"))
    if form.resumed not in codes:
        problems.append((".resumed", f"{form.resumed!r} is not one of the statuses"))
    for status in form.statuses:
        problems += _texts(f".statuses.{status.code}.labels", status.labels, locales)
        problems += _texts(f".statuses.{status.code}.messages", status.messages, locales)
    return problems


def _exits(form: HostedForm, locales: Sequence[str]) -> list[Problem]:
    """Each exit's texts in every locale, its code once, its rule one the form declares it reads."""
    codes = [item.code for item in form.exits]
    problems: list[Problem] = [(".exits", f"exit {code!r} is declared twice")
                               for code in sorted(set(codes)) if codes.count(code) > 1]  # fmt: skip
    for item in form.exits:
        where = f".exits.{item.code}"
        for name in ("titles", "why", "instead"):
            problems += _texts(f"{where}.{name}", getattr(item, name), locales)
        problems += _optional_texts(f"{where}.legal", item.legal, locales)
        if item.link:
            problems += _texts(f"{where}.link_label", item.link_label, locales)
        problems += [(f"{where}.rules", f"{code!r} is not among the form's rules") for code in item.rules
                     if code not in form.rules]  # fmt: skip
        if not item.rules and not item.legal:
            problems.append((where, "name the rule or the legal text that decides it"))
    return problems
