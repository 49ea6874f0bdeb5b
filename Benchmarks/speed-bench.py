#!/usr/bin/env python3
"""Every row of issue 14's speed table in one run: sitrep beside its anchors, the target, met or not.

usage: speed-bench.py [--bin PATH] [--events N] [--runs N] [--frame-runs N] [--note-runs N]
                      [--key-entries N] [--key-rounds N]

  --bin PATH        a sitrep binary to measure (default: build the release binary into .build-bench)
  --events N        events in the generated journal (default 1,000,000, about 120 MB)
  --runs N          timed runs of each reading command and its anchors, after one warm-up (default 5)
  --frame-runs N    starts of the dashboard and of replay, after one warm-up (default 3)
  --note-runs N     timed runs of `sitrep note`, `sitrep --help` and `echo >> file` (default 30)
  --key-entries N   timeline entries of the journal the keys are pressed on (default 400,000)
  --key-rounds N    times each key is pressed (default 10)

The journals, in a temporary folder:
  - J: what generate-journal.py writes (health and pool samples, one event in ten a note), with
    one closing note whose text marks the incident's last timeline entry.
  - J chained: J's lines with an `id` and a `prev` each, as sitrep writes them, for `verify` and
    sha256sum (verify of J itself would time a million "written without prev" problems).
  - K: a declaration and N-1 notes (every seventh mentions "zulu"), for the keys.

Rows, all wall clock (time.perf_counter) around a child process or a tmux command:
  - summary, timeline, report: `sitrep CMD -j J` > /dev/null, median of the runs; anchors in the
    same run: `jq -c 'select(.kind=="note")' J` and `wc -l J`. The reading commands and their
    anchors run in rounds, each once a round, so a change of load touches them alike. Targets: summary at least 10x
    faster than jq; timeline and report at most 2x summary.
  - verify: `sitrep verify -j 'J chained'` (it must exit 0) beside `sha256sum` of the same file.
    Target: at most 2x sha256sum.
  - dashboard and replay first frame: from `tmux respawn-pane` starting `sitrep -j J` (replay:
    `sitrep replay -j J --from LAST --paused`, LAST the closing note's time) in a 200x60 pane to
    capture-pane first showing the closing note. The dashboard shows a long journal's last stretch
    and every entry people wrote first, then folds the earlier samples, its header saying "reading
    earlier samples" until they are in; replay shows the same first read at LAST while it indexes
    the recording, its banner saying "indexing the recording": the time to either is printed too
    ("then whole history").
    Peak memory is VmHWM of the pane's sitrep process (/proc/PID/status) read once the whole
    history is in. Targets: 0.4 s, and peak memory at most J's size.
  - sitrep note as a process on a 100-note journal, beside `sitrep --help` and
    `sh -c 'echo ... >> file'`. Target: median at most 5 ms.
  - keys on K's timeline in the dashboard: Home, End, PgUp and a filter keystroke (`z` after `/`),
    from `tmux send-keys` to capture-pane (with colours, so a moved selection counts) first showing
    the pane below the header changed. Anchor: the same
    round trip for a key echoed by a pane running `cat`, which is what tmux alone costs (client
    processes of a few ms each). Target: 16 ms over that round trip, for the worst key's median.

The load average (1 minute) at the start of each row is printed beside it: the machine may be
shared, and a figure taken under load says so.

It is a benchmark, not a test: it exits 0 whether or not targets are met, and non-zero only when
something could not run (build failure, jq or tmux missing, a command failing, a screen that never
came). MB here is 10^6 bytes. The figures go to stdout; build output and progress go to stderr.
"""
import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchsupport import (REPO, BenchError, Tmux, build_binary, commit, machine, percentile, proc_status_number,
                          progress, run_child, wait_for_screen)
SCRATCH = ".build-bench"
MB = 1_000_000
WIDTH, HEIGHT = 200, 60
LAST_TEXT = "speed-bench closing note"
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"

TARGET_SUMMARY_VS_JQ = 10.0   # jq / summary, at least
TARGET_VERIFY_VS_SHA = 2.0    # verify / sha256sum, at most
TARGET_VS_SUMMARY = 2.0       # timeline or report / summary, at most
TARGET_FIRST_FRAME_S = 0.4    # dashboard and replay, at most
TARGET_PEAK_VS_FILE = 1.0     # peak memory / journal size, at most
TARGET_NOTE_MS = 5.0          # sitrep note median, at most
TARGET_KEY_MS = 16.0          # a key's median over the tmux round trip, at most


# MARK: Journals

