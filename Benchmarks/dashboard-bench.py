#!/usr/bin/env python3
"""Benchmarks the live dashboard in a real terminal (tmux) and compares it with its targets.

usage: dashboard-bench.py [--bin PATH] [--notes N] [--idle-seconds S] [--via-sitrep-note]

  --bin PATH         a sitrep binary to measure (default: build the release binary into .build-e2e)
  --notes N          notes appended for the latency figures (default 50)
  --idle-seconds S   how long the idle dashboard is watched (default 60)
  --via-sitrep-note  append with `sitrep note` processes instead of from this script

The dashboard runs in a detached tmux session of its own (its own socket, no ~/.tmux.conf),
200x50, LANG=C.UTF-8, on a journal in a temporary folder with one incident declared.

Idle CPU: with no key pressed and nothing written, utime + stime of the dashboard process from
/proc/PID/stat before and after the idle period, as a percentage of one core. Voluntary context
switches from /proc/PID/status over the same period show how often it wakes up.

Append-to-screen latency: N distinct notes, one at a time, a random 50-150 ms apart. For each,
the clock starts when the append call starts and stops when `tmux capture-pane` first shows the
note's text. By default this script appends like sitrep's own writers do (exclusive flock, `prev`
chained to the last line, one write, fsync), so the figure is the dashboard's, not a process
start-up's. With --via-sitrep-note each append is a `sitrep note` process, whose start-up counts.
capture-pane is polled back to back, each poll being a tmux client process; a poll takes a few
milliseconds, so every figure is an upper bound, late by up to one poll (the mean poll interval
is printed).

It is a benchmark, not a test: it exits 0 whether or not targets are met, and non-zero only
when something could not run (build failure, tmux missing, the dashboard not starting).
The figures go to stdout; build output and progress go to stderr.
"""
import argparse
import datetime
import fcntl
import hashlib
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchsupport import (BenchError, Tmux, build_binary, commit, machine, percentile, proc_status_number,
                          process_times, progress, target_line, wait_for_text)
SCRATCH = ".build-e2e"
WIDTH, HEIGHT = 200, 50  # wide enough that a note's text is never cut short with …
TITLE = "Benchmark incident"

TARGET_P99_MS = 100.0      # append-to-screen p99, below
TARGET_IDLE_PERCENT = 0.5  # idle CPU in % of one core, below

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


# MARK: Appending

def journal_line_id():
    """12 characters of Crockford base32 from 60 random bits, like sitrep's ids."""
    bits = secrets.randbits(60)
    return "".join(CROCKFORD[(bits >> shift) & 31] for shift in range(55, -1, -5))


def rfc3339_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def last_line(fd):
    """The journal's last complete line, without its newline; reads only the file's tail."""
    size = os.fstat(fd).st_size
    if size == 0:
        return None
    tail = os.pread(fd, min(size, 1 << 17), max(0, size - (1 << 17)))
    if not tail.endswith(b"\n"):
        raise BenchError("the journal ends with an unfinished line; this script does not repair it")
    return tail[:-1].rsplit(b"\n", 1)[-1]


