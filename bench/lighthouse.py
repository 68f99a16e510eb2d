"""A phone's first paint: Lighthouse (mobile, performance only) on the home, browse and service pages in Arabic
and French, served as in production: gunicorn on a prepared database behind Debian's nginx with the site of
deploy/nginx.conf (https, gzip and brotli, fingerprinted files kept a year), all on 127.0.0.1.

Lighthouse's default mobile run: a Moto G Power's screen, its CPU slowed four times and a slow 4G line (150 ms,
1.6 Mbit/s) simulated. Each page is run ``--runs`` times; the median of each figure is printed, with the audits
that say what stands in the way (the stylesheets the first paint waits for, unused CSS, the server's response
time). With ``--full-bootstrap``, a second nginx serves the same pages with Bootstrap's full files (as before
``make assets`` reduced them), and the runs alternate between the two, so that both see the same load.

Needs Debian's chromium and nginx, and Lighthouse from package-lock.json's devDependencies, which ``make`` leaves
out: ``npm ci`` installs them. Usage: ``.venv/bin/python -m bench.lighthouse [--runs 3] [--full-bootstrap]
[--paint-holding] [--save bench/results]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.http import prepared_database, start
from portal import PROJECT_ROOT
from tests import nginx_server
from tests.nginx_server import Proxy

LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
FULL_BOOTSTRAP = PROJECT_ROOT / "node_modules" / "bootstrap" / "dist" / "css"
CHROMIUM = "/usr/bin/chromium"
NAME = "portal.test"
PAGES = {
    "home": "/{locale}/",
    "browse": "/{locale}/services?audience=employer",
    "service": "/{locale}/services/maternity-allowance-claim",
}
LOCALES = ("ar", "fr")
# The certificate is the proxy's own (self-signed); the canonical name is resolved to 127.0.0.1 by the browser.
CHROME_FLAGS = f'--headless=new --no-sandbox --ignore-certificate-errors --host-resolver-rules="MAP {NAME} 127.0.0.1"'
# Headless Chromium 156 often presents a page one or two whole seconds after it has painted (a trace: painted at
# 0.17 s, no frame drawn until 1.2 s; Lighthouse issue 17148 reports the same on PageSpeed Insights). Lighthouse takes
# that late paint into its speed index and its simulated first paint, and the score swings with it. Without paint
# holding (Chrome keeping the previous page on screen until the new one has painted) the first paint follows the load
# within milliseconds, as in Playwright's Chromium; --paint-holding keeps Chrome's default.
NO_PAINT_HOLDING = "--disable-features=PaintHolding"


@dataclass(frozen=True)
class Run:
    """One Lighthouse report's figures: score out of 100, times in ms, sizes in bytes."""

    score: float
    fcp: float
    lcp: float
    speed_index: float
    tbt: float  # total blocking time: the main thread's long tasks, which the machine's load lengthens
    transfer: float
    css: float  # the stylesheets the first paint waits for (the critical request chain), as sent
    unused_css: float
    server: float  # the document's response time, as the browser saw it

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> Run:
        audits = report["audits"]

        def value(audit: str) -> float:
            return float(audits[audit].get("numericValue") or 0)

        return cls(
            score=report["categories"]["performance"]["score"] * 100,
            fcp=value("first-contentful-paint"),
            lcp=value("largest-contentful-paint"),
            speed_index=value("speed-index"),
            tbt=value("total-blocking-time"),
            transfer=value("total-byte-weight"),
            css=sum(request["transferSize"] for request in _chains(audits) if ".css" in request["url"]),
            unused_css=float(audits["unused-css-rules"].get("details", {}).get("overallSavingsBytes") or 0),
            server=value("server-response-time"),
        )


def _chains(audits: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every request of the critical request chains (the document, then what its first paint waits for).

    Lighthouse 12's render-blocking-resources audit fails on Chromium 156's traces (its trace engine reads a
    field the new PipelineReporter events lack), so the chain is what says which stylesheets block."""
    pending = list(audits["critical-request-chains"].get("details", {}).get("chains", {}).values())
    while pending:
        node = pending.pop()
        yield node["request"]
        pending.extend(node.get("children", {}).values())


def median(runs: list[Run]) -> Run:
    """Each figure's median over the runs, taken figure by figure."""
    fields = Run.__dataclass_fields__
    return Run(**{name: statistics.median(getattr(run, name) for run in runs) for name in fields})


def lighthouse(url: str, chrome_flags: str, save: Path | None) -> Run:
    """One Lighthouse run of ``url`` (mobile, performance only)."""
    command = [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--output-path=stdout",
               "--quiet", f"--chrome-flags={chrome_flags}"]  # fmt: skip
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    output = subprocess.run(command, env=environment, capture_output=True, text=True, check=True, timeout=300).stdout
    report = json.loads(output)
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse failed on {url}: {report['runtimeError']}")
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        name = url.split("/", 3)[3].replace("/", "_").replace("?", "_").replace("=", "-")
        (save / f"lighthouse-{name}-{len(list(save.iterdir()))}.json").write_text(output, encoding="utf-8")
    return Run.from_report(report)


@contextmanager
def gunicorn(workers: int) -> Iterator[str]:
    """The platform under gunicorn in production, on a prepared database; yields its ``host:port``."""
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "bench-" + "x" * 40,
                       "DATABASE_URL": prepared_database(Path(folder)), "PORTAL_BASE_URL": f"https://{NAME}",
                       "PORTAL_PROXY_COUNT": "1"}  # fmt: skip
        process, port = start("wsgi:app", workers, environment)
        try:
            yield f"127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def full_bootstrap_static() -> Iterator[Path]:
    """A copy of static/ with Bootstrap's full files, as before ``make assets`` reduced them. nginx serves them under
    the names the pages link: it maps a fingerprinted name to its file without checking the fingerprint."""
    with tempfile.TemporaryDirectory() as folder:
        static = Path(folder) / "static"
        shutil.copytree(PROJECT_ROOT / "static", static)
        for name in ("bootstrap.min.css", "bootstrap.rtl.min.css"):
            shutil.copy(FULL_BOOTSTRAP / name, static / "vendor" / "bootstrap" / name)
        yield static


