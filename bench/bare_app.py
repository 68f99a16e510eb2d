"""The baseline of the HTTP benchmark: a bare Flask app that returns a small HTML page."""

from flask import Flask

app = Flask(__name__)
PAGE = "<!doctype html><html lang='fr'><head><title>Bare</title></head><body><h1>Bonjour</h1></body></html>"


@app.get("/")
@app.get("/<path:anything>")
def page(anything: str = "") -> str:
    return PAGE
