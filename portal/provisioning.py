"""``flask catalogue sync`` (also run by ``make run`` and the tests' databases), in the order the modules need.

The catalogue upserts the plugins' bodies and services and retires those a plugin no longer declares (the dashboard
records the statuses it sets, through its listener), then the rules get the first values of the rules the plugins
declare. Both steps are idempotent, so a sync interrupted between them is completed by the next one.
"""

from __future__ import annotations

from portal.catalogue.sync import SyncReport, sync_catalogue
from portal.extensions import db
from portal.registry import Registry
from portal.rules.models import seed_rules


def sync_from_plugins(registry: Registry) -> SyncReport:
    """The catalogue's sync (committed), then the rules' seeding (committed); the catalogue's report."""
    report = sync_catalogue(registry)
    seed_rules(list(registry.rules.values()))
    db.session.commit()
    return report
