"""CASNOS's connector: the electronic retirement account of non-salaried workers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.registry.toolkit import Answer, PersonLinking, require


class CasnosConnector(PersonLinking):
    """CASNOS's system (``sandbox/funds/openapi/casnos.yaml``)."""

    def retirement_account(self, person: str) -> Answer:
        answer = self.transport.get(f"/persons/{person}/retirement-account")
        return require(answer, {"years": list, "arrears": (int, float)})

    def record_payment(self, person: str, payment: Mapping[str, Any], key: str) -> Answer:
        """A year of arrears paid online (``year``, ``amount``, ``paid_at``, ``receipt``)."""
        answer = self.transport.post(f"/persons/{person}/payments", payment, idempotency_key=key)
        return require(answer, {"id": str})

    def cancel_payment(self, person: str, cancellation: Mapping[str, Any], key: str) -> Answer:
        """A year's payment refunded: cancelled at the fund, the year owed again."""
        answer = self.transport.post(f"/persons/{person}/payments/cancel", cancellation, idempotency_key=key)
        return require(answer, {"id": str, "cancelled": bool})
