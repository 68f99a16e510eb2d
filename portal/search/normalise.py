"""The same normalisation at index time and at query time, so that spelling variants meet.

Arabic: strip harakat and tatweel, fold the hamza forms of alef, ta marbuta and alef maqsura, turn
Arabic-Indic digits into Latin ones, and strip the article with the proclitics before it (ال, وال, بال,
كال, فال, لل, وبال, ولل, فبال, فلل) but never a bare proclitic: whether "بطاقة" is "ب" + "طاقة" is decided against the
index's vocabulary (``portal.search.proclitics``). French: strip accents, unfold ligatures, casefold.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # marks, and tatweel
FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "œ": "oe",
        "æ": "ae",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Eastern Arabic-Indic
    }
)
# Longest first, so that "وال" is stripped whole and not as "و" + "ال".
ARTICLES = ("وبال", "فبال", "ولل", "فلل", "وال", "بال", "كال", "فال", "لل", "ال")
WORD = re.compile(r"\w+")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def normalise_text(text: str) -> str:
    """Fold a text for matching; the words stay in order, separated by single spaces."""
    return " ".join(normalise_words(text))


def normalise_words(text: str) -> list[str]:
    """The text's words, each normalised (see the module's docstring)."""
    folded = _strip_accents(HARAKAT.sub("", text).casefold().translate(FOLD))
    return [_strip_article(word) for word in WORD.findall(folded)]


@lru_cache(maxsize=1 << 16)
def normalise_word(word: str) -> str:
    """One word normalised (remembered: the words of the titles and summaries a result page highlights recur)."""
    words = normalise_words(word)
    return words[0] if words else ""


def _strip_accents(text: str) -> str:
    """Remove Latin combining accents; Arabic marks are already gone and Arabic letters are kept whole."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def _strip_article(word: str) -> str:
    if not ARABIC_LETTER.match(word):
        return word
    for article in ARTICLES:
        # What is left must still look like a word: "والدة" (mother) is not "و" + "ال" + "دة".
        if word.startswith(article) and len(word) - len(article) >= min(len(article), 3):
            return word[len(article) :]
    return word
