"""The core is ``portal/``: no top-level folder may shadow a standard-library module."""

from __future__ import annotations

import subprocess
import sys

from portal import PROJECT_ROOT


def test_uuid_and_sqlalchemy_import_from_the_repository_root() -> None:
    script = "import platform, uuid, sqlalchemy; print(platform.__file__); print(uuid.uuid4().version)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    platform_file, version = result.stdout.split()
    assert not platform_file.startswith(str(PROJECT_ROOT / "platform"))
    assert version == "4"


def test_no_top_level_package_is_named_after_a_stdlib_module() -> None:
    top_level = {path.stem for path in PROJECT_ROOT.iterdir() if path.suffix in {"", ".py"} and path.name[0] != "."}
    assert top_level & sys.stdlib_module_names == set()