def generate_journal(path, events):
    progress(f"generating {events:,} events into {path}")
    script = REPO / "Benchmarks" / "generate-journal.py"
    if subprocess.run([sys.executable, str(script), str(path), str(events)]).returncode != 0:
        raise BenchError("generate-journal.py failed")
    with open(path, "rb") as journal:
        journal.seek(max(0, path.stat().st_size - 4096))
        last = json.loads(journal.read().splitlines()[-1])
    closing = parse_time(last["ts"]) + timedelta(seconds=1)
    with open(path, "a", encoding="utf-8") as journal:
        journal.write(json.dumps({"ts": stamp(closing), "kind": "note", "actor": "bench", "text": LAST_TEXT},
                                 separators=(",", ":")) + "\n")
    return stamp(closing)


def chained_copy(source, target):
    """source's lines with an `id` and a `prev` (SHA-256 of the line before) each, as sitrep writes them."""
    progress(f"chaining {source.name} into {target.name}")
    previous = None
    with open(source, "rb") as lines, open(target, "wb") as out:
        for number, line in enumerate(lines):
            extra = f',"id":"{event_id(number)}"' + (f',"prev":"{previous}"' if previous else "")
            chained = line.rstrip(b"\n")[:-1] + extra.encode() + b"}"
            out.write(chained + b"\n")
            previous = hashlib.sha256(chained).hexdigest()


def event_id(number):
    """12 characters of Crockford base32 like sitrep's ids, distinct for distinct numbers (an odd
    multiplier is a bijection modulo 2^60)."""
    bits = (number * 0x9E3779B97F4A7C15) & ((1 << 60) - 1)
    return "".join(CROCKFORD[(bits >> shift) & 31] for shift in range(55, -1, -5))


def key_journal(path, entries):
    progress(f"writing a {entries:,}-entry timeline into {path}")
    start = datetime(2023, 6, 1, 9, 0)
    with open(path, "w", encoding="utf-8") as journal:
        journal.write(json.dumps({"ts": stamp(start), "kind": "declare", "title": "Key benchmark incident",
                                  "severity": "SEV2", "actor": "bench"}, separators=(",", ":")) + "\n")
        for number in range(1, entries):
            text = f"entry {number:06d}" + (" zulu" if number % 7 == 0 else "")
            journal.write(json.dumps({"ts": stamp(start + timedelta(milliseconds=50 * number)), "kind": "note",
                                      "actor": "bench", "text": text}, separators=(",", ":")) + "\n")
    return f"entry {entries - 1:06d}"


def parse_time(text):
    return datetime.strptime(text.rstrip("Z")[:23], "%Y-%m-%dT%H:%M:%S.%f")


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# MARK: Measuring

def load():
    return os.getloadavg()[0]


def timed_runs(argv, runs):
    """One warm-up run, then `runs` timed ones: wall seconds of each."""
    run_child(argv)
    return [run_child(argv)[0] for _ in range(runs)]


def reading_rows(binary, journal, chained, runs):
    """Each command once per round, the rounds one after another: a command and its anchor are
    timed minutes apart otherwise, and a change of load between them moved their ratio."""
    commands = [
        ("wc", ["wc", "-l", str(journal)]),
        ("jq", ["jq", "-c", 'select(.kind=="note")', str(journal)]),
        ("summary", [str(binary), "summary", "-j", str(journal)]),
        ("timeline", [str(binary), "timeline", "-j", str(journal)]),
        ("report", [str(binary), "report", "-j", str(journal)]),
        ("sha256sum", ["sha256sum", str(chained)]),
        ("verify", [str(binary), "verify", "-j", str(chained)]),
    ]
    progress(f"warming up {', '.join(name for name, _ in commands)}")
    loads = {}
    for name, argv in commands:
        loads[name] = load()
        run_child(argv)
    times = {name: [] for name, _ in commands}
    for round_number in range(1, runs + 1):
        progress(f"timing the reading commands, round {round_number} of {runs}")
        for name, argv in commands:
            times[name].append(run_child(argv)[0])
    return {name: (loads[name], times[name]) for name, _ in commands}


def dashboard_argv(binary, journal):
    # env execs sitrep, so the pane's process is sitrep itself.
    return ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "LANG=C.UTF-8", str(binary), "-j", str(journal),
            "--actor", "bench", "--no-bell"]


def replay_argv(binary, journal, last_time):
    return ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "LANG=C.UTF-8", str(binary), "replay", "-j", str(journal),
            "--from", last_time, "--paused", "--no-bell"]


# What a long journal's first frame says until the whole history is in: the dashboard's header
# while it folds the earlier samples, replay's banner while it indexes the recording.
READING_HISTORY = ("reading earlier samples", "indexing the recording")


