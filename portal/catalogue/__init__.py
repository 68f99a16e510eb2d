"""Citizen pages: home, browse, search, service page, life events."""
