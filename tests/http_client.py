"""A person's browser without a browser, for the tests and the benchmarks that speak real HTTP: its cookies, over
one keep-alive connection (to nginx over https, or straight to one gunicorn host under the canonical Host), and
the hosted forms' Post/Redirect/Get: open the form, follow it to its step, send it with its CSRF token and key."""

from __future__ import annotations

import gzip
import http.client
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import BytesIO

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM_ACTION = re.compile(r'<form method="post" [^>]*action="([^"]+)"')
FORM_KEY = re.compile(r'name="key" value="([0-9a-f]{32})"')
RETRIED = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
Connect = Callable[[], http.client.HTTPConnection]


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float  # from sending the request to the last byte of the answer

    @property
    def text(self) -> str:
        encoding = self.headers.get("Content-Encoding")
        return (gzip.decompress(self.body) if encoding == "gzip" else self.body).decode()

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Browser:
    """One person: the cookies the platform set, sent back on every request over one kept-alive connection (made
    again when the server closed it); ``host`` is the Host it names, ``origin`` the address a Referer names."""

    def __init__(self, connect: Connect, host: str, origin: str) -> None:
        self.connect, self.host, self.origin = connect, host, origin
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str, **headers: str) -> Answer:
        return self.send("GET", path, None, **headers)

    def post(self, path: str, body: bytes, content_type: str, **headers: str) -> Answer:
        return self.send("POST", path, body, Content_Type=content_type, Referer=self.origin + path, **headers)

    def send(self, method: str, path: str, body: bytes | None = None, **headers: str) -> Answer:
        sent = {"Host": self.host, "Accept-Encoding": "gzip"}
        sent.update({name.replace("_", "-"): value for name, value in headers.items()})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        reused = self.connection is not None
        try:
            answer = self._exchange(method, path, body, sent)
        except RETRIED:
            self.close()
            if not reused:  # only a connection the server closed while idle is tried again, as browsers do
                raise
            answer = self._exchange(method, path, body, sent)
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return answer

    def _exchange(self, method: str, path: str, body: bytes | None, headers: Mapping[str, str]) -> Answer:
        if self.connection is None:
            self.connection = self.connect()
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=dict(headers))
            response = self.connection.getresponse()
            answer = Answer(response.status, response.headers, response.read(), time.perf_counter() - started)
        except Exception:
            self.close()
            raise
        if response.will_close:
            self.close()
        return answer

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None


@dataclass(frozen=True)
class FormPage:
    """A hosted form's step as shown: where it posts, its CSRF token and its idempotency key."""

    action: str
    token: str
    key: str


class FormNotShownError(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(f"no form step: {answer.status}")
        self.answer = answer


def open_form(browser: Browser, path: str, seen: Callable[[Answer], None] = lambda _answer: None) -> FormPage:
    """Open a hosted form (``/fr/services/<slug>/apply``) and follow it to its first step, as a browser does;
    ``seen`` is told of each answer."""
    answer = browser.get(path)
    seen(answer)
    while answer.status in (302, 303) and answer.location:
        answer = browser.get(answer.location)
        seen(answer)
    found = [pattern.search(answer.text) for pattern in (FORM_ACTION, TOKEN, FORM_KEY)] if answer.status == 200 else []
    if not found or not all(found):
        raise FormNotShownError(answer)
    action, token, key = (match.group(1) for match in found if match is not None)
    return FormPage(action.replace("&amp;", "&"), token, key)


def multipart(fields: Mapping[str, str], files: Mapping[str, tuple[bytes, str, str]]) -> tuple[str, bytes]:
    """A form with files (field name: content, file name, type) as a browser sends it: its type and its body."""
    values: dict[str, object] = dict(fields)
    values.update({name: FileStorage(BytesIO(content), filename, content_type=kind)
                   for name, (content, filename, kind) in files.items()})  # fmt: skip
    boundary, body = encode_multipart(values)
    return f"multipart/form-data; boundary={boundary}", body