def append_note(journal, text):
    """Appends a note as sitrep's writers do (see docs/journal-format.md): exclusive flock, `prev` =
    SHA-256 of the last line, sitrep's field order, one write(), fsync."""
    fd = os.open(journal, os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        now = rfc3339_now()
        event = {"ts": now, "kind": "note", "actor": "bench", "text": text, "logged": now, "id": journal_line_id()}
        previous = last_line(fd)
        if previous is not None:
            event["prev"] = hashlib.sha256(previous).hexdigest()
        line = (json.dumps(event, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
        if os.write(fd, line) != len(line):
            raise BenchError("short write to the journal")
        os.fsync(fd)
    finally:
        os.close(fd)  # releases the lock


def sitrep(binary, *arguments):
    done = subprocess.run([str(binary), *arguments], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"sitrep {' '.join(arguments)} exited {done.returncode}: {done.stderr.strip()}")


# MARK: Measuring

def measure_latency(tmux, binary, journal, notes, via_sitrep_note):
    """Per note: seconds from the append call starting to the text first on screen, and how long the
    append call itself took. Also the total polls and polling time, for the mean poll interval."""
    latencies, append_times = [], []
    polls, polling = 0, 0.0
    pace = random.Random(1)  # the same pauses every run
    for index in range(notes):
        text = f"bench note {index:03d} {secrets.token_hex(4)}"
        start = time.perf_counter()
        if via_sitrep_note:
            # Polled while the process runs: the dashboard may show the note before it exits.
            writer = subprocess.Popen([str(binary), "note", text, "-j", str(journal), "--actor", "bench"],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        else:
            append_note(journal, text)
            append_times.append(time.perf_counter() - start)
        poll_start = time.perf_counter()
        seen = exited = None
        while seen is None and time.perf_counter() - start < 5:
            screen = tmux.screen()
            polls += 1
            if text in screen:
                seen = time.perf_counter()
            if via_sitrep_note and exited is None and writer.poll() is not None:
                exited = time.perf_counter()
        polling += time.perf_counter() - poll_start
        if via_sitrep_note:
            _, errors = writer.communicate()
            append_times.append((exited or time.perf_counter()) - start)
            if writer.returncode != 0:
                raise BenchError(f"sitrep note exited {writer.returncode}: {errors.decode().strip()}")
        if seen is None:
            raise BenchError(f"note {index} was not on screen after 5 s")
        latencies.append(seen - start)
        time.sleep(0.05 + pace.random() * 0.1)
    return latencies, append_times, polling / max(1, polls)


def voluntary_switches(pid):
    return proc_status_number(pid, "voluntary_ctxt_switches") or 0


def measure_idle(pid, seconds):
    """CPU seconds and voluntary context switches of `pid` over `seconds` of wall clock."""
    cpu_before, switches_before = process_times(pid), voluntary_switches(pid)
    wall_start = time.monotonic()
    time.sleep(seconds)
    wall = time.monotonic() - wall_start
    return process_times(pid) - cpu_before, voluntary_switches(pid) - switches_before, wall


# MARK: Setup and report

def start_dashboard(tmux, binary, folder, journal):
    """Starts the dashboard and returns its pid once its first screen is drawn."""
    # The pane runs env, which execs sitrep: the pane's pid is the dashboard's.
    tmux.start(folder, ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "LANG=C.UTF-8", str(binary), "-j", str(journal),
                        "--actor", "bench", "--no-bell"])
    if not wait_for_text(tmux, TITLE, 10):
        raise BenchError(f"the dashboard did not show the incident within 10 s; screen:\n{tmux.screen()}")
    pid = int(tmux.display("#{pane_pid}"))
    with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
        if comm.read().strip() != binary.name[:15]:  # the kernel keeps 15 characters of the name
            raise BenchError(f"pane process {pid} is not {binary.name}")
    return pid


def report(r):
    ms = [x * 1000 for x in r["latencies"]]
    p50, p99, worst = statistics.median(ms), percentile(ms, 0.99), max(ms)
    idle_percent = r["idle_cpu"] / r["idle_wall"] * 100
    how = "`sitrep note` processes" if r["via_sitrep_note"] else "this script (flock, prev-chained line, fsync)"

    print("sitrep dashboard benchmark")
    print(f"  commit   {r['commit']}")
    print(f"  machine  {r['machine']}")
    print(f"  binary   {r['binary']}")
    print(f"  tmux     {r['tmux']}, {WIDTH}x{HEIGHT}, TERM={r['term']}")
    print()
    print(f"  append-to-screen latency, {len(ms)} notes appended by {how}")
    print(f"    p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   max {worst:7.1f} ms   min {min(ms):7.1f} ms")
    call = "each `sitrep note` process, start to exit (seen between polls)" if r["via_sitrep_note"] \
        else "the append call itself"
    print(f"    {call}: median {statistics.median(r['append_times']) * 1000:.1f} ms"
          f", max {max(r['append_times']) * 1000:.1f} ms")
    if not r["via_sitrep_note"]:
        # The writer's own time (its fsync above all) is not the dashboard's: this is what is left.
        after = [(seen - call) * 1000 for seen, call in zip(r["latencies"], r["append_times"])]
        print(f"    from the append returning to on screen: p50 {statistics.median(after):.1f} ms"
              f"   p99 {percentile(after, 0.99):.1f} ms   max {max(after):.1f} ms")
    print(f"    capture-pane polled back to back, one poll every {r['poll_interval'] * 1000:.1f} ms on average:")
    print("    each figure is an upper bound, late by up to one poll")
    if len(ms) < 100:
        print(f"    with {len(ms)} samples, p99 (nearest rank) is the largest")
    print()
    print(f"  idle, {r['idle_wall']:.1f} s with no keys and no journal writes")
    print(f"    CPU (utime + stime) {r['idle_cpu'] * 1000:.0f} ms = {idle_percent:.3f}% of one core"
          f"   (clock tick {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms)")
    print(f"    voluntary context switches {r['idle_switches']} = {r['idle_switches'] / r['idle_wall']:.2f} wake-ups/s")
    print()
    print("targets")
    print(target_line(f"append-to-screen p99 < {TARGET_P99_MS:g} ms", f"{p99:.1f} ms", p99 < TARGET_P99_MS, width=36))
    print(target_line(f"idle CPU < {TARGET_IDLE_PERCENT:g}% of one core", f"{idle_percent:.3f}%",
                      idle_percent < TARGET_IDLE_PERCENT, width=36))


def measure(binary, notes, idle_seconds, via_sitrep_note):
    results = {"via_sitrep_note": via_sitrep_note}
    tmux = Tmux(WIDTH, HEIGHT)
    with tempfile.TemporaryDirectory(prefix="sitrep-dashboard-bench-") as temporary:
        folder = Path(temporary)
        journal = folder / "incident.jsonl"
        sitrep(binary, "declare", TITLE, "--severity", "SEV2", "-j", str(journal), "--actor", "bench")
        try:
            pid = start_dashboard(tmux, binary, folder, journal)
            results["tmux"] = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
            results["term"] = tmux.run("show-options", "-gv", "default-terminal").strip()
            time.sleep(1)  # let start-up work settle before watching it idle
            progress(f"watching the idle dashboard for {idle_seconds:g} s")
            results["idle_cpu"], results["idle_switches"], results["idle_wall"] = measure_idle(pid, idle_seconds)
            progress(f"appending {notes} notes")
            results["latencies"], results["append_times"], results["poll_interval"] = measure_latency(
                tmux, binary, journal, notes, via_sitrep_note)
        finally:
            tmux.stop()
    return results


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", type=Path, help="sitrep binary (default: build into .build-e2e)")
    parser.add_argument("--notes", type=int, default=50, help="notes appended for latency (default 50)")
    parser.add_argument("--idle-seconds", type=float, default=60, help="idle period watched (default 60)")
    parser.add_argument("--via-sitrep-note", action="store_true",
                        help="append with `sitrep note` processes instead of from this script")
    arguments = parser.parse_args()
    if arguments.notes < 1 or arguments.idle_seconds <= 0:
        parser.error("--notes must be at least 1 and --idle-seconds above 0")
    return arguments


def main():
    arguments = parse_arguments()
    host = machine()  # before building, so the load average is other people's work
    try:
        if shutil.which("tmux") is None:
            raise BenchError("tmux not found; install it with: apt-get install tmux")
        if not Path("/proc/self/stat").exists():
            raise BenchError("needs /proc (Linux) to read the dashboard's CPU time")
        binary = arguments.bin.resolve() if arguments.bin else build_binary(SCRATCH)
        if not os.access(binary, os.X_OK):
            raise BenchError(f"{binary} is not an executable")
        results = measure(binary, arguments.notes, arguments.idle_seconds, arguments.via_sitrep_note)
        results.update(machine=host, commit=commit(built=arguments.bin is None), binary=binary)
    except BenchError as error:
        print(f"dashboard-bench: {error}", file=sys.stderr)
        return 1
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
