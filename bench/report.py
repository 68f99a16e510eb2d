"""What bench/ops.py prints: each scenario's figures by kind (with bare Flask's for the load), what must hold, and
a summary table for the README."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.invariants import Dossiers, Emails
from bench.traffic import KINDS, Recording, figures, percentiles


@dataclass
class Outcome:
    name: str
    recording: Recording
    worker_times: dict[str, list[float]]  # seconds each request spent in a gunicorn worker, by kind
    dossiers: Dossiers
    emails: Emails
    notes: list[str] = field(default_factory=list)
    bare: Recording | None = None


def print_outcome(outcome: Outcome) -> None:
    print(f"\n== {outcome.name}: {rate(outcome.recording):.0f} requests a second")
    for note in outcome.notes:
        print(f"   {note}")
    bare = figures(outcome.bare) if outcome.bare else {}
    print(f"   {'kind':<8}{'requests':>9}{'errors':>7}{'503':>6}{'p50 ms':>9}{'p99 ms':>9}{'in worker p50':>15}"
          f"{'p99':>8}" + (f"{'bare Flask p50':>16}{'p99':>8}" if bare else ""))  # fmt: skip
    for kind, found in figures(outcome.recording).items():
        inside = "{:>15.1f}{:>8.1f}".format(*percentiles(outcome.worker_times.get(kind, [])))
        extra = f"{bare[kind].p50:>16.1f}{bare[kind].p99:>8.1f}" if kind in bare else ""
        counts = f"{found.requests:>9}{found.errors:>7}{found.unavailable:>6}"
        print(f"   {kind:<8}{counts}{found.p50:>9.1f}{found.p99:>9.1f}{inside}{extra}")
    if outcome.bare:
        print(f"   bare Flask: {rate(outcome.bare):.0f} requests a second")
    print("   " + invariants_line(outcome))
    for line in outcome.recording.unexpected:
        print(f"   error: {line}")


def rate(recording: Recording) -> float:
    return sum(len(recording.tallies[kind].latencies) for kind in KINDS) / recording.seconds


def invariants_line(outcome: Outcome) -> str:
    found, sent = outcome.dossiers, outcome.emails
    return (f"dossiers acknowledged {found.acknowledged}, found {found.found} (missing {found.missing}, stored but "
            f"never acknowledged {found.unacknowledged}, incomplete {found.incomplete}; pending uploads left "
            f"{found.pending_left}, files no row names {found.stray_files}); emails queued {sent.queued}, delivered "
            f"{sent.delivered}, duplicates {sent.duplicates} (all in {sent.seconds:.0f} s) -> "
            + ("holds" if found.holds and sent.holds else "DOES NOT HOLD"))  # fmt: skip


def print_summary(outcomes: list[Outcome]) -> None:
    print("\n| scenario | requests | req/s | errors | 503 | p50 ms | p99 ms | dossiers acknowledged / found | "
          "emails queued / delivered | duplicate emails |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")  # fmt: skip
    for outcome in outcomes:
        every = figures(outcome.recording)["all"]
        found, sent = outcome.dossiers, outcome.emails
        print(f"| {outcome.name} | {every.requests} | {rate(outcome.recording):.0f} | {every.errors} | "
              f"{every.unavailable} | {every.p50:.0f} | {every.p99:.0f} | {found.acknowledged} / {found.found} | "
              f"{sent.queued} / {sent.delivered} | {sent.duplicates} |")  # fmt: skip
        if outcome.bare:
            bare = figures(outcome.bare)["all"]
            print(f"| bare Flask, same load | {bare.requests} | {rate(outcome.bare):.0f} | {bare.errors} | "
                  f"{bare.unavailable} | {bare.p50:.0f} | {bare.p99:.0f} | – | – | – |")  # fmt: skip
