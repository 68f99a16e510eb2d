"""One count of attempts at dossiers' tracking codes per address, whichever door they come through: the tracking
form (``POST /<lang>/track``) or the API (``GET /api/v1/dossiers/<reference>``). Two counts would give whoever
guesses codes twice the tries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portal.extensions import limiter

TRACKING_LIMIT = "10 per minute"
# The scope the tracking form's own limit counts under (a route's limit counts under its endpoint), so that the
# API's limit, shared under the same scope and keyed by the same address, adds to the same counter.
TRACKING_SCOPE = "dossiers.track_form"


def tracking_limit(*methods: str) -> Callable[[Any], Any]:
    """The decorator of a route where someone tries a tracking code (``methods``: the ones that try it)."""
    return limiter.shared_limit(TRACKING_LIMIT, scope=TRACKING_SCOPE, methods=list(methods) or None)
