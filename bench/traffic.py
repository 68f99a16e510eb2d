"""The load of ``bench/ops.py``: people on keep-alive HTTPS connections to nginx, one thread each, each from its own
address of the loopback network, reading the catalogue, searching, calling the API and sending a hosted form with
its documents through its whole Post/Redirect/Get, for a given time. Only 127.0.0.1/8 is contacted.

Threads rather than asyncio: nothing asynchronous is installed, a person's requests follow each other anyway, and
200 threads blocked on sockets cost this 2-core machine little; the figures include the waits of this process.
"""

from __future__ import annotations

import http.client
import random
import re
import ssl
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from tests.http_client import Answer, Browser, FormNotShownError, multipart, open_form
from tests.portal.dossiers.helpers import HIRING_AID, HIRING_AID_ANSWERS, pdf_bytes, png_bytes

APPLY = HIRING_AID.format(locale="fr")  # the test agency's form: three kinds of documents
KINDS = ("page", "search", "api", "form", "submit")  # form: the form's pages and the receipt; submit: the POST
MIX = {"page": 50, "search": 20, "api": 25, "submission": 5}  # what a person does next, in percent
RESUBMIT_GRACE = 30.0  # seconds after the end a person still sends again a form that got a 503
ALERT = r'class="alert[^"]*"[^>]*>(.*?)</'
FAILURES = (OSError, http.client.HTTPException, ssl.SSLError, FormNotShownError)
DOCUMENTS = {"statement": (pdf_bytes("x" * 40_000), "declaration.pdf", "application/pdf"),
             "contracts": (pdf_bytes("contrats " * 1_000), "contrats.pdf", "application/pdf"),
             "register_extract": (png_bytes(), "registre.png", "image/png")}  # fmt: skip
FILES = {f"document-{kind}": file for kind, file in DOCUMENTS.items()}  # as the form's file inputs send them


@dataclass(frozen=True)
class Catalogue:
    """What there is to ask for: pages, search words and filters, API reads."""

    pages: Sequence[str]
    words: Sequence[str]
    filters: Sequence[str]
    api: Sequence[str]

    def search(self, rng: random.Random) -> str:
        words = " ".join(rng.sample(self.words, rng.choice((1, 1, 2))))
        extra = rng.choice(("", "", *self.filters))
        return f"/{rng.choice(('ar', 'fr'))}/services?q={quote(words)}{extra}"


EXPECTED = {"page": {200}, "search": {200}, "api": {200}, "form": {200, 302, 303}, "submit": {302, 303}}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, of every answer
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # no answer: the exception's name