@contextmanager
def proxies(upstream: str, full_bootstrap: bool) -> Iterator[dict[str, Proxy]]:
    """nginx in front of ``upstream`` with the release's static files, and another with Bootstrap's full files when
    asked; each proxy's pages warmed up."""
    with ExitStack() as stack:
        folders = {"": PROJECT_ROOT / "static"}
        if full_bootstrap:
            folders["full Bootstrap"] = stack.enter_context(full_bootstrap_static())
        served: dict[str, Proxy] = {}
        for variant, folder in folders.items():
            proxy = stack.enter_context(nginx_server.throwaway_proxy([upstream], server_name=NAME, static=folder))
            if proxy is None:
                raise SystemExit("nginx is missing (Debian's nginx and openssl)")
            served[variant] = proxy
        yield served


def warm_up(proxy: Proxy, workers: int) -> None:
    """Each page asked for a few times first, so that every worker has opened the database and rendered it once:
    Lighthouse then sees the response time of a running platform, not of one that has just started."""
    for _, path in pages():
        for _ in range(2 * workers):
            connection = proxy.connection()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                connection.getresponse().read()
            finally:
                connection.close()


def pages() -> list[tuple[str, str]]:
    """Each page's label and path, the Arabic ones first."""
    return [(f"{name} {locale}", path.format(locale=locale)) for locale in LOCALES for name, path in PAGES.items()]


def load() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg())


def row(label: str, page: Run) -> str:
    sizes = f"{page.transfer / 1000:>9.1f}{page.css / 1000:>8.1f}{page.unused_css / 1000:>15.1f}"
    times = f"{page.fcp:>8.0f}{page.lcp:>8.0f}{page.speed_index:>7.0f}{page.tbt:>8.0f}"
    return f"{label:<26}{page.score:>6.0f}{times}{sizes}{page.server:>11.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--full-bootstrap", action="store_true", help="also Bootstrap's full files, runs alternating")
    parser.add_argument("--paint-holding", action="store_true", help="Chrome's default (NO_PAINT_HOLDING)")
    parser.add_argument("--save", type=Path, help="a folder to keep every Lighthouse report in (JSON)")
    arguments = parser.parse_args()
    chrome_flags = CHROME_FLAGS if arguments.paint_holding else f"{CHROME_FLAGS} {NO_PAINT_HOLDING}"
    for needed in (LIGHTHOUSE, Path(CHROMIUM)):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: `npm ci` (Lighthouse), `apt-get install chromium`")
    holding = "on" if arguments.paint_holding else "off"
    print(f"Lighthouse mobile, median of {arguments.runs} runs, gunicorn --workers {arguments.workers} behind nginx, "
          f"paint holding {holding}; load average at the start {load()}")  # fmt: skip
    print(f"{'page':<26}{'score':>6}{'FCP ms':>8}{'LCP ms':>8}{'SI ms':>7}{'TBT ms':>8}{'kB sent':>9}"
          f"{'CSS kB':>8}{'unused CSS kB':>15}{'server ms':>11}")  # fmt: skip
    with gunicorn(arguments.workers) as upstream, proxies(upstream, arguments.full_bootstrap) as served:
        for proxy in served.values():
            warm_up(proxy, arguments.workers)
        for label, path in pages():
            runs: dict[str, list[Run]] = {variant: [] for variant in served}
            for _ in range(arguments.runs):
                for variant, proxy in served.items():  # in turn, so that each sees the machine's load alike
                    url = f"https://{NAME}:{proxy.port}{path}"
                    runs[variant].append(lighthouse(url, chrome_flags, arguments.save))
            for variant, measured in runs.items():
                print(row(", ".join(filter(None, (label, variant))), median(measured)), flush=True)
    print(f"load average at the end {load()}")


if __name__ == "__main__":
    main()
