"""The platform behind the production reverse proxy: Debian's nginx with deploy/nginx.conf, over real HTTPS on
127.0.0.1, in front of real gunicorn (2 sync workers) in production mode, trusting the proxy (PROXY_COUNT=1)."""

from __future__ import annotations

import gzip
import http.client
import re
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal import PROJECT_ROOT
from portal.config import DEFAULTS
from portal.dossiers.models import Dossier
from portal.dossiers.storage import storage
from portal.extensions import db
from portal.staff.models import AuditEvent
from tests import nginx_server
from tests.conftest import AppFactory, require
from tests.nginx_server import Proxy
from tests.portal.dossiers.helpers import HIRING_AID_ANSWERS as ANSWERS
from tests.portal.dossiers.helpers import pdf_bytes, png_bytes
from tests.test_gunicorn import gunicorn

pytestmark = pytest.mark.nginx

NAME = "portal.test"
STYLESHEET = re.compile(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"')
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SIGN_IN = "/fr/backoffice/sign-in"
APPLY = "/fr/services/hiring-aid/apply"  # the test agency's form: two steps, three kinds of documents


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        encoding = self.headers.get("Content-Encoding")
        return (gzip.decompress(self.body) if encoding == "gzip" else self.body).decode()


@dataclass(frozen=True)
class Platform:
    """nginx in front of gunicorn; the app on gunicorn's database; gunicorn's access log (what reached the app);
    the cookies a browser would keep."""

    proxy: Proxy
    app: Flask
    access_log: Path
    cookies: dict[str, str] = field(default_factory=dict)

    def send(self, method: str, path: str, body: bytes | None = None, source: str = "127.0.0.1",
             **headers: str) -> Answer:  # fmt: skip
        sent = {key.replace("_", "-"): value for key, value in headers.items()}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = self.proxy.connection(source)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return answer

    def reached_the_app(self, path: str, wait: float = 0.5) -> bool:
        """Whether gunicorn logged a request for ``path`` (it writes the line just after the answer)."""
        deadline = time.monotonic() + wait
        while f" {path} HTTP/" not in self.access_log.read_text():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True


@pytest.fixture
def platform(make_app: AppFactory, tmp_path: Path, test_bodies_site: Path) -> Iterator[Platform]:
    require(nginx_server.available(), "nginx (Debian's /usr/sbin/nginx, and openssl for its certificate)")
    app = make_app(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'portal.db'}", UPLOAD_FOLDER=str(tmp_path / "uploads")
    )
    access_log = tmp_path / "access.log"
    settings = {"PORTAL_BASE_URL": f"https://{NAME}", "PORTAL_PROXY_COUNT": "1"}
    with (
        gunicorn(tmp_path, test_bodies_site, "--access-logfile", str(access_log), **settings) as url,
        nginx_server.throwaway_proxy([url.removeprefix("http://")], server_name=NAME) as proxy,
    ):
        assert proxy is not None
        yield Platform(proxy, app, access_log)


def test_pages_and_styles_are_sent_compressed(platform: Platform) -> None:
    page = platform.send("GET", "/fr/", Accept_Encoding="gzip")
    assert (page.status, page.headers["Content-Encoding"]) == (200, "gzip")
    assert "Accept-Encoding" in page.headers["Vary"]
    assert '<html lang="fr" dir="ltr">' in page.text
    found = STYLESHEET.search(page.text)
    assert found is not None
    css = platform.send("GET", found.group(1), Accept_Encoding="gzip")
    assert css.headers["Content-Encoding"] == "gzip" and len(css.body) < len(css.text) / 2
    assert css.text == (PROJECT_ROOT / "static/css/portal.css").read_text()
    assert platform.send("GET", "/fr/").headers.get("Content-Encoding") is None  # a client that cannot unzip


def test_brotli_when_debians_module_is_installed(platform: Platform) -> None:
    require(nginx_server.brotli_available(), "nginx's brotli module (Debian's libnginx-mod-http-brotli-filter)")
    page = platform.send("GET", "/ar/", Accept_Encoding="br, gzip")
    assert (page.status, page.headers["Content-Encoding"]) == (200, "br")


def test_the_fingerprinted_stylesheet_of_a_page_is_served_by_nginx_for_a_year(platform: Platform) -> None:
    found = STYLESHEET.search(platform.send("GET", "/ar/").text)
    assert found is not None
    css = platform.send("GET", found.group(1))
    assert (css.status, css.headers["Content-Type"]) == (200, "text/css")
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css.body == (PROJECT_ROOT / "static/css/portal.css").read_bytes()
    plain = platform.send("GET", "/static/css/portal.css")
    assert (plain.status, plain.headers["Cache-Control"]) == (200, "max-age=3600")
    assert platform.reached_the_app("/ar/")
    assert not platform.reached_the_app(found.group(1)) and not platform.reached_the_app("/static/css/portal.css")


def test_a_foreign_host_gets_no_answer(platform: Platform) -> None:
    with pytest.raises(http.client.RemoteDisconnected):
        platform.send("GET", "/fr/", Host="evil.example")
    tls = ssl.create_default_context(cafile=str(platform.proxy.certificate))
    with (
        socket.create_connection(("127.0.0.1", platform.proxy.port), timeout=10) as raw,
        pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME"),  # no certificate for a name it does not serve
    ):
        tls.wrap_socket(raw, server_hostname="evil.example")
    plain = http.client.HTTPConnection("127.0.0.1", platform.proxy.http_port, timeout=10)
    plain.request("GET", "/fr/", headers={"Host": "evil.example"})
    with pytest.raises(http.client.RemoteDisconnected):
        plain.getresponse()
    assert not platform.reached_the_app("/fr/")
    canonical = http.client.HTTPConnection("127.0.0.1", platform.proxy.http_port, timeout=10)
    canonical.request("GET", "/fr/services?q=retraite", headers={"Host": NAME})
    response = canonical.getresponse()
    assert (response.status, response.headers["Location"]) == (301, f"https://{NAME}/fr/services?q=retraite")


