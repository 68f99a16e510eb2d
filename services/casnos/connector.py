"""CASNOS's connector: the electronic retirement account of non-salaried workers."""

from __future__ import annotations

from portal.registry.toolkit import Answer, PersonLinking, require


class CasnosConnector(PersonLinking):
    """CASNOS's system (``sandbox/funds/openapi/casnos.yaml``)."""

    def retirement_account(self, person: str) -> Answer:
        answer = self.transport.get(f"/persons/{person}/retirement-account")
        return require(answer, {"years": list, "arrears": (int, float)})
