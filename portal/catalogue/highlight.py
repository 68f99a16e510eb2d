"""Mark the words of a text that the search matched, comparing normalised forms."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from portal.search.normalise import normalise_word
from portal.search.proclitics import rests

WORD = re.compile(r"\w+")


def highlight(text: str, words: Sequence[str]) -> Markup:
    """Escape ``text`` and wrap in ``<mark>`` each word whose normalised form (or what is left of it after an
    Arabic proclitic, as the index may store it) starts with a matched word."""
    if not words or not text:
        return escape(text)
    wanted = tuple(word for word in words if word)
    parts: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        word = normalise_word(match.group())
        if word.startswith(wanted) or any(rest.startswith(wanted) for rest in rests(word)):
            parts.append(escape(text[last : match.start()]))
            parts.append(Markup("<mark>%s</mark>") % match.group())
            last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def suggestion(typed: str, corrected: Mapping[str, str], texts: Sequence[str]) -> str:
    """What was typed with each corrected word replaced by the word searched instead, as ``texts`` spell it
    (with its accents and its ة) when one of them holds it."""
    spelt: dict[str, str] = {}
    for word in (word for text in texts for word in WORD.findall(text)):
        term = normalise_word(word)
        bare = word[-len(term) :]  # "والتقاعد" is shown as "تقاعد", the word searched
        spelt.setdefault(term, bare if normalise_word(bare) == term else word)
    return WORD.sub(lambda match: _respelt(match.group(), corrected, spelt), typed)


def _respelt(word: str, corrected: Mapping[str, str], spelt: Mapping[str, str]) -> str:
    meant = corrected.get(normalise_word(word))
    return word if meant is None else spelt.get(meant, meant)
