"""How much an address may upload: every route that takes files counts against one quota per address, in
megabytes, so that nobody fills the disk with files they never send (pending uploads are purged after a day)."""

from __future__ import annotations

from flask import current_app, request

from portal.extensions import limiter

MEBIBYTE = 1024 * 1024


def _quota() -> str:
    return str(current_app.config["UPLOAD_QUOTA"])


def _megabytes_sent() -> int:
    """The request's size in whole megabytes (one at least), which is what its files may cost on disk."""
    return max(1, (request.content_length or 0) // MEBIBYTE)


def _sends_no_file() -> bool:
    if request.mimetype == "multipart/form-data":
        return not any(file.filename for file in request.files.values())
    return not (request.is_json and (request.content_length or 0) > 0)


# Shared by the application form, the applicant's answers and the API: one counter per address.
upload_quota = limiter.shared_limit(_quota, scope="uploads", methods=["POST"], cost=_megabytes_sent,
                                    exempt_when=_sends_no_file)  # fmt: skip
