"""Hosted online services: forms rendered from a plugin's schema, dossiers, uploads, tracking, case handling."""
