"""CACOBATPH's connector: the employer's individual account (Tasrihatcom) and its annual declarations, and a worker's
paid leave."""

from __future__ import annotations

from portal.registry.toolkit import Answer, PersonLinking, require


class CacobatphConnector(PersonLinking):
    """CACOBATPH's system (``sandbox/funds/openapi/cacobatph.yaml``)."""

    def employer_account(self, employer: str) -> Answer:
        return require(self.transport.get(f"/employers/{employer}/account"), {"employer": dict, "years": list})

    def annual_declaration(self, employer: str, year: int) -> Answer:
        answer = self.transport.get(f"/employers/{employer}/declarations/{year}")
        return require(answer, {"employer": dict, "year": int, "workers": list})

    def employers_of(self, person: str) -> Answer:
        return require(self.transport.get(f"/persons/{person}/employers"), {"employers": list})

    def paid_leave(self, person: str) -> Answer:
        return require(self.transport.get(f"/persons/{person}/paid-leave"), {"periods": list})
