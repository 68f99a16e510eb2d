"""The filters of the browse page as a person reads them: titles, labels and counts, in a stable order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.catalogue.browse import FACETS, Filters, Result
from portal.registry.spec import BodySpec
from portal.registry.vocabulary import VOCABULARIES

TITLES: dict[str, LazyString] = {
    "body": _l("Body"),
    "domain": _l("Domain"),
    "audience": _l("For whom"),
    "life_event": _l("Life event"),
    "channel": _l("Where to use it"),
    "maturity": _l("Level of service"),
    "status": _l("Status"),
}
VOCABULARY_OF = {"domain": "domain", "audience": "audience", "life_event": "life_event",
                 "channel": "channel_kind", "maturity": "maturity", "status": "status"}  # fmt: skip


@dataclass(frozen=True)
class Option:
    value: str | int
    label: str
    count: int
    selected: bool


def facet_options(
    result: Result, filters: Filters, bodies: Sequence[BodySpec], locale: str
) -> list[tuple[str, list[Option]]]:
    """Each facet with the values that have services or are chosen, in the vocabulary's order."""
    facets = []
    for facet in FACETS:
        counts = {item.value: item.count for item in result.facets.get(facet, [])}
        chosen = set(getattr(filters, facet))
        if facet == "body":
            labelled = [(body.code, body.names[locale]) for body in bodies]
        else:
            vocabulary = VOCABULARIES[VOCABULARY_OF[facet]]
            labelled = [(code, vocabulary.label(code)) for code in vocabulary]
        options = [
            Option(code, label, counts.get(code, 0), code in chosen)
            for code, label in labelled
            if counts.get(code) or code in chosen
        ]
        facets.append((facet, options))
    return facets
