"""The sandbox of the funds' back ends: each fund's interface (``openapi/<fund>.yaml``) answered from ``seed.json``.

A small Flask app of its own, served as a separate process (``python -m sandbox.funds``); it imports nothing of the
platform. Each fund lives under ``/<fund>/v1``. What tests need and a real fund never exposes is under ``/_sandbox``:
the text messages it "sent" (the one-time codes), the faults to inject (latency, server errors, malformed answers),
the calls it received and the payments it recorded.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, jsonify, request

SEED = Path(__file__).with_name("seed.json")
CODE_TRIES = 3
Json = dict[str, Any]


@dataclass
class Fault:
    mode: str  # latency | error | malformed | wrong_shape
    seconds: float = 0.0
    times: int | None = None  # requests it affects; None: until cleared


@dataclass
class State:
    """What the sandbox remembers while it runs (a real fund's database, in small)."""

    seed: Json
    lock: threading.Lock = field(default_factory=threading.Lock)
    outbox: list[Json] = field(default_factory=list)
    challenges: dict[str, Json] = field(default_factory=dict)
    payments: dict[str, Json] = field(default_factory=dict)  # by idempotency key
    faults: dict[str, Fault] = field(default_factory=dict)  # by fund ("*": every fund)
    calls: dict[str, int] = field(default_factory=dict)


def create_app(seed: Path = SEED) -> Flask:
    app = Flask(__name__)
    state = State(json.loads(seed.read_text(encoding="utf-8")))
    app.extensions["sandbox"] = state
    app.before_request(_count_and_inject)
    app.after_request(_spoil)
    app.register_error_handler(404, lambda error: (jsonify(error="not found"), 404))
    _fund_routes(app, state)
    _control_routes(app, state)
    return app


def _state() -> State:
    from flask import current_app

    state: State = current_app.extensions["sandbox"]
    return state


def _fund_of_request() -> str | None:
    parts = request.path.strip("/").split("/")
    return parts[0] if len(parts) > 1 and parts[1] == "v1" else None


def _count_and_inject() -> Response | None:
    fund = _fund_of_request()
    if fund is None:
        return None
    state = _state()
    with state.lock:
        state.calls[fund] = state.calls.get(fund, 0) + 1
        fault = state.faults.get(fund) or state.faults.get("*")
        if fault is not None and fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                state.faults = {key: value for key, value in state.faults.items() if value is not fault}
    if fault is None:
        return None
    if fault.mode == "latency":
        time.sleep(fault.seconds)
        return None
    if fault.mode == "error":
        return Response('{"error": "internal error"}', 500, mimetype="application/json")
    g.spoil = fault.mode
    return None


def _spoil(response: Response) -> Response:
    """A malformed answer: cut JSON; or a well-formed one without the fields the interface promises."""
    spoil = g.pop("spoil", None)
    if spoil == "malformed":
        response.set_data(response.get_data()[: max(len(response.get_data()) // 2, 1)])
    elif spoil == "wrong_shape":
        response.set_data(b'{"unexpected": true}')
    return response


def _body() -> Json:
    """The request's JSON object; anything else is an empty one (the fund then answers what is missing)."""
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _person(fund: str, person: str) -> Json:
    found = _state().seed["funds"].get(fund, {}).get("persons", {}).get(person)
    if found is None:
        abort(404)
    return dict(found)


def _who(person: Json) -> Json:
    identity: Json = _state().seed["people"][person["who"]]
    return identity


def _find(fund: str, **wanted: str) -> str | None:
    people = _state().seed["people"]
    for reference, person in _state().seed["funds"].get(fund, {}).get("persons", {}).items():
        identity = people[person["who"]]
        if all(identity.get(key) == value and value for key, value in wanted.items()):
            return str(reference)
    return None


def _fund_routes(app: Flask, state: State) -> None:
    @app.post("/<fund>/v1/persons/search")
    def search(fund: str) -> Any:
        body = _body()
        reference = _find(fund, nss=str(body.get("nss", "")), birth_date=str(body.get("birth_date", "")))
        if reference is None:
            return jsonify(error="no person with this number and date of birth"), 404
        phone = state.seed["people"][state.seed["funds"][fund]["persons"][reference]["who"]]["phone"]
        challenge, code = secrets.token_hex(12), f"{secrets.randbelow(10**6):06d}"
        with state.lock:
            state.challenges[challenge] = {"fund": fund, "person": reference, "code": code, "tries": 0}
            state.outbox.append({"fund": fund, "phone": phone, "code": code, "at": time.time()})
        app.logger.warning("sandbox %s: code %s sent to %s", fund, code, phone)  # `make run`: read it in the log
        return jsonify(challenge=challenge, phone_hint="•• •• " + phone[-4:-2] + " " + phone[-2:])

    @app.post("/<fund>/v1/persons/confirm")
    def confirm(fund: str) -> Any:
        body = _body()
        with state.lock:
            pending = state.challenges.get(str(body.get("challenge", "")))
            if pending is None or pending["fund"] != fund or pending["tries"] >= CODE_TRIES:
                return jsonify(error="no such challenge, or too many tries"), 422
            pending["tries"] += 1
            if not secrets.compare_digest(str(body.get("code", "")), pending["code"]):
                return jsonify(error="wrong code"), 422
            del state.challenges[str(body["challenge"])]
        return jsonify(person=pending["person"])

    @app.post("/<fund>/v1/persons/match")
    def match(fund: str) -> Any:
        body = _body()
        reference = _find(fund, nin=str(body.get("nin", "")), birth_date=str(body.get("birth_date", "")))
        if reference is None:
            return jsonify(error="no person with this NIN and date of birth"), 404
        return jsonify(person=reference)

    @app.get("/<fund>/v1/persons/<person>/career")
    def career(fund: str, person: str) -> Any:
        found = _person(fund, person)
        if "periods" not in found:
            abort(404)
        return jsonify(person=person, name=_who(found)["name"], birth_date=_who(found)["birth_date"],
                       periods=found["periods"], years=found["years"], gaps=found["gaps"],
                       pension=found.get("pension"))  # fmt: skip

    @app.get("/<fund>/v1/persons/<person>/retirement-account")
    def retirement_account(fund: str, person: str) -> Any:
        found = _person(fund, person)
        if "years" not in found:
            abort(404)
        paid: dict[int, float] = {}  # the arrears paid online, by year (recorded by record_payment)
        for line in state.payments.values():
            if line["person"] == person and "year" in line and not line.get("cancelled"):
                paid[int(line["year"])] = paid.get(int(line["year"]), 0) + float(line["amount"])
        years = [{**line, "paid": min(line["due"], line["paid"] + paid.get(line["year"], 0))}
                 for line in found["years"]]  # fmt: skip
        return jsonify(person=person, years=years, arrears=sum(line["due"] - line["paid"] for line in years))

    @app.get("/<fund>/v1/persons/<person>/affiliation")
    def affiliation(fund: str, person: str) -> Any:
        found = _person(fund, person)
        return jsonify(person=person, name=_who(found)["name"], **found["affiliation"])

    @app.get("/<fund>/v1/persons/<person>/quarters")
    def quarters(fund: str, person: str) -> Any:
        found = _person(fund, person)
        paid = {payment["quarter"] for payment in state.payments.values()
                if payment["person"] == person and "quarter" in payment and not payment.get("cancelled")}  # fmt: skip
        lines = [{**line, "paid": line["paid"] or line["quarter"] in paid} for line in found.get("quarters", [])]
        return jsonify(person=person, quarters=lines, due=sum(line["amount"] for line in lines if not line["paid"]))

    @app.post("/<fund>/v1/persons/<person>/payments")
    def payment(fund: str, person: str) -> Any:
        _person(fund, person)
        key = request.headers.get("Idempotency-Key", "")
        body = _body()
        periods = {"quarter", "year"} & set(body)  # a quarter of contributions (CNAS), a year of arrears (CASNOS)
        if not key or len(periods) != 1 or not {"amount", "paid_at", "receipt"} <= set(body):
            return jsonify(error="an Idempotency-Key and quarter or year, amount, paid_at, receipt are required"), 422
        with state.lock:
            if key in state.payments:
                return jsonify(state.payments[key]), 200
            state.payments[key] = {"id": f"PAY-{len(state.payments) + 1:05d}", "person": person, **body}
            return jsonify(state.payments[key]), 201

    @app.post("/<fund>/v1/persons/<person>/payments/cancel")
    def cancel_payment(fund: str, person: str) -> Any:
        """A payment refunded: the one recorded under ``recorded_key`` is reversed (its quarter or year is due
        again); cancelling it again gives the same answer."""
        _person(fund, person)
        body = _body()
        if not request.headers.get("Idempotency-Key") or not isinstance(body.get("recorded_key"), str) or \
                not {"refunded_at", "reason"} <= set(body):  # fmt: skip
            return jsonify(error="an Idempotency-Key and recorded_key, refunded_at, reason are required"), 422
        with state.lock:
            recorded = state.payments.get(body["recorded_key"])
            if recorded is None or recorded["person"] != person:
                return jsonify(error="no payment recorded under this key"), 404
            if not recorded.get("cancelled"):
                recorded.update(cancelled=True, cancelled_at=str(body["refunded_at"]))
            return jsonify(recorded), 200

    @app.get("/<fund>/v1/persons/<person>/employers")
    def employers_of(fund: str, person: str) -> Any:
        found = _person(fund, person)
        return jsonify(person=person, employers=[state.seed["employers"][code] for code in found.get("represents", [])])

    @app.get("/<fund>/v1/persons/<person>/paid-leave")
    def paid_leave(fund: str, person: str) -> Any:
        found = _person(fund, person)
        if "leave" not in found:
            abort(404)
        return jsonify(person=person, periods=found["leave"])

    @app.get("/<fund>/v1/employers/<employer>/account")
    def employer_account(fund: str, employer: str) -> Any:
        found = state.seed["funds"].get(fund, {}).get("employers", {}).get(employer)
        if found is None:
            abort(404)
        return jsonify(employer=state.seed["employers"][employer], years=found["years"])

    @app.get("/<fund>/v1/employers/<employer>/declarations/<int:year>")
    def annual_declaration(fund: str, employer: str, year: int) -> Any:
        """The year's declaration, as the account's year records it (a worker's months: 12 unless the seed says)."""
        found = state.seed["funds"].get(fund, {}).get("employers", {}).get(employer)
        declared = next((line for line in (found or {}).get("years", []) if line["year"] == year), None)
        if declared is None:
            abort(404)
        workers = [{"months": 12, **worker} for worker in declared["workers"]]
        return jsonify(employer=state.seed["employers"][employer], year=year, workers=workers)


def _control_routes(app: Flask, state: State) -> None:
    """For tests and demonstrations only: a real fund exposes none of this."""

    @app.get("/_sandbox/outbox")
    def outbox() -> Any:
        return jsonify(messages=state.outbox)

    @app.put("/_sandbox/faults/<fund>")
    def set_fault(fund: str) -> Any:
        body = _body()
        if body.get("mode") not in {"latency", "error", "malformed", "wrong_shape"}:
            return jsonify(error="mode: latency, error, malformed or wrong_shape"), 422
        with state.lock:
            state.faults[fund] = Fault(body["mode"], float(body.get("seconds", 0)), body.get("times"))
        return jsonify(fund=fund, mode=body["mode"])

    @app.delete("/_sandbox/faults")
    def clear_faults() -> Any:
        with state.lock:
            state.faults.clear()
        return jsonify(cleared=True)

    @app.get("/_sandbox/calls")
    def calls() -> Any:
        return jsonify(state.calls)

    @app.get("/_sandbox/payments")
    def payments() -> Any:
        return jsonify(payments=list(state.payments.values()))

    @app.get("/_sandbox/health")
    def health() -> Any:
        return jsonify(ok=True)
