"""The breaker of one fund: open after so many failures in a row, one trial call after its pause, closed again by a
success; another fund is not affected."""

from __future__ import annotations

import time

from portal.connectors.breaker import Breakers
from tests.conftest import AppFactory


def test_the_breaker_opens_lets_one_trial_through_and_closes(make_app: AppFactory) -> None:
    app = make_app(CONNECTOR_BREAKER_FAILURES=2, CONNECTOR_BREAKER_SECONDS=0.2)
    breakers = Breakers()
    with app.app_context():
        for _failure in range(2):
            assert breakers.allows("cnr")
            breakers.failed("cnr")
        assert not breakers.allows("cnr") and breakers.is_open("cnr")
        assert breakers.allows("cnas")  # each fund its own
        time.sleep(0.25)
        assert breakers.allows("cnr")  # the one trial
        assert not breakers.allows("cnr")  # while it runs, no other call
        breakers.failed("cnr")
        assert not breakers.allows("cnr")  # open again for a pause
        time.sleep(0.25)
        assert breakers.allows("cnr")
        breakers.succeeded("cnr")
        assert breakers.allows("cnr") and breakers.allows("cnr") and not breakers.is_open("cnr")
