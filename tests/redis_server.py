"""A throwaway Redis server for the tests when PORTAL_TEST_REDIS_URL is not set, and for the tests and benchmarks
that stop it and start it again (``RedisServer``): Debian's redis-server on a free port of 127.0.0.1, nothing saved
to disk (a restart starts empty, as a lost Redis would), stopped at the end."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.processes import end, free_port

REDIS_SERVER = "/usr/bin/redis-server"


def answers(url: str) -> bool:
    """Whether a Redis server answers PING at ``url``."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=3, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


def binary() -> str | None:
    """Debian's redis-server, if installed."""
    return shutil.which("redis-server") or (REDIS_SERVER if Path(REDIS_SERVER).exists() else None)


class RedisServer:
    """redis-server on one port of 127.0.0.1, in ``folder``, that can be stopped and started again on that port."""

    def __init__(self, executable: str, folder: Path) -> None:
        self.executable, self.folder, self.port = executable, folder, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start it and return once it answers PING."""
        command = [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                   "no", "--dir", str(self.folder)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop it (what it held is lost: it saves nothing)."""
        if self.process is not None:
            end(self.process)
        self.process = None


@contextmanager
def throwaway_redis() -> Iterator[RedisServer | None]:
    """Yield a new, started server, or None when redis-server is not installed here; stopped and removed after."""
    executable = binary()
    if executable is None:
        yield None
        return
    server = RedisServer(executable, Path(tempfile.mkdtemp(prefix="portal-redis-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@contextmanager
def throwaway_server() -> Iterator[str | None]:
    """Yield the URL of a new server, or None when redis-server is not installed here."""
    with throwaway_redis() as server:
        yield server.url if server is not None else None
