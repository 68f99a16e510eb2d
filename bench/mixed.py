"""A mixed load on ``make run``'s web server: 200 connections, one request in three a search no cache holds.

The platform runs as ``make run`` runs it (gunicorn, 2 sync workers, the page cache on, its access log), on the demo
catalogue; wrk (Debian's) sends, through a Lua script, two requests of pages and API reads (home, browse with a
filter, service pages, the API list, in both languages) for one search made of two words of the catalogue's titles
and a filter: about 15,000 distinct searches, so that the caches answer almost none of them. Bare Flask takes the
same load for comparison. Prints requests per second, p50/p99 latency, errors, and the ratio. Only 127.0.0.1.

Usage: ``.venv/bin/python -m bench.mixed [--seconds 20] [--connections 200] [--workers 2]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import select

from bench.http import prepared_database, start
from portal import create_app
from portal.catalogue.models import Service, ServiceText
from portal.extensions import db

PAGES = ["/fr/", "/ar/", "/fr/services?audience=employer", "/ar/services?life_event=retiring",
         "/api/v1/services?per_page=20", "/api/v1/services?per_page=20&body=cnas"]  # fmt: skip
AUDIENCES = ["", "&audience=employer", "&audience=salaried", "&audience=job_seeker", "&audience=retiree"]
SCRIPT = """
local pages = {%(pages)s}
local words = {%(words)s}
local audiences = {%(audiences)s}
local turn = 0
request = function()
  turn = turn + 1
  if turn %% 3 == 0 then
    local lang = (math.random(2) == 1) and "ar" or "fr"
    local q = words[math.random(#words)] .. "+" .. words[math.random(#words)]
    return wrk.format(nil, "/" .. lang .. "/services?q=" .. q .. audiences[math.random(#audiences)])
  end
  return wrk.format(nil, pages[math.random(#pages)])
end
"""


def lua_list(items: list[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def catalogue_words(uri: str) -> tuple[list[str], list[str]]:
    """Words of four letters or more of the services' titles (URL-encoded), and the services' pages."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": uri})
    with app.app_context():
        titles = db.session.scalars(select(ServiceText.title)).all()
        slugs = db.session.scalars(select(Service.slug).where(Service.published_at.is_not(None))).all()
    words = sorted({word for title in titles for word in re.findall(r"\w{4,}", title)})
    pages = [f"/{lang}/services/{slug}" for slug in slugs for lang in ("ar", "fr")]
    return [quote(word) for word in words], pages


def run_wrk(port: int, script: Path, seconds: int, connections: int) -> dict[str, float]:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s", str(script),
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    figures = {"rate": float(_found(r"Requests/sec:\s+([\d.]+)", output)), "requests": 0.0, "errors": 0.0}
    figures["requests"] = float(_found(r"(\d+) requests in", output))
    figures["p50"], figures["p99"] = (_milliseconds(output, share) for share in ("50%", "99%"))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["errors"] = sum(int(n) for n in errors.groups()) if errors else 0
    figures["errors"] += int(non_2xx.group(1)) if non_2xx else 0
    return figures


def _found(pattern: str, output: str) -> str:
    match = re.search(pattern, output)
    if match is None:
        raise SystemExit(f"wrk's output did not say {pattern!r}:\n{output}")
    return match.group(1)


def _milliseconds(output: str, share: str) -> float:
    value, unit = re.search(rf"{share}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("this benchmark needs Debian's wrk (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as folder:
        uri = prepared_database(Path(folder))
        words, service_pages = catalogue_words(uri)
        script = Path(folder) / "mixed.lua"
        values = {"pages": lua_list(PAGES + service_pages), "words": lua_list(words),
                  "audiences": lua_list(AUDIENCES)}  # fmt: skip
        script.write_text(SCRIPT % values)
        environment = {**os.environ, "PORTAL_ENV": "production", "PORTAL_SECRET_KEY": "bench-" + "x" * 40,
                       "DATABASE_URL": uri}  # fmt: skip
        pages = len(PAGES) + len(service_pages)
        print(f"gunicorn --workers {arguments.workers} (make run's), page cache on, {arguments.connections} "
              f"connections for {arguments.seconds} s; one request in three a search of two of {len(words)} words "
              f"and one of {len(AUDIENCES)} audience filters; the rest among {pages} pages")  # fmt: skip
        print(f"{'server':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
        rates = {}
        for name, app_path in (("platform", "wsgi:app"), ("bare", "bench.bare_app:app")):
            process, port = start(app_path, arguments.workers, environment)
            try:
                figures = run_wrk(port, script, arguments.seconds, arguments.connections)
            finally:
                process.terminate()
                process.wait(timeout=10)
            rates[name] = figures["rate"]
            print(f"{name:<10}{figures['rate']:>9.0f}{figures['p50']:>9.1f}{figures['p99']:>9.1f}"
                  f"{figures['requests']:>10.0f}{figures['errors']:>8.0f}")  # fmt: skip
        print(f"ratio to bare Flask: {rates['platform'] / rates['bare']:.2f}")


if __name__ == "__main__":
    main()
