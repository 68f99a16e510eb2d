"""The queue that wakes the workers, on the embedded default: a SQLite file beside the platform's database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from huey import SqliteHuey

from tests.conftest import AppFactory


def test_the_embedded_broker_is_a_file_beside_the_database_wherever_that_is(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """A database outside the project's instance folder (DATABASE_URL on a fresh checkout, a test's folder): the
    broker's file goes beside it, not into an instance folder that may not exist, where no worker could boot."""
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'portal.db'}", JOBS_BROKER=None)
    huey = app.extensions["jobs"].huey
    assert isinstance(huey, SqliteHuey)
    assert Path(huey.storage.filename) == tmp_path / "portal-jobs-queue.db"
    huey.enqueue(app.extensions["jobs"].periodic["jobs-sweep"].s())  # the file can be written
    assert huey.pending_count() == 1


READER = """
import sys, tempfile
from portal import create_app
folder = tempfile.mkdtemp()
app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/portal.db", "SECRET_KEY": "k" * 32})
with app.app_context():
    from flask_migrate import upgrade
    upgrade()
client = app.test_client()
paths = ("/fr/", "/ar/services?q=retraite", "/api/v1/services", "/fr/account/sign-in")
statuses = [client.get(path).status_code for path in paths]
heavy = ("huey", "psycopg", "redis", "authlib", "joserfc", "cryptography", "requests")
print(statuses, sorted(name for name in heavy if name in sys.modules))
"""


def test_a_web_worker_that_only_reads_never_loads_the_broker_nor_the_oauth_and_http_libraries() -> None:
    """Huey's storage imports the Redis and PostgreSQL clients: some 20 MB of a worker that only serves reads;
    Authlib with joserfc and cryptography, and requests, some 15 MB more (bench/memory.py)."""
    answer = subprocess.run([sys.executable, "-c", READER], capture_output=True, text=True, check=True, timeout=120)
    assert answer.stdout.splitlines()[-1] == "[200, 200, 200, 200] []"
