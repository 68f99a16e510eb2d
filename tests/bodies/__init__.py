"""The test bodies: a small plugin distribution of its own, declared only through ``portal.registry.toolkit``,
that the core's tests assert against, so that a fund's edit of its own content never breaks them.

It is registered for the test session as a separate distribution would be: a ``*.dist-info`` folder whose
``entry_points.txt`` names each body under the ``portal.bodies`` group, on ``sys.path`` (``register``).
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from pathlib import Path

from portal import PROJECT_ROOT
from portal.registry.loader import ENTRY_POINT_GROUP

DISTRIBUTION = "portal-test-bodies"
# code -> entry point, in display order: a ministry, a fund and an agency.
ENTRY_POINTS = {
    "mintest": "tests.bodies.ministry:Ministry",
    "demo": "tests.bodies.fund:Fund",
    "pilote": "tests.bodies.agency:Agency",
}
TEST_BODIES = list(ENTRY_POINTS)
BUNDLED_DISTRIBUTION = "mtess-portal"  # the project itself, whose services/* are its bundled bodies


def register(site: Path) -> None:
    """Write the test bodies' distribution metadata into ``site`` (a folder the caller puts on ``sys.path``)."""
    dist = site / f"{DISTRIBUTION.replace('-', '_')}-1.0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: 1.0\n", encoding="utf-8")
    lines = [f"[{ENTRY_POINT_GROUP}]", *(f"{code} = {target}" for code, target in ENTRY_POINTS.items())]
    (dist / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def environment(site: Path) -> dict[str, str]:
    """The environment variables under which another process (gunicorn) loads the test bodies of ``site`` only."""
    return {
        "PYTHONPATH": os.pathsep.join((str(site), str(PROJECT_ROOT))),
        "PORTAL_ENABLED_BODIES": ",".join(TEST_BODIES),
    }


def bundled_bodies() -> list[str]:
    """The codes of the bodies the project itself ships (services/*), as its installed metadata declares them."""
    return sorted(
        point.name
        for point in entry_points(group=ENTRY_POINT_GROUP)
        if point.dist is not None and point.dist.name == BUNDLED_DISTRIBUTION
    )