def reading_history(screen):
    return any(phrase in screen for phrase in READING_HISTORY)


def first_frame(tmux, binary, argv, text):
    """Seconds from starting argv in the pane to `text` on screen; seconds to the whole history on
    screen (a long journal's dashboard folds its earlier samples after the first frame, and says so
    in its header until they are in); the process's VmHWM then (kB), the peak of the whole load."""
    tmux.respawn(["cat"])  # the previous program gone, and its memory with it
    time.sleep(0.5)
    start = time.perf_counter()
    tmux.respawn(argv)
    screen = wait_for_screen(tmux, lambda screen: text in screen, 60)
    elapsed = time.perf_counter() - start
    if screen is None:
        raise BenchError(f"{text!r} not on screen 60 s after starting {' '.join(argv)}; screen:\n{tmux.screen()}")
    whole = elapsed
    if reading_history(screen):
        if wait_for_screen(tmux, lambda screen: not reading_history(screen), 60) is None:
            raise BenchError(f"the history was still being read 60 s after starting {' '.join(argv)}")
        whole = time.perf_counter() - start
    pid = tmux.pane_pid()
    with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
        if comm.read().strip() != binary.name[:15]:  # the kernel keeps 15 characters of the name
            raise BenchError(f"pane process {pid} is not {binary.name}")
    return elapsed, proc_status_number(pid, "VmHWM"), whole


def frame_rows(tmux, binary, journal, last_time, runs):
    figures = {}
    for name, argv in [("dashboard", dashboard_argv(binary, journal)),
                       ("replay", replay_argv(binary, journal, last_time))]:
        progress(f"timing the {name}'s first frame ({runs} runs + warm-up)")
        at = load()
        first_frame(tmux, binary, argv, LAST_TEXT)
        figures[name] = (at, [first_frame(tmux, binary, argv, LAST_TEXT) for _ in range(runs)])
    tmux.respawn(["cat"])
    return figures


def note_rows(binary, folder, runs):
    small = folder / "notes.jsonl"
    progress(f"writing 100 notes into {small}")
    for index in range(100):
        run_child([str(binary), "note", f"seed note {index}", "-j", str(small), "--actor", "bench"])
    echo_file = folder / "echo.txt"
    figures = {}
    for name, argv in [
        ("note", [str(binary), "note", "benchmark note", "-j", str(small), "--actor", "bench"]),
        ("help", [str(binary), "--help"]),
        ("echo", ["sh", "-c", f"echo benchmark note >> '{echo_file}'"]),
    ]:
        progress(f"timing {name} ({runs} runs + warm-up)")
        figures[name] = (load(), timed_runs(argv, runs))
    return figures


def body(tmux):
    """The pane below the header (whose clock ticks), with colours, so a moved selection shows."""
    return tmux.screen(styled=True).split("\n")[2:]


def key_time(tmux, keys):
    """Seconds from send-keys to the screen below the header changing."""
    before = body(tmux)
    start = time.perf_counter()
    tmux.send_keys(*keys)
    deadline = time.monotonic() + 10
    while body(tmux) == before:
        if time.monotonic() > deadline:
            raise BenchError(f"the screen did not change within 10 s of {' '.join(keys)}; screen:\n{tmux.screen()}")
    elapsed = time.perf_counter() - start
    time.sleep(0.2)  # idle again before the next key
    return elapsed


def echo_round_trip(tmux, rounds):
    """The floor of key_time: a key sent to a pane running `cat`, until its echo is on screen."""
    tmux.respawn(["cat"])
    time.sleep(0.3)
    times = []
    for index in range(rounds):
        before = tmux.screen().count("x")
        start = time.perf_counter()
        tmux.send_keys("x")
        if wait_for_screen(tmux, lambda screen: screen.count("x") > before, 10) is None:
            raise BenchError("a key sent to cat was not echoed within 10 s")
        times.append(time.perf_counter() - start)
        if index % 20 == 19:
            tmux.send_keys("Enter")
    return times


def key_rows(tmux, binary, journal, last_text, rounds):
    progress(f"pressing keys on {journal.name} ({rounds} rounds)")
    at = load()
    floor = echo_round_trip(tmux, max(rounds, 20))
    first_frame(tmux, binary, dashboard_argv(binary, journal), last_text)
    figures = {"Home": [], "End": [], "PgUp": [], "filter": []}
    for _ in range(rounds):
        figures["PgUp"].append(key_time(tmux, ["PPage"]))
        figures["Home"].append(key_time(tmux, ["Home"]))
        figures["End"].append(key_time(tmux, ["End"]))
        tmux.send_keys("/")
        time.sleep(0.3)
        figures["filter"].append(key_time(tmux, ["z"]))
        tmux.send_keys("Escape")  # clears the filter and closes its prompt
        time.sleep(0.3)
        tmux.send_keys("End")
        if wait_for_screen(tmux, lambda screen: last_text in screen, 10) is None:
            raise BenchError(f"{last_text!r} not back on screen after Escape and End; screen:\n{tmux.screen()}")
        time.sleep(0.2)
    tmux.respawn(["cat"])
    return at, floor, figures


