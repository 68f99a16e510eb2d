"""The platform on several hosts (tests/stack.py): two gunicorn hosts behind nginx, PostgreSQL, Redis, a job worker
and an SMTP server, every process on 127.0.0.1. What one host knows, the other knows: the throttles' counts, the
catalogue's edits, the end of a back-office session, the uploaded documents; and with Redis stopped the platform
keeps serving and loses nothing. One deployment serves the whole module (it takes some seconds to start)."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue import workflow
from portal.catalogue.content import snapshot
from portal.catalogue.models import Service
from portal.config import DEFAULTS
from portal.dossiers.models import Dossier, OutboxMessage
from portal.extensions import db
from portal.jobs.models import Job
from portal.staff.models import User
from tests import stack as deployment
from tests.conftest import new_database, require
from tests.http_client import Answer, Browser, multipart, open_form
from tests.portal.backoffice.helpers import PASSWORD, create_user
from tests.portal.dossiers.helpers import HIRING_AID, HIRING_AID_ANSWERS, pdf_bytes, png_bytes
from tests.stack import Stack

pytestmark = [pytest.mark.nginx, pytest.mark.postgres]

SIGN_IN = "/fr/backoffice/sign-in"
QUEUE = "/fr/backoffice/dossiers"  # an agent's back-office home
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
APPLY = HIRING_AID.format(locale="fr")  # the test agency's form: two steps, three kinds of documents
SERVICE = "maternity-benefit"  # a service of the test fund, published
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def stack(
    postgres_server: str | None, test_bodies_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    require(not deployment.missing(), " and ".join(deployment.missing()))
    require(postgres_server is not None, "a PostgreSQL server (TEST_DATABASE_URL, or Debian's postgresql)")
    assert postgres_server is not None
    folder = tmp_path_factory.mktemp("hosts")
    cheap = {"PORTAL_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}  # scrypt's cost protects real passwords only
    with (
        new_database(postgres_server) as url,
        deployment.running(folder, test_bodies_site, url, extra=cheap) as running,
    ):
        yield running


def token_of(browser: Browser, path: str) -> str:
    found = TOKEN.search(browser.get(path).text)
    assert found is not None, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(browser: Browser, email: str, password: str = PASSWORD) -> Answer:
    form = {"csrf_token": token_of(browser, SIGN_IN), "email": email, "password": password}
    return browser.post(SIGN_IN, urlencode(form).encode(), FORM)


def test_the_sixth_wrong_password_in_a_minute_is_refused_whichever_host_answers(stack: Stack) -> None:
    hosts = [stack.host_browser(0), stack.host_browser(1)]
    email = f"nobody-{uuid.uuid4().hex[:8]}@pilote.example.dz"
    statuses = [sign_in(hosts[attempt % 2], email, "not the password").status for attempt in range(6)]
    assert statuses == [401, 401, 401, 401, 401, 429]  # three tries on each host: one count, in Redis


def title_on(browser: Browser) -> str:
    page = browser.get(f"/fr/services/{SERVICE}")
    found = re.search(r"<h1[^>]*>([^<]+)</h1>", page.text)
    assert page.status == 200 and found is not None
    return found.group(1).strip()


def publish_new_title(app: Flask, title: str) -> None:
    """What an editor and a publisher do in the back office, through the same functions, on the shared database."""
    editor, publisher = create_user(app, "editor", "demo"), create_user(app, "publisher", "demo")
    with app.app_context():
        service = db.session.scalar(select(Service).where(Service.slug == SERVICE))
        author, reviewer = db.session.get(User, editor.id), db.session.get(User, publisher.id)
        assert service is not None and author is not None and reviewer is not None
        changed = snapshot(service)
        changed["texts"]["fr"]["title"] = title
        workflow.save(service, changed, 0, author)
        workflow.submit(service, author)
        workflow.publish(service, reviewer)


def test_an_edit_is_seen_on_every_host_within_the_catalogue_version_lifetime(stack: Stack) -> None:
    hosts = [stack.host_browser(0), stack.host_browser(1)]
    before = {title_on(host) for host in hosts for _ in range(4)}  # each worker of each host keeps the page
    assert len(before) == 1
    publish_new_title(stack.app, "Congé de maternité, nouvelle rédaction")
    time.sleep(DEFAULTS["CATALOGUE_VERSION_TTL"] + 0.5)
    after = {title_on(host) for host in hosts for _ in range(4)}
    assert after == {"Congé de maternité, nouvelle rédaction"}


def test_a_back_office_session_signed_out_on_one_host_is_refused_on_the_other(stack: Stack) -> None:
    agent = create_user(stack.app, "agent", "pilote", email="agent.sessions@pilote.example.dz")
    first, second = stack.host_browser(0), stack.host_browser(1)
    assert sign_in(first, agent.email).status == 302
    second.cookies = dict(first.cookies)  # the same session, on the other host (the proxy sends it anywhere)
    assert second.get(QUEUE).status == 200
    form = {"csrf_token": token_of(first, QUEUE)}
    signed_out = first.post("/fr/backoffice/sign-out", urlencode(form).encode(), FORM)
    assert (signed_out.status, signed_out.location) == (302, SIGN_IN)
    refused = second.get(QUEUE)
    assert refused.status == 302 and refused.location.startswith(SIGN_IN)


def apply_for_hiring_aid(browser: Browser, email: str, files: dict[str, tuple[bytes, str, str]]) -> str:
    """The hosted form sent through nginx, as a browser sends it; the reference of its receipt."""
    form = open_form(browser, APPLY)
    fields = {**HIRING_AID_ANSWERS, "applicant_email": email, "csrf_token": form.token, "key": form.key, "step": "2",
              "action": "submit"}  # fmt: skip
    content_type, body = multipart(fields, {f"document-{kind}": file for kind, file in files.items()})
    sent = browser.post(form.action, body, content_type)
    assert sent.status == 302 and "/receipt" in sent.location, sent.text[-1500:]
    assert browser.get(sent.location).status == 200
    return sent.location.split("/")[3]


FILES = {"statement": (pdf_bytes("recrutements"), "declaration.pdf", "application/pdf"),
         "contracts": (pdf_bytes("contrats"), "contrats.pdf", "application/pdf"),
         "register_extract": (png_bytes(), "registre.png", "image/png")}  # fmt: skip


def documents_of(app: Flask, reference: str) -> tuple[int, dict[int, str]]:
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == reference))
        assert dossier is not None
        return dossier.id, {document.id: document.filename for document in dossier.documents}


def emails_about(stack: Stack, reference: str, seconds: float = 30) -> list[dict[str, str]]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [entry for entry in stack.mail.entries() if reference in entry["subject"]]
        if found:
            time.sleep(1)  # time enough for a second copy, were one to be sent
            return [entry for entry in stack.mail.entries() if reference in entry["subject"]]
        time.sleep(0.1)
    return []


def test_a_submission_through_nginx_is_opened_on_either_host_and_its_email_sent_by_the_worker(stack: Stack) -> None:
    reference = apply_for_hiring_aid(stack.browser(), "k.haddad@example.dz", FILES)
    dossier_id, documents = documents_of(stack.app, reference)
    contents = {name: content for content, name, _type in FILES.values()}
    agent = create_user(stack.app, "agent", "pilote", email="agent.documents@pilote.example.dz")
    for number in (0, 1):  # whichever host received the files, both read them from the shared folder
        host = stack.host_browser(number)
        assert sign_in(host, agent.email).status == 302
        for document_id, name in documents.items():
            download = host.get(f"/fr/backoffice/dossiers/{dossier_id}/documents/{document_id}")
            assert (download.status, download.body) == (200, contents[name])
    [email] = emails_about(stack, reference)
    assert email["to"] == "k.haddad@example.dz"


def email_job(app: Flask, reference: str) -> Job:
    with app.app_context():
        dossier_id = db.session.scalar(select(Dossier.id).where(Dossier.reference == reference))
        [message] = db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.dossier_id == dossier_id))
        [job] = [job for job in db.session.scalars(select(Job).where(Job.kind == "email"))
                 if job.payload["message"] == message]  # fmt: skip
        db.session.expunge(job)
        return job


def test_with_redis_stopped_the_platform_serves_and_loses_nothing(stack: Stack) -> None:
    browser = stack.browser()
    stack.redis.stop()
    try:
        for path in ("/fr/", "/ar/services?q=%D8%B9%D8%B7%D9%84%D8%A9", "/api/v1/services", f"/fr/services/{SERVICE}"):
            assert browser.get(path).status == 200, path
        reference = apply_for_hiring_aid(browser, "redis.down@example.dz", FILES)  # its throttles count in memory
        time.sleep(1)
        assert email_job(stack.app, reference).state == "queued"  # the worker could not be woken: nothing sent
        assert emails_about(stack, reference, seconds=0.5) == []
    finally:
        stack.redis.start()
    assert "ran: " in stack.flask("jobs", "sweep")  # as the scheduler's sweep does every minute
    [email] = emails_about(stack, reference)
    assert email["to"] == "redis.down@example.dz"
    assert email_job(stack.app, reference).state == "done"
    _dossier_id, documents = documents_of(stack.app, reference)
    assert sorted(documents.values()) == sorted(name for _content, name, _type in FILES.values())
