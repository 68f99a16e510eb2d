"""The operators' commands: ``flask bodies list`` and ``flask catalogue sync``."""

from __future__ import annotations

from flask import Flask

from tests.conftest import AppFactory


def test_bodies_list_prints_the_seven_bodies_with_kind_and_services(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["bodies", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["code", "kind", "services", "acronym"]
    rows = [line.split() for line in lines[1:-1]]
    assert rows == [
        ["mtess", "ministry", "2", "MTESS"],
        ["cnas", "fund", "7", "CNAS"],
        ["cnr", "fund", "2", "CNR"],
        ["casnos", "fund", "2", "CASNOS"],
        ["cnac", "fund", "1", "CNAC"],
        ["cacobatph", "fund", "4", "CACOBATPH"],
        ["anem", "agency", "2", "ANEM"],
    ]
    assert lines[-1] == "7 bodies"


def test_catalogue_sync_reports_what_it_did(make_app: AppFactory) -> None:
    app = make_app()  # already migrated and synced once
    result = app.test_cli_runner().invoke(args=["catalogue", "sync"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "bodies: 7",
        "services created: 0",
        "services updated: 0",
        "services unchanged: 20",
        "services retired: 0",
        "edits by people kept: 0",
    ]
