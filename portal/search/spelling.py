"""Near spellings ("maternitee", "تقاعود") corrected to a word of the index's vocabulary, on every database.

Only a word of 4 to 30 letters that no indexed word is (or, for the word being typed, begins with) is
corrected. Its candidates come from the vocabulary's deletion table (the typed word, its deletions and, from six
letters on, their deletions, looked up by key), then the closest by edit distance wins (adjacent swaps count as
one edit), the more frequent word on a tie: one edit up to five letters, two beyond.
"""

from __future__ import annotations

from portal.search import vocabulary
from portal.search.query import ParsedQuery
from portal.search.vocabulary import AnySession

SHORTEST_TYPED = 4  # "cnr", "ape": too short to guess what was meant
# Longer words are not corrected: no word of either language comes near ("anticonstitutionnellement" has 25
# letters), and a word's deletions within two edits grow with the square of its length (20,000 for 200 letters).
LONGEST_TYPED = 30
TWO_EDITS_FROM = 6


def corrections(session: AnySession, query: ParsedQuery) -> dict[str, str]:
    """Each unknown word of the query mapped to the word of the vocabulary it is closest to, when there is one."""
    candidates = [term for term in query.terms
                  if SHORTEST_TYPED <= len(term.word) <= LONGEST_TYPED and not term.word.isdigit()]  # fmt: skip
    known = vocabulary.frequencies(session, [term.word for term in candidates])
    found = {}
    for term in candidates:
        if term.word in known or (term.prefix and vocabulary.has_prefix(session, term.word)):
            continue
        closest = closest_word(session, term.word)
        if closest:
            found[term.word] = closest
    return found


def closest_word(session: AnySession, word: str) -> str | None:
    allowed = 2 if len(word) >= TWO_EDITS_FROM else 1
    keys = {word} | vocabulary.deletions(word)
    if allowed == 2:
        keys |= {twice for once in vocabulary.deletions(word) for twice in vocabulary.deletions(once)}
    scored = [
        (distance, -frequency, term)
        for term, frequency in vocabulary.neighbours(session, keys)
        if (distance := edit_distance(word, term)) <= allowed
    ]
    return min(scored)[2] if scored else None


def edit_distance(first: str, second: str) -> int:
    """Insertions, deletions, substitutions and swaps of adjacent letters (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, letter in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, 1):
            cost = letter != other
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == second[j - 2] and first[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
