"""Configuration: defaults, then ``PORTAL_*`` environment variables, then the caller's override."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The value shipped in the defaults: a production start refuses it.
DEFAULT_SECRET_KEY = "dev-not-secret"  # noqa: S105 - a known placeholder, refused in production

DEFAULTS: dict[str, Any] = {
    "ENV": "production",
    "SECRET_KEY": DEFAULT_SECRET_KEY,
    "LOCALES": ["ar", "fr"],
    "DEFAULT_LOCALE": "ar",
    # Babel locale used for dates and numbers, per URL locale; a locale absent here
    # uses "<locale>_DZ" when Babel knows it, else the bare locale.
    "FORMAT_LOCALES": {"ar": "ar_DZ", "fr": "fr_DZ"},
    "BABEL_DEFAULT_TIMEZONE": "Africa/Algiers",  # every time shown is Algeria's; stored times are UTC
    "CLOCK_24_HOURS": ["fr"],  # languages whose times are written 13:05, not 1:05 PM
    "ENABLED_BODIES": None,  # None: every installed body plugin
    "SQLALCHEMY_DATABASE_URI": None,  # None: SQLite in the instance folder
    # Certificates: the platform's Ed25519 signing key (a PEM file; None: no certificate is issued) and the folder
    # of the retired keys' public halves, which keep checking what they signed (None: instance/certificate_keys).
    "CERTIFICATE_KEY_FILE": None,
    "CERTIFICATE_PUBLIC_KEYS": None,
    # Certificates one account may issue (each reads the fund live and signs a PDF), and checks of a code at
    # /verify/<code> from one address (public: codes must not be tried by the thousand).
    "CERTIFICATE_LIMIT": "10 per hour; 30 per day",
    "VERIFY_LIMIT": "30 per minute; 300 per day",
    "BABEL_TRANSLATION_DIRECTORIES": None,  # None: <project>/translations
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": None,  # None: secure in production
    # Back-office sessions end after this many minutes without a request, and this many hours after sign-in.
    "BACKOFFICE_IDLE_MINUTES": 30,
    "BACKOFFICE_MAX_HOURS": 12,
    # Citizens' sessions end after this many minutes without a request, and this many hours after sign-in.
    "ACCOUNT_IDLE_MINUTES": 60,
    "ACCOUNT_MAX_HOURS": 12,
    # Messages with a code (sign-up, new password) one address or number may be sent.
    "ACCOUNT_MESSAGE_LIMIT": "3 per 15 minutes; 10 per day",
    "TODAY": "",  # an ISO date fixes the platform's day (demonstrations, tests); empty: the real day in Algiers
    "PASSWORD_HASH_METHOD": "scrypt",  # Werkzeug's method and cost; the tests choose a cheaper one
    # The canonical address: every absolute URL (sitemap, feeds, emails) is built from it, never from the Host.
    "BASE_URL": "http://127.0.0.1:8000",
    "ALLOWED_HOSTS": [],  # other host names served (the canonical one always is); ".example.dz": its subdomains
    "PROXY_COUNT": 0,  # reverse proxies in front whose X-Forwarded-For/-Proto are trusted (0: none)
    # Throttles (sign-in, tracking) count in one store shared by every worker and host: RATELIMIT_STORAGE_URI
    # when set, else Redis at REDIS_URL when set, else the platform's own database (see portal.rate_limits).
    "REDIS_URL": None,
    "RATELIMIT_STORAGE_URI": None,
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,  # the store unreachable: count in the worker until it is back
    "CACHE_MAX_AGE": 300,  # seconds a browser or a proxy may reuse an anonymous page
    "PAGE_CACHE_SIZE": 1000,  # rendered pages each worker keeps
    "PAGE_CACHE_BYTES": 8 * 1024 * 1024,  # and their bodies' bytes at most (a page over an eighth is not kept)
    "CATALOGUE_VERSION_TTL": 2.0,  # seconds a worker trusts its last reading of the catalogue's version
    # The open-data files (the catalogue as CSV and JSON-LD, the sitemap): where they are written (None:
    # instance/open-data; shared by every web host, as the uploads are), the catalogue's size up to which a
    # request writes them itself when they are out of date (above it, a job does, and the last files are served
    # meanwhile), and the addresses per sitemap file (the protocol's limit is 50,000; above, sitemap.xml is an index).
    "OPEN_DATA_FOLDER": None,
    "OPEN_DATA_INLINE_SERVICES": 2000,
    "SITEMAP_URLS_PER_FILE": 50000,
    # Hosted services: uploaded documents (None: instance/uploads), the largest request, and SMTP for emails
    # to applicants (no MAIL_SERVER: the emails stay in the outbox, which administrators read).
    "UPLOAD_FOLDER": None,
    "MAX_CONTENT_LENGTH": 40 * 1024 * 1024,
    # Megabytes of files one address may send (forms, answers, API): a form's files are 15 MB at most.
    "UPLOAD_QUOTA": "100 per hour; 300 per day",
    # New applications of hosted forms one address may start (each keeps its answers on the server for a day).
    "DRAFT_QUOTA": "60 per hour; 300 per day",
    # A form saved by a signed-in citizen waits this many days after its last change, and its owner is warned by
    # email (or text message) this many days before it is deleted with its files.
    "DRAFT_DAYS": 30,
    "DRAFT_WARNING_DAYS": 3,
    # Acknowledgements of receipt one address may download as PDFs (each is drawn anew, in about half a second).
    "ACKNOWLEDGEMENT_LIMIT": "10 per minute; 60 per hour",
    # Background jobs (see portal.jobs): the broker that wakes the workers (None: Redis at REDIS_URL when set,
    # else the platform's PostgreSQL, else a SQLite file beside the database), how long a worker may run a job
    # before it is presumed dead, and the retries: waits doubled from JOB_RETRY_DELAY up to JOB_RETRY_MAX_DELAY
    # seconds, then the job stops after JOB_MAX_ATTEMPTS attempts and waits for an administrator.
    "JOBS_BROKER": None,
    "JOB_LEASE_SECONDS": 300,  # above the longest job: an SMTP exchange of ~13 steps of 10 s, a 60-s scan
    "JOB_RETRY_DELAY": 30.0,
    "JOB_RETRY_MAX_DELAY": 3600.0,
    "JOB_MAX_ATTEMPTS": 12,
    "JOB_KEEP_DAYS": 30,  # done jobs are deleted after this many days
    # The antivirus (see portal.dossiers.antivirus): clamd's address, "127.0.0.1:3310" or the path of its Unix socket
    # ("/run/clamav/clamd.ctl"), and how long a scan may take; None: no antivirus, documents are marked "not
    # scanned" and agents may open them (a development machine; production sets it). Infected files are moved to
    # QUARANTINE_FOLDER (None: "quarantine" beside the uploads' folder).
    "CLAMD_ADDRESS": None,
    "CLAMD_TIMEOUT": 60.0,
    "QUARANTINE_FOLDER": None,
    # Text messages (see portal.dossiers.sms): the import path of the gateway's class (None: they stay in the outbox).
    "SMS_GATEWAY": None,
    # Sign-in with the national identity provider by OpenID Connect (see portal.accounts.identity): its issuer (found
    # by discovery; None: no such sign-in, no button), the platform's client there (the secret from
    # PORTAL_OIDC_CLIENT_SECRET_FILE, never the repository), the scopes asked, which claim holds each attribute of the
    # profile, and how long a request to it may take.
    "OIDC_ISSUER": None,
    "OIDC_CLIENT_ID": "",
    "OIDC_CLIENT_SECRET": "",
    "OIDC_SCOPES": "openid profile email phone national_id",
    "OIDC_CLAIMS": {
        "nin": "nin",
        "family_name_ar": "family_name_ar",
        "given_names_ar": "given_name_ar",
        "family_name_latin": "family_name",
        "given_names_latin": "given_name",
        "birth_date": "birthdate",
        "email": "email",
        "phone": "phone_number",
    },
    "OIDC_TIMEOUT": 5.0,
    "OIDC_DEMO": False,  # the button says "(demo)": `make run`'s provider of sandbox/oidc
    "OIDC_LEEWAY": 60,  # seconds of clock difference allowed when the ID token's times are checked
    # The funds' mobile apps (OAuth 2, see portal.accounts.oauth_server): how long an access token lasts (seconds),
    # and a refresh token after its last use (days).
    "OAUTH_ACCESS_TOKEN_SECONDS": 600,
    "OAUTH_REFRESH_TOKEN_DAYS": 30,
    # The funds' systems (see portal.connectors): each fund's address (FUND_URLS, "cnr=https://...,cnas=..." in the
    # environment), else FUNDS_BASE_URL/<fund>/v1 (the sandbox of sandbox/funds, on 127.0.0.1:8020 under `make run`);
    # a fund with neither is not called. A call, its retries included, takes CONNECTOR_TIMEOUT seconds at most; a
    # read is tried CONNECTOR_READ_ATTEMPTS times, waiting CONNECTOR_RETRY_DELAY seconds doubled each time; after
    # CONNECTOR_BREAKER_FAILURES failed calls in a row a fund is left alone for CONNECTOR_BREAKER_SECONDS.
    "FUND_URLS": {},
    "FUNDS_BASE_URL": None,
    "CONNECTOR_TIMEOUT": 3.0,
    "CONNECTOR_READ_ATTEMPTS": 3,
    "CONNECTOR_RETRY_DELAY": 0.2,
    "CONNECTOR_BREAKER_FAILURES": 5,
    "CONNECTOR_BREAKER_SECONDS": 30.0,
    # Reports of a missing period of the career one account may start (each reads the fund and keeps a draft).
    "MISSING_PERIOD_LIMIT": "5 per hour; 20 per day",
    # Online payment (portal.payments.gateways): the gateway of each "<body>/<purpose>", "<body>" or "*", and each
    # gateway's "url=...,user=...,password_file=...,terminal=..." (the password from a file, never the repository).
    "PAYMENT_ROUTES": {"*": "satim", "cnas/quarters-visa": "bdl_visa"},  # Visa from abroad: BDL
    "PAYMENT_SATIM": {},
    "PAYMENT_BDL_VISA": {},
    "PAYMENT_POLL_INTERVAL": 2.0,  # the least seconds between two status checks of a payment (the page's polls)
    "PAYMENT_TIMEOUT": 10.0,  # seconds to wait for a gateway's answer; a confirmation that times out is re-checked
    "PAYMENT_RECONCILE_BATCH": 500,  # payments (or listed orders) the reconciliation reads at a time
    # A refund above this many centimes needs a second person's approval (50 000 DZD).
    "PAYMENT_REFUND_APPROVAL_ABOVE": 5_000_000,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SENDER": "no-reply@e-services.mtess.gov.dz",
}

# Settings that are lists in Python and comma-separated in the environment.
LIST_SETTINGS = frozenset({"LOCALES", "ENABLED_BODIES", "ALLOWED_HOSTS"})
BOOL_SETTINGS = frozenset(
    {"TESTING", "DEBUG", "SESSION_COOKIE_SECURE", "MAIL_USE_TLS", "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", "OIDC_DEMO"}
)
INT_SETTINGS = frozenset(
    {
        "CACHE_MAX_AGE",
        "PAGE_CACHE_SIZE",
        "PAGE_CACHE_BYTES",
        "MAIL_PORT",
        "MAX_CONTENT_LENGTH",
        "PROXY_COUNT",
        "BACKOFFICE_IDLE_MINUTES",
        "BACKOFFICE_MAX_HOURS",
        "ACCOUNT_IDLE_MINUTES",
        "ACCOUNT_MAX_HOURS",
        "JOB_LEASE_SECONDS",
        "JOB_MAX_ATTEMPTS",
        "JOB_KEEP_DAYS",
        "OIDC_LEEWAY",
        "DRAFT_DAYS",
        "DRAFT_WARNING_DAYS",
        "OAUTH_ACCESS_TOKEN_SECONDS",
        "OAUTH_REFRESH_TOKEN_DAYS",
        "OPEN_DATA_INLINE_SERVICES",
        "SITEMAP_URLS_PER_FILE",
        "CONNECTOR_READ_ATTEMPTS",
        "CONNECTOR_BREAKER_FAILURES",
        "PAYMENT_REFUND_APPROVAL_ABOVE",
        "PAYMENT_RECONCILE_BATCH",
    }
)
FLOAT_SETTINGS = frozenset(
    {
        "CATALOGUE_VERSION_TTL",
        "JOB_RETRY_DELAY",
        "JOB_RETRY_MAX_DELAY",
        "CLAMD_TIMEOUT",
        "OIDC_TIMEOUT",
        "CONNECTOR_TIMEOUT",
        "CONNECTOR_RETRY_DELAY",
        "CONNECTOR_BREAKER_SECONDS",
        "PAYMENT_TIMEOUT",
        "PAYMENT_POLL_INTERVAL",
    }
)
# Settings that are dicts in Python and ``key=value`` pairs separated by commas in the environment.
DICT_SETTINGS = frozenset({"OIDC_CLAIMS", "FUND_URLS", "PAYMENT_ROUTES", "PAYMENT_SATIM", "PAYMENT_BDL_VISA"})


class ConfigError(RuntimeError):
    """The configuration cannot run the platform; the message says what to set."""


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read ``PORTAL_<NAME>`` variables, plus ``DATABASE_URL``, into settings."""
    settings: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith("PORTAL_"):
            continue
        name = key.removeprefix("PORTAL_")
        settings[name] = _parse(name, raw)
    secret_file = settings.pop("SECRET_KEY_FILE", None)
    if secret_file and "SECRET_KEY" not in settings:
        settings["SECRET_KEY"] = Path(secret_file).read_text(encoding="utf-8").strip()
    oidc_secret_file = settings.pop("OIDC_CLIENT_SECRET_FILE", None)
    if oidc_secret_file and "OIDC_CLIENT_SECRET" not in settings:
        settings["OIDC_CLIENT_SECRET"] = Path(oidc_secret_file).read_text(encoding="utf-8").strip()
    if environ.get("DATABASE_URL"):
        settings["SQLALCHEMY_DATABASE_URI"] = database_uri(environ["DATABASE_URL"])
    return settings