@dataclass
class Recording:
    """Everything the people saw, by kind; the references of the receipts they got; when each answer came."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    acknowledged: set[str] = field(default_factory=set)
    timeline: list[tuple[float, str, int]] = field(default_factory=list)  # (monotonic time, kind, status; 0: none)
    searches: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0  # how long the load lasted
    gave_up: int = 0  # forms that still got 503 when the person stopped trying
    unexpected: list[str] = field(default_factory=list)  # the first few errors, to say what they were
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, kind: str, answer: Answer, path: str = "") -> None:
        with self.lock:
            tally = self.tallies[kind]
            tally.latencies.append(answer.seconds)
            tally.statuses[answer.status] += 1
            self.timeline.append((time.monotonic(), kind, answer.status))
            if answer.status not in EXPECTED[kind] | {503}:
                self._note(f"{kind} {path}: {answer.status} {_gist(answer)}")

    def failure(self, kind: str, error: Exception, path: str = "") -> None:
        with self.lock:
            self.tallies[kind].failures[type(error).__name__] += 1
            self.timeline.append((time.monotonic(), kind, 0))
            self._note(f"{kind} {path}: no answer, {type(error).__name__}: {error}"[:300])

    def _note(self, line: str) -> None:
        if len(self.unexpected) < 10:
            self.unexpected.append(line)


def _gist(answer: Answer) -> str:
    """What an unexpected page says: its title and its first alert."""
    try:
        text = answer.text
    except (OSError, UnicodeDecodeError, EOFError):
        return f"{len(answer.body)} bytes"
    found = [re.search(pattern, text, re.S) for pattern in (r"<title>(.*?)</title>", ALERT)]
    return " | ".join(" ".join(match.group(1).split())[:160] for match in found if match)


def percentiles(seconds: Sequence[float]) -> tuple[float, float]:
    """p50 and p99 in milliseconds (0 when there is nothing)."""
    if not seconds:
        return 0.0, 0.0
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000


@dataclass(frozen=True)
class Figures:
    requests: int
    unavailable: int  # 503: the platform said it could not reach its records
    errors: int  # anything else unexpected, or no answer at all
    p50: float  # milliseconds, from sending the request to the last byte of the answer
    p99: float

    @classmethod
    def of(cls, tallies: Sequence[Tally], expected: set[int]) -> Figures:
        latencies = [latency for tally in tallies for latency in tally.latencies]
        statuses: Counter[int] = sum((tally.statuses for tally in tallies), Counter())
        failures = sum(sum(tally.failures.values()) for tally in tallies)
        unexpected = sum(count for status, count in statuses.items() if status not in expected | {503})
        return cls(len(latencies) + failures, statuses[503], unexpected + failures, *percentiles(latencies))


def figures(recording: Recording) -> dict[str, Figures]:
    """Per kind and overall."""
    found = {kind: Figures.of([recording.tallies[kind]], EXPECTED[kind]) for kind in KINDS}
    found["all"] = Figures.of(list(recording.tallies.values()), set().union(*EXPECTED.values()))
    return found


class Person:
    """One person on one connection, doing what the mix says until the deadline."""

    def __init__(self, browser: Browser, catalogue: Catalogue, recording: Recording, number: int, bare: bool) -> None:
        self.browser, self.catalogue, self.recording, self.bare = browser, catalogue, recording, bare
        self.rng = random.Random(number)
        self.number, self.sent = number, 0

    def run(self, deadline: float) -> None:
        choices, weights = list(MIX), list(MIX.values())
        while time.monotonic() < deadline:
            what = self.rng.choices(choices, weights)[0]
            if what == "submission":
                self.apply(deadline)
            else:
                self.read(what, self.path(what))
        self.browser.close()

    def path(self, kind: str) -> str:
        if kind == "search":
            path = self.catalogue.search(self.rng)
            with self.recording.lock:
                self.recording.searches[path] += 1
            return path
        return self.rng.choice(self.catalogue.pages if kind == "page" else self.catalogue.api)

    def read(self, kind: str, path: str) -> Answer | None:
        try:
            answer = self.browser.get(path)
        except FAILURES as error:
            self.recording.failure(kind, error, path)
            return None
        self.recording.answer(kind, answer, path)
        return answer

    def apply(self, deadline: float) -> None:
        """Open the form, send its last step with the documents (the whole application at once), read the receipt.
        Told 503, the person waits as asked and sends the very same form again (its key makes one dossier)."""
        if self.bare:
            return self.apply_bare()
        try:
            form = open_form(self.browser, APPLY, lambda answer: self.recording.answer("form", answer, APPLY))
        except FormNotShownError as error:  # its answer is counted already, unless it looked right
            return self.recording.failure("form", error, APPLY) if error.answer.status == 200 else None
        except FAILURES as error:
            return self.recording.failure("form", error, APPLY)
        self.sent += 1
        fields = {**HIRING_AID_ANSWERS, "applicant_email": f"person-{self.number}-{self.sent}@example.dz",
                  "csrf_token": form.token, "key": form.key, "step": "2", "action": "submit"}  # fmt: skip
        content_type, body = multipart(fields, FILES)
        while not self.sent_once(form.action, body, content_type):
            if time.monotonic() > deadline + RESUBMIT_GRACE:
                with self.recording.lock:
                    self.recording.gave_up += 1
                return None
        return None

    def sent_once(self, action: str, body: bytes, content_type: str) -> bool:
        """One sending; whether it is over (a receipt, or a failure that sending again would not mend)."""
        try:
            answer = self.browser.post(action, body, content_type)
        except FAILURES as error:
            self.recording.failure("submit", error, action)
            return True
        self.recording.answer("submit", answer, action)
        if answer.status == 303:  # back to the step, with why: 503 when the records could not be reached
            answer = self.read("form", answer.location) or answer
        if answer.status == 302 and "/receipt" in answer.location:
            with self.recording.lock:
                self.recording.acknowledged.add(answer.location.split("/")[3])
            self.read("form", answer.location)
            return True
        if answer.status != 503:
            return True
        time.sleep(float(answer.headers.get("Retry-After") or 5))
        return False

    def apply_bare(self) -> None:
        """The same requests to bare Flask, which answers anything with a small page."""
        if self.read("form", APPLY) is None:
            return
        content_type, body = multipart(HIRING_AID_ANSWERS, FILES)
        try:
            self.recording.answer("submit", self.browser.post(APPLY, body, content_type))
        except FAILURES as error:
            self.recording.failure("submit", error)


def load(
    browsers: Callable[[str], Browser], catalogue: Catalogue, seconds: float, connections: int, bare: bool = False,
    during: Callable[[], None] = lambda: None,
) -> Recording:  # fmt: skip
    """``connections`` people for ``seconds``, each on its own connection from its own address (127.0.0.2...);
    ``during`` runs in this thread meanwhile (a fault), and the load goes on until the time is up."""
    recording, deadline = Recording(seconds=seconds), time.monotonic() + seconds
    people = [Person(browsers(f"127.0.{number // 250}.{2 + number % 250}"), catalogue, recording, number, bare)
              for number in range(connections)]  # fmt: skip
    threads = [threading.Thread(target=person.run, args=(deadline,), daemon=True) for person in people]
    for thread in threads:
        thread.start()
    during()
    for thread in threads:
        thread.join()
    return recording
