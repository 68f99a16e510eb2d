"""Mark the words of a text that the search matched, comparing normalised forms."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

from portal.search.normalise import normalise_word

WORD = re.compile(r"\w+")


def highlight(text: str, words: Sequence[str]) -> Markup:
    """Escape ``text`` and wrap in ``<mark>`` each word whose normalised form starts with a matched word."""
    if not words or not text:
        return escape(text)
    wanted = tuple(word for word in words if word)
    parts: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        if normalise_word(match.group()).startswith(wanted):
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
