"""CNAS's connector: the affiliation certificate, and the quarters of the voluntary affiliation abroad."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.registry.toolkit import Answer, PersonLinking, require


class CnasConnector(PersonLinking):
    """CNAS's system (``sandbox/funds/openapi/cnas.yaml``)."""

    def affiliation_certificate(self, person: str) -> Answer:
        answer = self.transport.get(f"/persons/{person}/affiliation")
        return require(answer, {"affiliated": bool, "since": str, "regime": str, "number": str})

    def contributions_due(self, person: str) -> Answer:
        return require(self.transport.get(f"/persons/{person}/quarters"), {"quarters": list, "due": (int, float)})

    def record_payment(self, person: str, payment: Mapping[str, Any], key: str) -> Answer:
        answer = self.transport.post(f"/persons/{person}/payments", payment, idempotency_key=key)
        return require(answer, {"id": str})

    def cancel_payment(self, person: str, cancellation: Mapping[str, Any], key: str) -> Answer:
        """A quarter's payment refunded: cancelled at the fund, the quarter due again."""
        answer = self.transport.post(f"/persons/{person}/payments/cancel", cancellation, idempotency_key=key)
        return require(answer, {"id": str, "cancelled": bool})
