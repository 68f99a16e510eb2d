"""The bodies of the sector: one plugin package each, registered as ``portal.bodies`` entry points."""
