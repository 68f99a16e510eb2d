"""Arabic proclitics without the article (و ف ب ك ل, and و/ف before ب ك ل): "لعطلة" is "ل" + "عطلة".

A word that begins with those letters is often a word of its own ("بطاقة", "وثيقة", "فرع", "لجنة", "كفالة"),
so a proclitic is stripped only when what is left is a known word: a word of the index's vocabulary, or of
the text being indexed with it, at least three letters long and not a stopword, and the whole word is not in
the lexicon's ``whole_words`` (nouns of the sector whose rest happens to be a word too: "بطاقة", "طاقة").
Index and queries use the same rule, so "عطلة الأمومة" meets "لعطلة الأمومة" and "بعطلة الأمومة".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# Longest first: "وبعطلة" is "و" + "ب" + "عطلة".
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل")
SHORTEST_REST = 3


def rests(word: str) -> list[str]:
    """What is left of ``word`` after each proclitic it may begin with, longest proclitic first."""
    return [
        word[len(proclitic) :]
        for proclitic in PROCLITICS
        if word.startswith(proclitic) and len(word) - len(proclitic) >= SHORTEST_REST
    ]


def all_rests(words: Iterable[str]) -> set[str]:
    return {rest for word in words for rest in rests(word)}


def stripper(known: Callable[[str], bool], whole_words: frozenset[str]) -> Callable[[str], str]:
    """A function that strips a word's proclitic when what is left is ``known`` (see the module's docstring)."""

    def strip(word: str) -> str:
        if word in whole_words:
            return word
        return next((rest for rest in rests(word) if known(rest)), word)

    return strip
