#!/usr/bin/env python3
"""Times `sitrep note` after a very long last line written by another program.

usage: tail-bench.py [--bin PATH] [--sizes MIB,...]

  --bin PATH    a sitrep binary to measure (default: build the release binary into .build-bench)
  --sizes LIST  last-line lengths in MiB (default 1,8,64)

Each append must find and hash the journal's last line under the lock, so its cost grows with that
line; this shows how (it should be linear) and the peak memory of the process (it should stay flat:
only a chunk of the line is held at a time). Wall-clock around the child, peak RSS from os.wait4.
A benchmark, not a test: it exits non-zero only when a command fails.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchsupport import REPO, BenchError, build_binary, progress


def timed_note(binary, journal):
    started = time.perf_counter()
    child = subprocess.Popen([str(binary), "note", "after the long line", "-j", str(journal), "--actor", "bench"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise BenchError(f"sitrep note failed: {child.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin")
    parser.add_argument("--sizes", default="1,8,64")
    args = parser.parse_args()
    binary = Path(args.bin) if args.bin else build_binary(str(REPO / ".build-bench"))
    with tempfile.TemporaryDirectory() as folder:
        for mib in (int(size) for size in args.sizes.split(",")):
            journal = Path(folder) / f"long-{mib}.jsonl"
            # Written in pieces: a forked child's peak RSS counts the parent's pages until exec.
            with journal.open("wb") as out:
                out.write(b'{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"')
                for _ in range(mib):
                    out.write(b"x" * (1024 * 1024))
                out.write(b'"}\n')
            progress(f"{mib} MiB last line")
            elapsed, peak = timed_note(binary, journal)
            print(f"note after a {mib:>3} MiB last line: {elapsed:6.2f} s, peak RSS {peak:6.1f} MiB")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"tail-bench: {error}")
