"""Serve the sandbox funds: ``python -m sandbox.funds --port 8020`` (``make run`` starts it on 127.0.0.1:8020)."""

from __future__ import annotations

import argparse
from pathlib import Path

from werkzeug.serving import make_server

from sandbox.funds.app import SEED, create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8020)
    parser.add_argument("--seed", type=Path, default=SEED)
    arguments = parser.parse_args()
    server = make_server(arguments.host, arguments.port, create_app(arguments.seed), threaded=True)
    print(f"sandbox funds on http://{arguments.host}:{server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
