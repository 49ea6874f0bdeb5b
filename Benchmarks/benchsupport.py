"""What the benchmark scripts share: percentiles, and the machine and commit they ran on."""
import math
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """Something the benchmark needs could not run."""


def progress(message):
    print(message, file=sys.stderr, flush=True)


def build_binary(scratch):
    """Builds the release `sitrep` in its own scratch folder (a developer's .build stays untouched)."""
    command = ["swift", "build", "-c", "release", "--product", "sitrep", "--scratch-path", scratch]
    progress(f"building: {' '.join(command)}")
    if subprocess.run(command, cwd=REPO, stdout=sys.stderr).returncode != 0:
        raise BenchError("swift build failed")
    shown = subprocess.run(command + ["--show-bin-path"], cwd=REPO, capture_output=True, text=True)
    binary = Path(shown.stdout.strip()) / "sitrep"
    if shown.returncode != 0 or not binary.is_file():
        raise BenchError(f"built binary not found (swift build --show-bin-path said {shown.stdout.strip()!r})")
    return binary


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


def process_times(pid):
    """utime + stime of a process, in seconds (all its threads, not its children)."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        # The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)
    return ticks / os.sysconf("SC_CLK_TCK")


def proc_status_number(pid, field):
    """The first number of one /proc/PID/status field (VmHWM in kB, voluntary_ctxt_switches, ...), or None."""
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def target_line(target, figure, met, width=28):
    """One row of a benchmark's targets table: what is aimed at, the figure, met or not."""
    return f"  {target:<{width}}{figure:>10}   {'met' if met else 'NOT MET'}"
