"""What the benchmark scripts share: percentiles, and the machine and commit they ran on."""
import math
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def percentile(values, fraction):
    """Nearest-rank percentile: the smallest value with at least `fraction` of values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{len(os.sched_getaffinity(0))} CPUs (nproc), {model}, load average at start {load}"


def commit(built):
    def git(*args):
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    notes = []
    if git("status", "--porcelain"):
        notes.append("working tree has changes or untracked files")
    if not built:
        notes.append("binary given with --bin, may not be this commit")
    return head + (f" ({'; '.join(notes)})" if notes else "")
