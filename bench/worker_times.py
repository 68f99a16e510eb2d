"""The time each request spent in a gunicorn worker, read from the hosts' access logs (``tests.stack.running`` with
``access_logs``), by kind: what the platform itself costs, without the waits in the queues of nginx and gunicorn."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path


def kind_of(method: str, path: str, query: str) -> str:
    """The kind bench/traffic.py gives the request: its only POSTs are the hosted form's last step."""
    if method == "POST":
        return "submit"
    if "/apply" in path or path.endswith("/receipt"):
        return "form"
    if path.startswith("/api/"):
        return "api"
    return "search" if path.endswith("/services") and "q=" in query else "page"


class AccessLogs:
    """The hosts' access logs from the moment this object is made."""

    def __init__(self, folder: Path) -> None:
        self.offsets = {path: path.stat().st_size for path in sorted(folder.glob("access-*.log"))}

    def times(self) -> dict[str, list[float]]:
        """Seconds in the worker, by kind, of every request logged since."""
        found: dict[str, list[float]] = defaultdict(list)
        for log, offset in self.offsets.items():
            with log.open("rb") as lines:
                lines.seek(offset)
                for line in lines.read().decode(errors="replace").splitlines():
                    method, _, rest = line.partition(" ")
                    path, query, _status, microseconds = rest.rsplit(" ", 3)
                    found[kind_of(method, path, query.removeprefix("?"))].append(int(microseconds) / 1e6)
        found["all"] = [time for kind in list(found) for time in found[kind]]
        return found
