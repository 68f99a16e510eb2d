"""The operators' commands: ``flask bodies list`` and ``flask catalogue sync``."""

from __future__ import annotations

from flask import Flask

from tests.conftest import AppFactory


def test_bodies_list_prints_the_bodies_with_kind_and_services(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["bodies", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["code", "kind", "services", "acronym"]
    rows = [line.split() for line in lines[1:-1]]
    assert rows == [
        ["mintest", "ministry", "2", "MINTEST"],
        ["demo", "fund", "6", "DEMO"],
        ["pilote", "agency", "4", "APE"],
    ]
    assert lines[-1] == "3 bodies"


def test_catalogue_sync_reports_what_it_did(make_app: AppFactory) -> None:
    app = make_app()  # already migrated and synced once
    result = app.test_cli_runner().invoke(args=["catalogue", "sync"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "bodies: 3",
        "services created: 0",
        "services updated: 0",
        "services unchanged: 12",
        "services retired: 0",
        "edits by people kept: 0",
    ]


def test_the_first_administrator_belongs_to_the_ministry_whatever_its_code(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["users", "create", "--email", "Admin@Ministere.example.dz", "--name",
                                                "Administratrice", "--password", "a long enough password"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "created ministry_admin admin@ministere.example.dz of mintest"
