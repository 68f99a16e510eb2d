"""The limit of the public check of a certificate: ``/<lang>/verify/<code>`` answers whether a code exists, so one
address tries only so many codes (``VERIFY_LIMIT``), counted in the platform's one store whichever worker answers."""

from __future__ import annotations

from flask import current_app

from portal.extensions import limiter


def _verify_limit() -> str:
    return str(current_app.config["VERIFY_LIMIT"])


verify_limit = limiter.shared_limit(_verify_limit, scope="certificate-checks")
