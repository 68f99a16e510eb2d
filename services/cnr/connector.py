"""CNR's connector: the individual account of the active salaried worker (the career record)."""

from __future__ import annotations

from portal.registry.toolkit import Answer, PersonLinking, require


class CnrConnector(PersonLinking):
    """CNR's system: linking (the platform's interface) and the career record (``sandbox/funds/openapi/cnr.yaml``)."""

    def career(self, person: str) -> Answer:
        answer = self.transport.get(f"/persons/{person}/career")
        return require(answer, {"periods": list, "years": list, "gaps": list})
