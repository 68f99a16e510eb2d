"""A throwaway PostgreSQL server for ``make test`` on a machine where TEST_DATABASE_URL is not set.

It uses the server binaries of Debian's postgresql package, in a temporary folder, on a free port
of 127.0.0.1, with trust authentication; as root it runs them as the ``postgres`` user, since the
server refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def server_binaries() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` with initdb, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    return found[-1].parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_server() -> Iterator[str | None]:
    """Yield the URL of a new server's ``postgres`` database, or None when no server can be made here."""
    binaries = server_binaries()
    if binaries is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = str(folder / "data"), _free_port()
    initdb, pg_ctl = str(binaries / "initdb"), str(binaries / "pg_ctl")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([initdb, "-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8"])
    _run([pg_ctl, "-D", data, "-o", options, "-l", str(folder / "log"), "-w", "start"])
    try:
        yield f"postgresql://portal@127.0.0.1:{port}/postgres"
    finally:
        _run([pg_ctl, "-D", data, "-m", "fast", "stop"], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str], check: bool = True) -> None:
    subprocess.run(_as_server_user(command), check=check, capture_output=True)
