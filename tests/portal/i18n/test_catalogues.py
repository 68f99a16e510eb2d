"""The ar and fr message catalogues are complete, current, and carry the right plural rules."""

from __future__ import annotations

import gettext
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.plural import to_python

from portal import PROJECT_ROOT

ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)
PYBABEL = str(Path(sys.executable).with_name("pybabel"))
CLDR_ORDER = ["zero", "one", "two", "few", "many", "other"]


def catalogue(locale: str) -> Catalog:
    with (PROJECT_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def source_messages(tmp_path: Path) -> set[str]:
    template = tmp_path / "messages.pot"
    arguments = ["-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l", "-o", str(template)]
    subprocess.run(
        [PYBABEL, "extract", *arguments, "portal", "services", "templates"],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        return {_key(message.id) for message in read_po(handle) if message.id}


def _key(message_id: str | Sequence[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_catalogue_is_complete_and_current(locale: str, tmp_path: Path) -> None:
    messages = {_key(message.id): message for message in catalogue(locale) if message.id}
    missing = source_messages(tmp_path) - set(messages)
    assert missing == set(), f"run `make messages` and translate: {sorted(missing)}"
    untranslated = [key for key, message in messages.items() if not all(_strings(message.string))]
    fuzzy = [key for key, message in messages.items() if message.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def _strings(value: str | Sequence[str] | None) -> Sequence[str]:
    assert value is not None
    return (value,) if isinstance(value, str) else value


def test_arabic_plural_forms_header_is_the_six_form_rule() -> None:
    ar = catalogue("ar")
    assert ar.plural_forms == ARABIC_PLURAL_FORMS
    assert all(message.string is not None and len(message.string) == 6 for message in ar if message.pluralizable)


def test_arabic_plural_rule_agrees_with_cldr() -> None:
    expression = ARABIC_PLURAL_FORMS.split("plural=")[1].rstrip(";")
    gettext_rule = gettext.c2py(expression)
    cldr_rule = to_python(Locale.parse("ar").plural_form)
    for n in range(1200):
        assert CLDR_ORDER[gettext_rule(n)] == cldr_rule(n), n
