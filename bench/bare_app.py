"""The baseline of the HTTP benchmarks: a bare Flask app that returns a small HTML page, and reads what is posted
(a form with its files, as any app that takes uploads must) before answering the same page."""

from flask import Flask, request

app = Flask(__name__)
PAGE = "<!doctype html><html lang='fr'><head><title>Bare</title></head><body><h1>Bonjour</h1></body></html>"


@app.route("/", methods=["GET", "POST"])
@app.route("/<path:anything>", methods=["GET", "POST"])
def page(anything: str = "") -> str:
    if request.method == "POST":
        _ = request.form, request.files
    return PAGE
