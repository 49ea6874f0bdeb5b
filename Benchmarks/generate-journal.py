#!/usr/bin/env python3
"""Writes a large synthetic incident journal for benchmarks: mostly health and pool samples,
one event in ten a note, in the shape of the seed outage (a pool creeping to saturation).

usage: generate-journal.py OUT [EVENTS]   (default 1,000,000 events, about 130 MB)
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone


def main():
    # A dash-led first argument is an option, never a file name: `--help` once wrote 120 MB into ./--help.
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        print(__doc__.strip(), file=sys.stdout if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else sys.stderr)
        sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 64)
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(42)
    start = datetime(2023, 6, 1, 9, 0, tzinfo=timezone.utc)
    services = ["web", "api", "auth", "search", "billing"]
    pools = ["primary", "replica", "sessions"]
    step = timedelta(milliseconds=65)
    with open(out, "w", encoding="utf-8") as f:
        def write(event):
            f.write(json.dumps(event, separators=(",", ":"), ensure_ascii=False) + "\n")

        write({"ts": stamp(start), "kind": "declare", "title": "Web application outage",
               "severity": "SEV1", "impact": "All users cannot reach the application", "actor": "alice"})
        for i in range(1, total):
            ts = stamp(start + step * i)
            load = min(1.0, i / (total * 0.6))
            roll = i % 10
            if roll == 0:
                write({"ts": ts, "kind": "note", "actor": rng.choice(["alice", "bob", "carol"]),
                       "text": f"checked {rng.choice(services)} again, iteration {i}"})
            elif roll % 2 == 1:
                service = services[i % len(services)]
                latency = round(40 + load * 4000 * rng.random(), 1)
                state = "up" if latency < 500 else ("degraded" if latency < 3000 else "down")
                write({"ts": ts, "kind": "health", "service": service, "state": state,
                       "latency_ms": latency, "actor": "collector"})
            else:
                pool = pools[i % len(pools)]
                in_use = min(50, int(5 + load * 50 * rng.random() + load * 20))
                waiting = max(0, int(load * 60 * rng.random()) - 20) if in_use >= 50 else 0
                write({"ts": ts, "kind": "pool", "pool": pool, "in_use": in_use, "max": 50,
                       "waiting": waiting, "actor": "collector"})


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


if __name__ == "__main__":
    main()