def sign_in_with_a_wrong_password(platform: Platform, source: str, **headers: str) -> Answer:
    page = platform.send("GET", SIGN_IN, source=source)
    found = TOKEN.search(page.text)
    assert found is not None
    form = f"csrf_token={found.group(1)}&email=nobody%40pilote.example.dz&password=not+the+password"
    return platform.send("POST", SIGN_IN, form.encode(), source, Content_Type="application/x-www-form-urlencoded",
                         **headers)  # fmt: skip


def test_the_app_records_the_clients_address_not_the_proxys_nor_a_forged_one(platform: Platform) -> None:
    answer = sign_in_with_a_wrong_password(platform, "127.0.0.2", Referer=f"https://{NAME}{SIGN_IN}",
                                           X_Forwarded_For="203.0.113.7")  # fmt: skip
    assert answer.status == 401 and "L&#39;adresse électronique ou le mot de passe n&#39;est pas le bon." in answer.text
    with platform.app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sign_in.failed")).one()
        assert event.address == "127.0.0.2"  # nginx saw 127.0.0.2; gunicorn's connection came from 127.0.0.1


def test_the_app_knows_the_form_came_over_https(platform: Platform) -> None:
    # Over https, and only then, Flask-WTF refuses a form whose Referer is not a page of this platform.
    refused = sign_in_with_a_wrong_password(platform, "127.0.0.1")
    assert refused.status == 400 and "Requête non valide" in refused.text
    refused = sign_in_with_a_wrong_password(platform, "127.0.0.1", Referer=f"http://{NAME}{SIGN_IN}")
    assert refused.status == 400
    read = sign_in_with_a_wrong_password(platform, "127.0.0.1", Referer=f"https://{NAME}{SIGN_IN}")
    assert read.status == 401  # the form was read: the password is wrong


def test_a_request_larger_than_the_app_accepts_is_refused_before_reaching_it(platform: Platform) -> None:
    assert f"client_max_body_size {DEFAULTS['MAX_CONTENT_LENGTH'] // 2**20}m;" in nginx_server.SITE.read_text()
    connection = platform.proxy.connection()
    connection.putrequest("POST", APPLY)
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(DEFAULTS["MAX_CONTENT_LENGTH"] + 1))
    connection.endheaders()  # nginx answers from the announced length: not one byte of the body is sent
    response = connection.getresponse()
    page = response.read().decode()
    assert response.status == 413 and "الملفات كبيرة جداً" in page and "Fichiers trop volumineux" in page
    assert not platform.reached_the_app(APPLY)


def test_a_hosted_form_with_its_documents_goes_through(platform: Platform) -> None:
    form = platform.send("GET", APPLY)
    while form.status == 302:  # the form's first step, under its own address
        form = platform.send("GET", form.headers["Location"])
    action, token = re.search(r'<form method="post" [^>]*action="([^"]+)"', form.text), TOKEN.search(form.text)
    key = re.search(r'name="key" value="([0-9a-f]{32})"', form.text)
    assert action is not None and key is not None and token is not None
    statement = pdf_bytes("x" * 3_000_000)  # larger than nginx's memory buffer: spooled to a file, then sent
    files = {"statement": (statement, "declaration.pdf", "application/pdf"),
             "contracts": (pdf_bytes("contrats"), "contrats.pdf", "application/pdf"),
             "register_extract": (png_bytes(), "registre.png", "image/png")}  # fmt: skip
    fields: dict[str, object] = {"csrf_token": token.group(1), "key": key.group(1), "step": "2", "action": "submit",
                                 **ANSWERS}  # fmt: skip
    fields.update({f"document-{kind}": FileStorage(BytesIO(content), name, content_type=kind_type)
                   for kind, (content, name, kind_type) in files.items()})  # fmt: skip
    boundary, body = encode_multipart(fields)
    sent = platform.send("POST", action.group(1), body, Referer=f"https://{NAME}{APPLY}",
                         Content_Type=f"multipart/form-data; boundary={boundary}")  # fmt: skip
    assert sent.status == 302, re.sub(r"(?s).*<main", "", sent.text)[:1500]
    with platform.app.app_context():
        dossier = db.session.scalars(select(Dossier)).one()
        assert sent.headers["Location"].endswith(f"/fr/dossiers/{dossier.reference}/receipt")
        stored = {document.filename: storage().read(document.storage_key) for document in dossier.documents}
    assert stored == {name: content for content, name, _type in files.values()}


def test_a_slow_phone_does_not_hold_a_worker(platform: Platform) -> None:
    """Three uploads crawling in (gunicorn has two workers): nginx holds them, the workers answer others."""
    crawling = []
    for _ in range(3):
        connection = platform.proxy.connection()
        connection.putrequest("POST", SIGN_IN)
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", "100000")
        connection.endheaders(b"email=" + b"a" * 1000)
        crawling.append(connection)
    started = time.monotonic()
    page = platform.send("GET", "/fr/")
    # Held workers would answer only once gunicorn killed them, after its 30-second timeout.
    assert page.status == 200 and time.monotonic() - started < 15
    for connection in crawling:
        connection.close()
