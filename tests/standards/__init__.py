"""Validation against the official standards in this folder (see README.md): CPSV-AP 3.2.0's SHACL shapes."""

from __future__ import annotations

import warnings
from collections import Counter
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

HERE = Path(__file__).parent


@cache
def _standard(name: str) -> Graph:
    return Graph().parse(HERE / name, format="turtle")


def parse_json_ld(text: str) -> Graph:
    """A JSON-LD document as RDF (rdflib's parser warns of its own use of a deprecated class: not ours to fix)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=text, format="json-ld")


def cpsv_ap_violations(data: Graph) -> tuple[Counter[str], str]:
    """The violations of CPSV-AP 3.2.0's shapes in ``data``, counted by shape and path, and pyshacl's report."""
    _, report, text = validate(
        data,
        shacl_graph=_standard("cpsv-ap-3.2.0-SHACL.ttl"),
        ont_graph=_standard("cpsv-ap-3.2.0.ttl"),
        inference="rdfs",
        advanced=True,
        allow_warnings=True,
    )
    assert isinstance(report, Graph)
    counts: Counter[str] = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) == SH.Violation:
            shape = str(report.value(result, SH.sourceShape)).rsplit("#", 1)[-1].split("/")[0]
            counts[f"{shape} {report.value(result, SH.resultPath)}"] += 1
    return counts, str(text)
