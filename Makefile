# The two commands of the README: `make run` (the platform on http://127.0.0.1:8000, SQLite, demo
# content) and `make test` (ruff, import-linter, mypy, pytest with the browser and PostgreSQL tests). Both are
# idempotent and install what they need on a fresh machine.

VENV     := .venv
PYTHON   := $(VENV)/bin/python
FLASK    := $(VENV)/bin/flask --app wsgi
HOST     ?= 127.0.0.1
PORT     ?= 8000
WORKERS  ?= 2
STAMP    := $(VENV)/.installed
ASSETS   := static/vendor/.built
SECRET   := instance/secret_key
OIDC_SECRET := instance/oidc_client_secret
GATEWAY_SECRET := instance/payment_gateway_password
# The sandbox payment gateway (sandbox/gateway) for SATIM's CIB/Edahabia and BDL's Visa alike, unless PORTAL_PAYMENT_*
# name the real ones (the password from a file, never the repository).
SANDBOX_GATEWAY := url=http://127.0.0.1:8030/payment/rest,user=sandbox,password_file=$(GATEWAY_SECRET),terminal=E010900000
CERT_KEY := instance/certificate_key

SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test system install lock assets translations database lint typecheck pytest messages clean

# The web server and the jobs' worker with its scheduler (the Procfile's lines, started together by honcho;
# Ctrl-C stops both). The canonical address is where it listens (localhost answers too), unless PORTAL_BASE_URL
# says otherwise. The demo national identity provider runs beside them (sandbox/oidc, on 127.0.0.1:8010), with the
# platform's client secret in instance/; the platform signs in with it unless PORTAL_OIDC_ISSUER names another. The
# sandbox of the funds' systems runs on 127.0.0.1:8020 (sandbox/funds), where the platform's connectors call them.
run: install assets translations database $(OIDC_SECRET) $(GATEWAY_SECRET) $(CERT_KEY)
	PORTAL_SECRET_KEY_FILE=$(SECRET) PORTAL_CERTIFICATE_KEY_FILE=$${PORTAL_CERTIFICATE_KEY_FILE:-$(CERT_KEY)} PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)} \
	PORTAL_OIDC_ISSUER=$${PORTAL_OIDC_ISSUER:-http://127.0.0.1:8010} PORTAL_OIDC_CLIENT_ID=$${PORTAL_OIDC_CLIENT_ID:-portal} \
	PORTAL_OIDC_CLIENT_SECRET_FILE=$${PORTAL_OIDC_CLIENT_SECRET_FILE:-$(OIDC_SECRET)} PORTAL_OIDC_DEMO=$${PORTAL_OIDC_DEMO:-true} \
	PORTAL_FUNDS_BASE_URL=$${PORTAL_FUNDS_BASE_URL:-http://127.0.0.1:8020} \
	PORTAL_ALLOWED_HOSTS=$${PORTAL_ALLOWED_HOSTS:-localhost} RUN_BIND=$(HOST):$(PORT) RUN_WORKERS=$(WORKERS) \
	PORTAL_PAYMENT_SATIM=$${PORTAL_PAYMENT_SATIM:-$(SANDBOX_GATEWAY)} PORTAL_PAYMENT_BDL_VISA=$${PORTAL_PAYMENT_BDL_VISA:-$(SANDBOX_GATEWAY)} \
	SANDBOX_GATEWAY_USER=sandbox SANDBOX_GATEWAY_PASSWORD_FILE=$(GATEWAY_SECRET) \
		$(VENV)/bin/honcho start --no-colour -f Procfile

test: system install assets translations lint typecheck pytest

# Debian's chromium (browser tests), postgresql (database tests), redis-server (the throttles' tests), Pango with
# a font that has Arabic glyphs (WeasyPrint's acknowledgements of receipt), nginx with its brotli module and
# openssl (the reverse proxy's tests, deploy/nginx.conf), and clamav-daemon (the antivirus's tests start its clamd
# with a signature database of their own: no freshclam), installed when missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
PROXY_PACKAGES := nginx libnginx-mod-http-brotli-filter openssl
system:
	@command -v chromium >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && \
		command -v redis-server >/dev/null 2>&1 && dpkg -s $(PDF_PACKAGES) $(PROXY_PACKAGES) clamav-daemon >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium postgresql \
			redis-server clamav-daemon $(PDF_PACKAGES) $(PROXY_PACKAGES); }

install: $(STAMP)

# The exact versions, with their hashes, that were tested: requirements.lock, made from pyproject.toml by
# `make lock`; the project itself is then installed without resolving anything again.
$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet --require-hashes -r requirements.lock
	$(PYTHON) -m pip install --quiet --no-deps -e .
	touch $@

# After a change of dependencies in pyproject.toml (or to take new releases): write requirements.lock anew.
lock: $(STAMP)
	$(PYTHON) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --universal --python-version 3.11 \
		--quiet -o requirements.lock

# The front-end packages of package-lock.json; its devDependencies (Lighthouse, for bench/lighthouse.py) are left
# out: `npm ci` installs them too.
node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

assets: $(ASSETS)

# Bootstrap's CSS, both directions, reduced by PurgeCSS to the rules the templates use (purgecss.config.js says
# which files it reads and which classes are built where it cannot see them); made again when a template changes.
TEMPLATES := $(shell find templates portal services -path '*templates/*' -name '*.html')
$(ASSETS): node_modules/.installed purgecss.config.js $(TEMPLATES)
	mkdir -p static/vendor/bootstrap
	node_modules/.bin/purgecss --config purgecss.config.js --output static/vendor/bootstrap/
	touch $@

translations: $(STAMP)
	$(VENV)/bin/pybabel compile --directory translations

$(SECRET) $(OIDC_SECRET) $(GATEWAY_SECRET): | $(STAMP)
	mkdir -p instance
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

# The key that signs certificates (Ed25519, PEM); README's "Certificates anyone can check" says how to rotate it.
$(CERT_KEY): | $(STAMP)
	mkdir -p instance
	umask 077 && $(PYTHON) -c 'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as K; \
		from cryptography.hazmat.primitives import serialization as s; \
		print(K.generate().private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode(), end="")' > $@

database: $(STAMP) $(SECRET)
	PORTAL_SECRET_KEY_FILE=$(SECRET) $(FLASK) db upgrade
	PORTAL_SECRET_KEY_FILE=$(SECRET) $(FLASK) catalogue sync
	PORTAL_SECRET_KEY_FILE=$(SECRET) $(FLASK) programmes demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check portal services tests bench sandbox
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The fast part in parallel processes (pytest-xdist; a file's tests stay together in one process, each process
# makes its own migrated database and servers on ports the system gives), then the tests that drive chromium,
# PostgreSQL or nginx one at a time: they start heavy servers of their own and time pages in a browser.
TEST_WORKERS ?= auto
SLOW_TESTS := browser or postgres or nginx
pytest: $(STAMP) $(ASSETS) translations
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile -m "not ($(SLOW_TESTS))"
	$(VENV)/bin/pytest -p no:xdist -m "$(SLOW_TESTS)"

# For translators: pull new messages from the code into the ar and fr catalogues.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k Translated --no-location --sort-output \
		--project mtess-portal -o translations/messages.pot portal services templates
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --ignore-obsolete --width 100

clean:
	rm -rf $(VENV) node_modules static/vendor instance/portal.db* translations/*/LC_MESSAGES/*.mo