# MARK: Report

def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def row(what, figure, anchor, target, met, at):
    print(f"  {what:<26}{figure:<18}{anchor:<44}{target:<30}{'met' if met else 'NOT MET':<9}{at:>5.2f}")


def report(r, frame_runs):
    med = {name: statistics.median(times) for name, (_, times) in r["reading"].items()}
    at = {name: when for name, (when, _) in r["reading"].items()}
    size = r["size"]

    print("sitrep speed benchmark (issue 14)")
    print(f"  commit   {r['commit']}")
    print(f"  machine  {r['machine']}")
    print(f"  binary   {r['binary']}")
    print(f"  J        {size / MB:.1f} MB, {r['lines']:,} lines ({r['events']:,} generated events and a closing note)")
    print(f"  chained  {r['chained_size'] / MB:.1f} MB: J with an id and a prev on every line, for verify")
    print(f"  K        {r['key_size'] / MB:.1f} MB, a {r['key_entries']:,}-entry timeline, for the keys")
    print(f"  figures  medians; {r['runs']} runs of each command, {frame_runs} starts of each screen, "
          f"{r['note_runs']} runs of each process, {r['key_rounds']} presses of each key")
    print()
    print(f"  {'what':<26}{'sitrep':<18}{'anchor in the same run':<44}{'target':<30}{'result':<9}{'load':>5}")

    jq_ratio = med["jq"] / med["summary"]
    row("summary", ms(med["summary"]), f"jq {ms(med['jq'])} ({jq_ratio:.1f}x), wc -l {ms(med['wc'])}",
        f"jq >= {TARGET_SUMMARY_VS_JQ:g}x summary", jq_ratio >= TARGET_SUMMARY_VS_JQ, at["summary"])
    verify_ratio = med["verify"] / med["sha256sum"]
    row("verify (chained J)", ms(med["verify"]), f"sha256sum {ms(med['sha256sum'])} ({verify_ratio:.1f}x)",
        f"<= {TARGET_VERIFY_VS_SHA:g}x sha256sum", verify_ratio <= TARGET_VERIFY_VS_SHA, at["verify"])
    for name in ("timeline", "report"):
        ratio = med[name] / med["summary"]
        row(name, ms(med[name]), f"summary {ms(med['summary'])} ({ratio:.1f}x)",
            f"<= {TARGET_VS_SUMMARY:g}x summary", ratio <= TARGET_VS_SUMMARY, at[name])

    for name, (when, runs) in r["frames"].items():
        frame = statistics.median(seconds for seconds, _, _ in runs)
        peak = max(hwm for _, hwm, _ in runs) * 1000 / MB
        row(f"{name}, first frame", f"{ms(frame)}, {peak:.0f} MB", f"J {size / MB:.0f} MB (peak {peak * MB / size:.2f}x)",
            f"<= {TARGET_FIRST_FRAME_S:g} s, <= {TARGET_PEAK_VS_FILE:g}x J",
            frame <= TARGET_FIRST_FRAME_S and peak * MB <= TARGET_PEAK_VS_FILE * size, when)
        whole = statistics.median(seconds for _, _, seconds in runs)
        if whole != frame:
            behind = "recording indexed after the frame" if name == "replay" else "earlier samples folded after the frame"
            print(f"  {'  then whole history':<26}{ms(whole):<18}{behind:<44}"
                  f"{'(none; peak above counts it)':<30}{'-':<9}{when:>5.2f}")

    notes = {name: statistics.median(times) for name, (_, times) in r["notes"].items()}
    row("sitrep note (process)", ms(notes["note"]) if notes["note"] >= 0.01 else f"{notes['note'] * 1000:.1f} ms",
        f"--help {notes['help'] * 1000:.1f} ms, echo >> file {notes['echo'] * 1000:.1f} ms",
        f"<= {TARGET_NOTE_MS:g} ms", notes["note"] * 1000 <= TARGET_NOTE_MS, r["notes"]["note"][0])

    key_at, floor, keys = r["keys"]
    floor_ms = statistics.median(floor) * 1000
    for name, times in keys.items():
        key_ms = statistics.median(times) * 1000
        row(f"key {name} ({r['key_entries'] // 1000}k entries)", f"{key_ms:.1f} ms",
            f"tmux round trip {floor_ms:.1f} ms ({key_ms - floor_ms:+.1f} ms)",
            f"<= {TARGET_KEY_MS:g} ms over the round trip", key_ms - floor_ms <= TARGET_KEY_MS, key_at)

    print()
    print("  spread (min / max of the runs)")
    for name, (_, times) in list(r["reading"].items()) + list(r["notes"].items()):
        print(f"    {name:<12}{min(times) * 1000:>9.1f} ms {max(times) * 1000:>9.1f} ms")
    for name, (_, runs) in r["frames"].items():
        seconds = [s for s, _, _ in runs]
        whole = [w for _, _, w in runs]
        print(f"    {name:<12}{min(seconds) * 1000:>9.1f} ms {max(seconds) * 1000:>9.1f} ms"
              f"   peak {min(h for _, h, _ in runs) / 1000:.0f}-{max(h for _, h, _ in runs) / 1000:.0f} MB"
              + (f"   whole history {min(whole) * 1000:.0f}-{max(whole) * 1000:.0f} ms" if whole != seconds else ""))
    for name, times in list(keys.items()) + [("round trip", floor)]:
        print(f"    {name:<12}{min(times) * 1000:>9.1f} ms {max(times) * 1000:>9.1f} ms"
              f"   p90 {percentile(times, 0.9) * 1000:.1f} ms")


