"""The test fund's connector: linking, a career record and a payment, spoken to the sandbox's CNR interface (the
tests point the test fund at ``<sandbox>/cnr/v1``), declared only through the toolkit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.registry.toolkit import Answer, PersonLinking, require


class DemoConnector(PersonLinking):
    def career(self, person: str) -> Answer:
        answer = self.transport.get(f"/persons/{person}/career")
        return require(answer, {"periods": list, "years": list, "gaps": list})

    def record_payment(self, person: str, payment: Mapping[str, Any], key: str) -> Answer:
        return require(self.transport.post(f"/persons/{person}/payments", payment, idempotency_key=key), {"id": str})
