"""The JSON API (flask-smorest, OpenAPI) and the open-data exports."""
