"""Starting and ending the servers the tests start (gunicorn, nginx, the sandboxes, Redis, clamd, the mail sink)."""

from __future__ import annotations

import socket
import subprocess
from typing import Any

GRACE = 10.0  # seconds a server has to stop on SIGTERM before it is killed


def end(process: subprocess.Popen[Any], grace: float = GRACE) -> None:
    """Ask ``process`` to stop (SIGTERM), and kill it if it has not within ``grace`` seconds: gunicorn waits for
    a worker still holding a connection up to its graceful timeout (30 s), and a loaded machine is slow to stop
    a server; neither may fail the test that used it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)


def free_port() -> int:
    """A port of 127.0.0.1 the system says is free, not one from a fixed list: two test processes scanning the
    same list at once (pytest-xdist) picked the same port, and one's client then talked to the other's server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
