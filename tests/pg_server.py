"""A throwaway PostgreSQL server for ``make test`` on a machine where TEST_DATABASE_URL is not set, and for the
benchmarks, which stop and start it again under load (``PostgresServer.stop``/``start``).

It uses the server binaries of Debian's postgresql package, in a temporary folder, on a free port
of 127.0.0.1, with trust authentication; as root it runs them as the ``postgres`` user, since the
server refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import free_port


def server_binaries() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` with initdb, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    return found[-1].parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass(frozen=True)
class PostgresServer:
    """A cluster of our own in ``folder``, on ``port`` of 127.0.0.1: stopped and started again on the same port with
    the same data, as a restart or a failover would."""

    binaries: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        """The ``postgres`` database, as the ``portal`` role (trusted)."""
        return f"postgresql://portal@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        """Start the server and return once it accepts connections."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def stop(self) -> None:
        """Stop at once, as a crash or a failover would: the connections are cut, transactions under way undone."""
        self._pg_ctl("-m", "fast", "-w", "stop", check=False)

    def _pg_ctl(self, *arguments: str, check: bool = True) -> None:
        _run([str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), *arguments], check=check)


@contextmanager
def throwaway_cluster() -> Iterator[PostgresServer | None]:
    """Yield a new, started server, or None when no server can be made here; removed afterwards."""
    binaries = server_binaries()
    if binaries is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = PostgresServer(binaries, folder, free_port())
    _run([str(binaries / "initdb"), "-D", str(folder / "data"), "-U", "portal", "--auth=trust", "-E", "UTF8"])
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def throwaway_server() -> Iterator[str | None]:
    """Yield the URL of a new server's ``postgres`` database, or None when no server can be made here."""
    with throwaway_cluster() as server:
        yield server.url if server is not None else None


def _run(command: list[str], check: bool = True) -> None:
    subprocess.run(_as_server_user(command), check=check, capture_output=True)
