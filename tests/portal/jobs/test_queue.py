"""The queue that wakes the workers, on the embedded default: a SQLite file beside the platform's database."""

from __future__ import annotations

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
