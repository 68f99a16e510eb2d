"""The funds' back ends as the platform's connectors reach them: see ``app.py`` and ``openapi/``."""
