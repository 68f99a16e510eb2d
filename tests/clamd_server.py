"""A throwaway ClamAV daemon for the tests: Debian's clamd in the foreground, on a Unix socket in a temporary folder,
with a signature database made here (no download): the EICAR test signature, matched anywhere in a file, so that a
PDF carrying the EICAR string is found infected whatever surrounds it. Stopped at the end of the session."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.processes import end

CLAMD = "/usr/sbin/clamd"
# The standard antivirus test file (eicar.org): harmless, and every antivirus reports it.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"


def answers(path: str) -> bool:
    """Whether clamd answers PING on the Unix socket at ``path``."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(3)
            connection.connect(path)
            connection.sendall(b"nPING\n")
            return connection.recv(16).strip() == b"PONG"
    except OSError:
        return False


@contextmanager
def throwaway_server() -> Iterator[str | None]:
    """Yield the path of a new clamd's socket, or None when clamd is not installed here (or does not start)."""
    binary = shutil.which("clamd") or (CLAMD if Path(CLAMD).exists() else None)
    if binary is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-clamd-"))
    (folder / "db").mkdir()
    # An .ndb body signature: name, target type 0 (any file), offset * (anywhere), the bytes in hexadecimal.
    (folder / "db" / "eicar.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
    path = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"Foreground yes\nLocalSocket {path}\nDatabaseDirectory {folder / 'db'}\nPidFile {folder / 'clamd.pid'}\n"
        f"TemporaryDirectory {folder}\nLogFile {folder / 'clamd.log'}\n"
    )  # run as the user who starts it (root in CI: clamd drops privileges only when told a User)
    process = subprocess.Popen(
        [binary, "--config-file", str(folder / "clamd.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while not answers(str(path)):
            if process.poll() is not None or time.monotonic() > deadline:
                yield None
                return
            time.sleep(0.05)
        yield str(path)
    finally:
        end(process)
        shutil.rmtree(folder, ignore_errors=True)
