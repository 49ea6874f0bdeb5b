#!/usr/bin/env python3
"""Benchmarks sitrep's core paths and compares them with their targets.

usage: core-bench.py [--bin PATH] [--journal PATH] [--events N] [--runs N] [--note-runs N]

  --bin PATH      a sitrep binary to measure (default: build the release binary into .build-bench)
  --journal PATH  a journal to read (default: generate one with generate-journal.py in a temp folder)
  --events N      events in the generated journal (default 1,000,000, about 120 MB)
  --runs N        timed runs of summary and jq, after one warm-up each (default 5)
  --note-runs N   timed runs of `sitrep note`, `sitrep --help` and `echo >> file` (default 30)

What it measures, all wall-clock around a child process (time.perf_counter), peak memory from
the child's rusage (os.wait4; ru_maxrss is KiB on Linux), not /usr/bin/time:
  - `sitrep summary -j J` and `jq -c 'select(.kind=="note")' J` on the same journal, stdout to
    /dev/null: median and min; their ratio (target jq/summary >= 6x); summary throughput in MB/s
  - peak RSS of `sitrep summary` (target < 100 MB)
  - `sitrep note` as a whole process on a 100-note journal, beside its anchors in the same run:
    `sitrep --help` (start-up alone) and `echo >> file` from sh (a process that only writes), the
    three taking turns so a busy machine slows each alike: median, min and p90 (target: note's
    median at most 5 ms)

It is a benchmark, not a test: it exits 0 whether or not targets are met, and non-zero only
when something could not run (build failure, jq missing, a command failing).
MB here is 10^6 bytes. The figures go to stdout; build output and progress go to stderr.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchsupport import REPO, BenchError, build_binary, commit, machine, percentile, progress, run_child, target_line
SCRATCH = ".build-bench"
MB = 1_000_000

TARGET_RATIO = 6.0     # jq / summary, at least
TARGET_RSS_MB = 100.0  # summary peak RSS, below
TARGET_NOTE_MS = 5.0   # note median, at most


def timed_runs(argv, runs):
    """One warm-up run, then `runs` timed runs: lists of wall seconds and max RSS (KiB)."""
    run_child(argv)
    results = [run_child(argv) for _ in range(runs)]
    return [wall for wall, _ in results], [rss for _, rss in results]


def taking_turns(commands, runs):
    """Each of `commands` (name: argv) warmed up once, then run `runs` times in turn: name: wall seconds."""
    for argv in commands.values():
        run_child(argv)
    walls = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            walls[name].append(run_child(argv)[0])
    return walls


def generate_journal(path, events):
    progress(f"generating {events:,} events into {path}")
    script = REPO / "Benchmarks" / "generate-journal.py"
    if subprocess.run([sys.executable, str(script), str(path), str(events)]).returncode != 0:
        raise BenchError("generate-journal.py failed")


def note_journal(binary, path, notes=100):
    """A small journal of `notes` notes, written by sitrep itself."""
    progress(f"writing {notes} notes into {path}")
    for i in range(notes):
        run_child([str(binary), "note", f"seed note {i}", "-j", str(path), "--actor", "bench"])


def report(r):
    ratio = statistics.median(r["jq"]) / statistics.median(r["summary"])
    rss_mb = max(r["summary_rss"]) * 1024 / MB
    note_median = statistics.median(r["note"]) * 1000
    throughput = r["size"] / MB / statistics.median(r["summary"])
    runs = len(r["summary"])

    print("sitrep core benchmark")
    print(f"  commit   {r['commit']}")
    print(f"  machine  {r['machine']}")
    print(f"  journal  {r['size'] / MB:.1f} MB, {r['lines']:,} lines ({r['origin']})")
    print()
    print(f"  {'measure (wall clock)':<34}{'median':>10}{'min':>10}   note")
    print(f"  {'sitrep summary -j J':<34}{fmt_s(statistics.median(r['summary']))}{fmt_s(min(r['summary']))}"
          f"   {runs} runs after 1 warm-up, {throughput:.0f} MB/s")
    jq_label = 'jq -c select(.kind=="note") J'
    print(f"  {jq_label:<34}{fmt_s(statistics.median(r['jq']))}{fmt_s(min(r['jq']))}"
          f"   {runs} runs after 1 warm-up, peak RSS {max(r['jq_rss']) * 1024 / MB:.1f} MB")
    print(f"  {'ratio jq / summary (medians)':<34}{ratio:>9.1f}x")
    print(f"  {'summary peak RSS (max of runs)':<34}{rss_mb:>7.1f} MB")
    for label, key in (("sitrep note (100-note journal)", "note"), ("sitrep --help", "help"), ("echo >> file (sh)", "echo")):
        print(f"  {label:<34}{fmt_ms(statistics.median(r[key]))}{fmt_ms(min(r[key]))}"
              f"   p90 {percentile(r[key], 0.9) * 1000:.1f} ms over {len(r[key])} runs in turn")
    print(f"  {'ratio note / echo (medians)':<34}{note_median / (statistics.median(r['echo']) * 1000):>9.1f}x")
    print()
    print("targets")
    print(target_line(f"jq / summary >= {TARGET_RATIO:g}x", f"{ratio:.1f}x", ratio >= TARGET_RATIO))
    print(target_line(f"summary peak RSS < {TARGET_RSS_MB:g} MB", f"{rss_mb:.1f} MB", rss_mb < TARGET_RSS_MB))
    print(target_line(f"note median <= {TARGET_NOTE_MS:g} ms", f"{note_median:.1f} ms", note_median <= TARGET_NOTE_MS))


def fmt_s(seconds):
    return f"{seconds:>8.3f} s"


def fmt_ms(seconds):
    return f"{seconds * 1000:>7.1f} ms"


def measure(binary, journal, workdir, runs, note_runs):
    results = {"size": journal.stat().st_size}
    with open(journal, "rb") as f:
        results["lines"] = sum(1 for _ in f)

    progress(f"timing sitrep summary ({runs} runs + warm-up)")
    results["summary"], results["summary_rss"] = timed_runs([str(binary), "summary", "-j", str(journal)], runs)
    progress(f"timing jq ({runs} runs + warm-up)")
    results["jq"], results["jq_rss"] = timed_runs(["jq", "-c", 'select(.kind=="note")', str(journal)], runs)

    small = workdir / "notes.jsonl"
    note_journal(binary, small)
    progress(f"timing sitrep note, sitrep --help and echo >> file ({note_runs} runs each, in turn, + warm-up)")
    echoed = workdir / "echoed.txt"
    results.update(taking_turns({
        "note": [str(binary), "note", "benchmark note", "-j", str(small), "--actor", "bench"],
        "help": [str(binary), "--help"],
        "echo": ["/bin/sh", "-c", 'echo "benchmark note" >> "$1"', "sh", str(echoed)],
    }, note_runs))
    return results


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", type=Path, help="sitrep binary (default: build into .build-bench)")
    parser.add_argument("--journal", type=Path, help="journal to read (default: generate one)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of summary and jq (default 5)")
    parser.add_argument("--note-runs", type=int, default=30, help="timed runs of sitrep note (default 30)")
    arguments = parser.parse_args()
    if arguments.runs < 1 or arguments.note_runs < 1 or arguments.events < 1:
        parser.error("--runs, --note-runs and --events must be at least 1")
    return arguments


def main():
    arguments = parse_arguments()
    host = machine()  # before building or generating, so the load average is other people's work
    try:
        if shutil.which("jq") is None:
            raise BenchError("jq not found; install it with: apt-get install jq")
        binary = arguments.bin.resolve() if arguments.bin else build_binary(SCRATCH)
        if not os.access(binary, os.X_OK):
            raise BenchError(f"{binary} is not an executable")
        if arguments.journal and not arguments.journal.is_file():
            raise BenchError(f"{arguments.journal} is not a file")
        with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as temporary:
            workdir = Path(temporary)
            if arguments.journal:
                journal, origin = arguments.journal.resolve(), f"given: {arguments.journal}"
            else:
                journal, origin = workdir / "journal.jsonl", "generated"
                generate_journal(journal, arguments.events)
            results = measure(binary, journal, workdir, arguments.runs, arguments.note_runs)
        results.update(origin=origin, machine=host, commit=commit(built=arguments.bin is None))
    except BenchError as error:
        print(f"core-bench: {error}", file=sys.stderr)
        return 1
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