def measure(binary, folder, arguments):
    results = {"runs": arguments.runs, "note_runs": arguments.note_runs, "key_rounds": arguments.key_rounds,
               "key_entries": arguments.key_entries, "events": arguments.events}
    journal, chained, keys = folder / "J.jsonl", folder / "J-chained.jsonl", folder / "K.jsonl"
    last_time = generate_journal(journal, arguments.events)
    chained_copy(journal, chained)
    last_key_text = key_journal(keys, arguments.key_entries)
    results.update(size=journal.stat().st_size, chained_size=chained.stat().st_size, key_size=keys.stat().st_size)
    with open(journal, "rb") as lines:
        results["lines"] = sum(1 for _ in lines)

    results["reading"] = reading_rows(binary, journal, chained, arguments.runs)
    results["notes"] = note_rows(binary, folder, arguments.note_runs)
    tmux = Tmux(WIDTH, HEIGHT)
    try:
        tmux.start(folder, ["cat"])
        # A program that ends (or crashes) leaves its pane, so the session and its server stay.
        tmux.run("set-option", "-t", "bench", "remain-on-exit", "on")
        results["frames"] = frame_rows(tmux, binary, journal, last_time, arguments.frame_runs)
        results["keys"] = key_rows(tmux, binary, keys, last_key_text, arguments.key_rounds)
    finally:
        tmux.stop()
    return results


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", type=Path, help="sitrep binary (default: build into .build-bench)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events to generate (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--frame-runs", type=int, default=3, help="starts of the dashboard and replay (default 3)")
    parser.add_argument("--note-runs", type=int, default=30, help="timed runs of each process (default 30)")
    parser.add_argument("--key-entries", type=int, default=400_000, help="timeline entries for the keys (default 400,000)")
    parser.add_argument("--key-rounds", type=int, default=10, help="presses of each key (default 10)")
    arguments = parser.parse_args()
    if min(arguments.runs, arguments.frame_runs, arguments.note_runs, arguments.key_rounds) < 1 \
            or arguments.events < 2 or arguments.key_entries < 200:
        parser.error("each count must be at least 1, --events at least 2 and --key-entries at least 200")
    return arguments


def main():
    arguments = parse_arguments()
    host = machine()  # before building or generating, so the load average is other people's work
    try:
        for tool, package in [("jq", "jq"), ("tmux", "tmux"), ("sha256sum", "coreutils")]:
            if shutil.which(tool) is None:
                raise BenchError(f"{tool} not found; install it with: apt-get install {package}")
        binary = arguments.bin.resolve() if arguments.bin else build_binary(SCRATCH)
        if not os.access(binary, os.X_OK):
            raise BenchError(f"{binary} is not an executable")
        with tempfile.TemporaryDirectory(prefix="sitrep-speed-bench-") as temporary:
            results = measure(binary, Path(temporary), arguments)
        results.update(machine=host, commit=commit(built=arguments.bin is None), binary=binary)
    except BenchError as error:
        print(f"speed-bench: {error}", file=sys.stderr)
        return 1
    report(results, arguments.frame_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
