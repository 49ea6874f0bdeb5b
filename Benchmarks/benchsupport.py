"""What the benchmark scripts share: percentiles, and the machine and commit they ran on."""
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """Something the benchmark needs could not run."""


def progress(message):
    print(message, file=sys.stderr, flush=True)


def build_binary(scratch):
    """Builds the release `sitrep` and `sitrep-full` as the README installs them, in their own
    scratch folder (a developer's .build stays untouched)."""
    command = ["swift", "build", "-c", "release", "--disable-default-traits", "--scratch-path", scratch]
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


def run_child(argv):
    """Runs argv with stdout to /dev/null; returns (wall seconds, max RSS in KiB from os.wait4).
    A non-zero exit is a BenchError with the end of its stderr."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if child.returncode != 0:
            errors.seek(0)
            detail = errors.read().decode(errors="replace").strip()[-2000:]
            raise BenchError(f"{' '.join(map(str, argv))} exited {child.returncode}: {detail}")
    return wall, usage.ru_maxrss


class Tmux:
    """A tmux server of our own (its own socket, no ~/.tmux.conf), with one detached session."""

    def __init__(self, width, height):
        self.width, self.height = width, height
        self.socket = f"sitrep-bench-{os.getpid()}"
        self.socket_path = None

    def run(self, *arguments, check=True):
        # TMUX and TMUX_PANE would point the commands at the developer's own tmux session.
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
        done = subprocess.run(["tmux", "-L", self.socket, *arguments], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)
        if check and done.returncode != 0:
            raise BenchError(f"tmux {' '.join(arguments)} exited {done.returncode}: {done.stderr.strip()}")
        return done.stdout

    def start(self, folder, argv):
        # -f /dev/null: the developer's ~/.tmux.conf must not change the size or terminal type.
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(self.width), "-y", str(self.height),
                 "-c", str(folder), *argv)
        self.socket_path = self.display("#{socket_path}")

    def respawn(self, argv):
        """Replaces the pane's program (the old one is killed): the server is already running, so
        the time to start a program in the pane is the program's own."""
        self.run("respawn-pane", "-k", "-t", "bench", *argv)

    def send_keys(self, *keys):
        self.run("send-keys", "-t", "bench", *keys)

    def display(self, format_string):
        return self.run("display-message", "-p", "-t", "bench", format_string).strip()

    def pane_pid(self):
        return int(self.display("#{pane_pid}"))

    def screen(self, styled=False):
        """The pane's text; styled: with its colours and attributes as escape sequences (-e)."""
        return self.run("capture-pane", "-p", *(["-e"] if styled else []), "-t", "bench", check=False)

    def stop(self):
        self.run("kill-server", check=False)
        if self.socket_path:  # tmux leaves its socket file behind
            Path(self.socket_path).unlink(missing_ok=True)


def wait_for_text(tmux, text, seconds):
    return wait_for_screen(tmux, lambda screen: text in screen, seconds, pause=0.02) is not None


def wait_for_screen(tmux, accept, seconds, pause=0.0):
    """Polls capture-pane (`pause` seconds apart; 0: back to back, each poll being a tmux client
    process of a few ms) until `accept(screen)`; returns the screen, or None at the deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if accept(screen):
            return screen
        time.sleep(pause)
    return None
