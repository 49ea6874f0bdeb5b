#!/usr/bin/env python3
"""Writes examples/seed-outage.jsonl: the seed outage (June 1-2, 2023) as a sitrep journal.

A connection pool capped at 50 is exhausted under load from 09:00; monitoring alerts at 09:15;
a restart fails; the database team finds the pool limit at 11:30; raising it mitigates at 12:00;
the remaining fix ships in the night's maintenance window and the incident is resolved at 03:00.
Health and pool samples are written on change and at least every 10 minutes, as a collector would.
The lines carry `id` and `prev`, so `sitrep verify` checks the file like one sitrep wrote itself.

usage: make-seed-outage.py [OUT]   (default: seed-outage.jsonl beside this script)
"""
import hashlib
import json
import os
import sys
from datetime import datetime, timedelta, timezone

DAY = datetime(2023, 6, 1, tzinfo=timezone.utc)


def at(hhmm, day=0):
    hours, minutes = hhmm.split(":")
    return DAY + timedelta(days=day, hours=int(hours), minutes=int(minutes))


def people():
    """What the responders and monitoring recorded, straight from the seed postmortem."""
    return [
        (at("09:15"), {"kind": "alert", "service": "web", "level": "critical",
                       "text": "p99 response time above 5 s", "actor": "monitoring"}),
        (at("09:20"), {"kind": "declare", "title": "Web application outage", "severity": "SEV1",
                       "impact": "All users cannot reach the application",
                       "started": "2023-06-01T09:00:00Z", "actor": "alice"}),
        (at("09:20"), {"kind": "role", "role": "commander", "who": "alice", "actor": "alice"}),
        (at("09:30"), {"kind": "note", "actor": "alice",
                       "text": "Investigation began: application servers and the database are the suspects"}),
        (at("10:00"), {"kind": "note", "actor": "bob",
                       "text": "Application logs: database connection failures (timeout acquiring a connection)"}),
        (at("10:15"), {"kind": "mitigation", "state": "started", "actor": "bob",
                       "text": "Restarting the database server to restore connections"}),
        (at("10:25"), {"kind": "mitigation", "state": "failed", "actor": "bob",
                       "text": "Database restart: the issue persisted, connections exhausted again within minutes"}),
        (at("11:00"), {"kind": "escalation", "to": "database administration", "actor": "bob",
                       "text": "Restart did not help; need the DBA team's expertise"}),
        (at("11:00"), {"kind": "role", "role": "ops", "who": "carol", "actor": "alice"}),
        (at("11:30"), {"kind": "cause", "actor": "carol",
                       "text": "Connection pool misconfigured: its limit (50) is far below peak load, "
                               "so connections are exhausted and new ones denied"}),
        (at("11:30"), {"kind": "status", "state": "identified", "actor": "alice"}),
        (at("12:00"), {"kind": "mitigation", "state": "applied", "actor": "carol",
                       "text": "Raised the connection pool size from 50 to 200"}),
        (at("12:10"), {"kind": "status", "state": "monitoring", "actor": "alice",
                       "text": "Pool has headroom; web still slow under peak load"}),
        (at("14:00"), {"kind": "note", "actor": "carol",
                       "text": "Resource allocation changes tested; deploying in tonight's maintenance window"}),
        (at("01:00", 1), {"kind": "mitigation", "state": "started", "actor": "carol",
                          "text": "Deploying optimised resource allocation in the maintenance window"}),
        (at("02:40", 1), {"kind": "mitigation", "state": "applied", "actor": "carol",
                          "text": "Optimised resource allocation deployed"}),
        (at("03:00", 1), {"kind": "status", "state": "resolved", "actor": "alice",
                          "text": "Web application fully operational"}),
        (at("03:05", 1), {"kind": "task", "owner": "carol", "actor": "alice",
                          "text": "Size the database connection pool for peak user load, and review it quarterly"}),
        (at("03:06", 1), {"kind": "task", "owner": "alice", "actor": "alice",
                          "text": "Alert on connection pool saturation and waiting clients"}),
        (at("03:07", 1), {"kind": "task", "owner": "bob", "actor": "alice",
                          "text": "Automated load tests that simulate peak traffic against the pool limits"}),
        (at("03:08", 1), {"kind": "task", "owner": "bob", "actor": "alice",
                          "text": "Aggregate application and database logs for faster troubleshooting"}),
        (at("03:09", 1), {"kind": "task", "owner": "carol", "actor": "alice",
                          "text": "Training session on database performance tuning"}),
    ]


def pool_at(moment):
    """The primary pool: creeping up from 08:30, exhausted 09:02-12:00, then headroom at 200."""
    minutes = (moment - at("08:30")).total_seconds() / 60
    if moment < at("09:02"):
        return min(50, 20 + int(minutes)), 50, 0
    if moment < at("10:15"):
        return 50, 50, min(37, 3 + int((moment - at("09:02")).total_seconds() / 120))
    if moment < at("10:20"):
        return 0, 50, 0  # the restart dropped every connection
    if moment < at("12:00"):
        return 50, 50, min(41, 8 + int((moment - at("10:20")).total_seconds() / 180))
    if moment < at("02:40", 1):
        return 150, 200, 0
    return 90, 200, 0


def web_at(moment):
    if moment < at("09:04"):
        return "up", 120, None
    if moment < at("09:10"):
        return "degraded", 2400, None
    if moment < at("12:00"):
        return "down", None, "HTTP 503 from the load balancer: upstream timed out"
    if moment < at("02:40", 1):
        return "degraded", 850, None
    return "up", 110, None


def db_at(moment):
    if at("10:15") <= moment < at("10:20"):
        return "down", None, "restarting"
    return "up", 4, None


def samples():
    """Samples every minute, written when they change or 10 minutes after the last one."""
    moment = at("08:30")
    last = {}
    while moment <= at("03:30", 1):
        series = {
            ("pool", "primary"): pool_at(moment),
            ("health", "web"): web_at(moment),
            ("health", "db"): db_at(moment),
        }
        for key, value in series.items():
            previous = last.get(key)
            if previous and previous[0] == value and moment - previous[1] < timedelta(minutes=10):
                continue
            last[key] = (value, moment)
            yield moment, sample(key, value)
        moment += timedelta(minutes=1)


def sample(key, value):
    kind, name = key
    if kind == "pool":
        in_use, maximum, waiting = value
        return {"kind": "pool", "pool": name, "in_use": in_use, "max": maximum, "waiting": waiting,
                "idle": maximum - in_use, "actor": "collector"}
    state, latency, reason = value
    event = {"kind": "health", "service": name, "state": state, "actor": "collector"}
    if latency is not None:
        event["latency_ms"] = latency
    if reason:
        event["text"] = reason
    return event


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "seed-outage.jsonl")
    # Samples come 2 s after the minute so that, at the same minute, a person's entry reads first.
    entries = [(moment, 0, event) for moment, event in people()]
    entries += [(moment + timedelta(seconds=2), 1, event) for moment, event in samples()]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    previous_hash = None
    with open(out, "w", encoding="utf-8") as journal:
        for number, (moment, _, event) in enumerate(entries, start=1):
            line_event = {"ts": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), **event, "id": f"seed-{number:04d}"}
            if previous_hash:
                line_event["prev"] = previous_hash
            line = json.dumps(line_event, separators=(",", ":"), ensure_ascii=False)
            journal.write(line + "\n")
            previous_hash = hashlib.sha256(line.encode("utf-8")).hexdigest()


if __name__ == "__main__":
    main()