def _parse(name: str, raw: str) -> Any:
    if name in LIST_SETTINGS:
        return [item.strip() for item in raw.split(",") if item.strip()]
    if name in BOOL_SETTINGS:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if name in DICT_SETTINGS:
        pairs = (item.partition("=") for item in raw.split(","))
        return {key.strip(): value.strip() for key, _sep, value in pairs if key.strip() and value.strip()}
    if name in INT_SETTINGS:
        return int(raw)
    if name in FLOAT_SETTINGS:
        return float(raw)
    return raw


def database_uri(url: str) -> str:
    """Use the psycopg 3 driver for a plain PostgreSQL URL (``postgres://`` or ``postgresql://``)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def check(config: Mapping[str, Any]) -> None:
    """Refuse settings that must never reach production."""
    production = config.get("ENV") == "production" and not config.get("TESTING")
    secret = config.get("SECRET_KEY")
    if production and (not secret or secret == DEFAULT_SECRET_KEY):
        raise ConfigError(
            "SECRET_KEY is missing or still the default. Set PORTAL_SECRET_KEY (or PORTAL_SECRET_KEY_FILE "
            "to a file that holds it) to a long random value, for instance the output of "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`, or set PORTAL_ENV=development "
            "for a local run."
        )
    base = urlsplit(str(config.get("BASE_URL") or ""))
    if base.scheme not in {"http", "https"} or not base.hostname or base.query or base.fragment:
        raise ConfigError(
            f"BASE_URL {config.get('BASE_URL')!r} is not the platform's address. Set PORTAL_BASE_URL to the "
            "address the public types, for instance https://e-services.mtess.gov.dz"
        )
    clamd = config.get("CLAMD_ADDRESS")
    if clamd and not re.fullmatch(r"(unix://)?/.+|[^/:]+:\d{1,5}", str(clamd)):
        raise ConfigError(
            f"CLAMD_ADDRESS {clamd!r} is not clamd's address. Set PORTAL_CLAMD_ADDRESS to host:port (for instance "
            "127.0.0.1:3310) or to the path of its Unix socket (for instance /run/clamav/clamd.ctl)."
        )
    default = config.get("DEFAULT_LOCALE")
    if default not in config.get("LOCALES", []):
        raise ConfigError(f"DEFAULT_LOCALE {default!r} is not one of LOCALES {config.get('LOCALES')!r}.")
