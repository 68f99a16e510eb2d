"""The limits of the applicants' routes, each one count per address whichever door a request comes through.

Tracking codes: the tracking form (``POST /<lang>/track``) and the API (``GET /api/v1/dossiers/<reference>``)
add to one count; two would give whoever guesses codes twice the tries. Uploads: the application form, the
applicant's answers and the API add the megabytes they send to one quota, so that nobody fills the disk with
files they never send (pending uploads are purged after a day). Drafts: each new application keeps its answers
on the server for a day, so an address starts only so many (``DRAFT_QUOTA``). Acknowledgements: each PDF is drawn
anew, so an address draws only so many (``ACKNOWLEDGEMENT_LIMIT``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, request

from portal.extensions import limiter

TRACKING_LIMIT = "10 per minute"
TRACKING_SCOPE = "tracking"  # one counter for every route that tries a code


def tracking_limit(*methods: str) -> Callable[[Any], Any]:
    """The decorator of a route where someone tries a tracking code (``methods``: the ones that try it)."""
    return limiter.shared_limit(TRACKING_LIMIT, scope=TRACKING_SCOPE, methods=list(methods) or None)


MEBIBYTE = 1024 * 1024


def _quota() -> str:
    return str(current_app.config["UPLOAD_QUOTA"])


def _megabytes_sent() -> int:
    """The request's size in whole megabytes (one at least), which is what its files may cost on disk; a body sent
    in chunks, whose size is not announced, counts as the largest request the platform reads."""
    size = request.content_length
    return max(1, (size if size is not None else current_app.config["MAX_CONTENT_LENGTH"]) // MEBIBYTE)


def _sends_no_file() -> bool:
    if request.mimetype == "multipart/form-data":
        return not any(file.filename for file in request.files.values())
    return not request.is_json or request.content_length == 0


# Shared by the application form, the applicant's answers and the API: one counter per address.
upload_quota = limiter.shared_limit(_quota, scope="uploads", methods=["POST"], cost=_megabytes_sent,
                                    exempt_when=_sends_no_file)  # fmt: skip


def _draft_quota() -> str:
    return str(current_app.config["DRAFT_QUOTA"])


# The new applications of hosted forms (each a draft on the server), one counter per address.
draft_quota = limiter.shared_limit(_draft_quota, scope="drafts")


def _acknowledgement_limit() -> str:
    return str(current_app.config["ACKNOWLEDGEMENT_LIMIT"])


# Acknowledgements drawn as PDFs (about half a second of the server each), one counter per address.
acknowledgement_limit = limiter.shared_limit(_acknowledgement_limit, scope="acknowledgements")
