"""Debian's nginx in front of gunicorn, for the tests and the benchmarks: the production site (deploy/nginx.conf)
rendered for a temporary folder, free ports of 127.0.0.1, the given gunicorn hosts and a self-signed certificate
for the canonical name, run as a child process (not a daemon), stopped at the end; and an HTTPS client for it.

Brotli is switched on, as in production, when Debian's libnginx-mod-http-brotli-filter is installed."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from portal import PROJECT_ROOT
from tests.processes import end, free_port

NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
SITE = PROJECT_ROOT / "deploy" / "nginx.conf"
BROTLI_SNIPPET = PROJECT_ROOT / "deploy" / "nginx-brotli.conf"
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")

# What Debian's /etc/nginx/nginx.conf gives the site in production, with every path in the temporary folder.
MAIN = """\
{user}worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
{modules}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/portal.conf;
}}
"""


def available() -> bool:
    """Whether nginx can run here: Debian's nginx, and openssl to make its certificate."""
    return Path(NGINX).exists() and shutil.which("openssl") is not None


def brotli_available() -> bool:
    return BROTLI_MODULE.exists()


def render(values: Mapping[str, str]) -> str:
    """deploy/nginx.conf with every ``@NAME@`` outside comments replaced by ``values[NAME]``."""
    lines = SITE.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(
        line if line.lstrip().startswith("#") else PLACEHOLDER.sub(lambda found: values[found[1]], line)
        for line in lines
    )


@dataclass(frozen=True)
class Proxy:
    """A running nginx: the name it serves, its https and http ports on 127.0.0.1, its folder (logs, certificate)."""

    server_name: str
    port: int
    http_port: int
    folder: Path

    @property
    def certificate(self) -> Path:
        return self.folder / "certificate.pem"

    def connection(self, source: str = "127.0.0.1", timeout: float = 30) -> ProxyConnection:
        return ProxyConnection(self, source, timeout)


class ProxyConnection(http.client.HTTPConnection):
    """HTTPS to the proxy under its canonical name (TLS server name and Host), trusting its certificate, from
    ``source``: another address of the loopback network (127.0.0.2) is another client to nginx."""

    def __init__(self, proxy: Proxy, source: str = "127.0.0.1", timeout: float = 30) -> None:
        super().__init__(proxy.server_name, proxy.port, timeout=timeout)
        self.proxy, self.source = proxy, (source, 0)
        self.tls = ssl.create_default_context(cafile=str(proxy.certificate))

    def connect(self) -> None:
        raw = socket.create_connection(("127.0.0.1", self.proxy.port), self.timeout, self.source)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.proxy.server_name)


@contextmanager
def throwaway_proxy(
    upstreams: Sequence[str], server_name: str = "portal.test", static: Path = PROJECT_ROOT / "static", workers: int = 1
) -> Iterator[Proxy | None]:
    """Yield nginx in front of the gunicorn ``upstreams`` ("127.0.0.1:8001"), or None when it cannot run here."""
    if not available():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    proxy = Proxy(server_name, free_port(), free_port(), folder)
    process: subprocess.Popen[bytes] | None = None
    try:
        _configure(proxy, upstreams, static, workers)
        command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
        with (folder / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _wait_until_listening(proxy, process)
        yield proxy
    finally:
        if process is not None:
            end(process)
        shutil.rmtree(folder, ignore_errors=True)


def _configure(proxy: Proxy, upstreams: Sequence[str], static: Path, workers: int) -> None:
    folder, key = proxy.folder, proxy.folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "2", "-subj", f"/CN={proxy.server_name}", "-addext", f"subjectAltName=DNS:{proxy.server_name}",
         "-keyout", str(key), "-out", str(proxy.certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = render({
        "SERVER_NAME": proxy.server_name, "HTTPS": f"127.0.0.1:{proxy.port}", "HTTP": f"127.0.0.1:{proxy.http_port}",
        "CERTIFICATE": str(proxy.certificate), "CERTIFICATE_KEY": str(key), "STATIC": str(static.resolve()),
        "UPSTREAMS": "\n    ".join(f"server {upstream};" for upstream in upstreams),
    })  # fmt: skip
    (folder / "portal.conf").write_text(site, encoding="utf-8")
    modules = ""
    if brotli_available():
        modules = f"load_module {BROTLI_MODULE};"
        (folder / "snippets").mkdir()
        shutil.copy(BROTLI_SNIPPET, folder / "snippets" / "portal-brotli.conf")
    # As root, nginx would run its workers as nobody, who cannot enter the temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = MAIN.format(user=user, workers=workers, folder=folder, modules=modules)
    (folder / "nginx.conf").write_text(main, encoding="utf-8")


def _wait_until_listening(proxy: Proxy, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while process.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", proxy.port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    logs = [proxy.folder / "stderr.log", proxy.folder / "error.log"]
    raise RuntimeError("nginx did not start:\n" + "".join(log.read_text() for log in logs if log.exists()))
