"""Stand-ins for systems outside the platform, each a separate process speaking a documented interface."""
