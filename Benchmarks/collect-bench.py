#!/usr/bin/env python3
"""Benchmarks `sitrep collect` and `sitrep receive` as processes, against real HTTP on loopback.

usage: collect-bench.py [--bin PATH] [--seconds S] [--posts N]

  --bin PATH     a sitrep binary to measure (default: build the release binary into .build-e2e)
  --seconds S    how long the collector is watched (default 60)
  --posts N      alerts posted to the receiver for the latency figures (default 300)

Collector: this script serves 8 health endpoints and 4 Prometheus endpoints (HikariCP-shaped,
about 60 series each, values steady) from a threaded HTTP server of its own. The collector checks
all 12 every second for S seconds. Figures: its CPU (utime + stime from /proc/PID/stat, children
excluded, as a percentage of one core), peak RSS (VmHWM), and the journal lines written. Steady
values should give a line per source per heartbeat (set to 10 s here), not one per check.

Receiver: N plain alerts posted one at a time with a fresh connection each, then N more from 8
threads at once. The latency clock runs from sending the request until the 200 arrives, which
includes the journal's lock, write and fsync. Throughput is from the concurrent run.

It is a benchmark, not a test: it exits 0 whether or not the figures look good, and non-zero only
when something could not run. Figures go to stdout, progress to stderr.
"""
import argparse
import http.client
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchsupport import BenchError, build_binary, commit, machine, percentile, proc_status_number, process_times, progress

HEALTH_CHECKS = 8
POOLS = 4


def metrics_body():
    lines = ["# TYPE hikaricp_connections_active gauge"]
    for pool in range(15):
        for name, value in [("active", 3), ("idle", 7), ("pending", 0), ("max", 10)]:
            lines.append(f'hikaricp_connections_{name}{{pool="p{pool}",instance="web-1"}} {value}')
    return ("\n".join(lines) + "\n").encode()


class Endpoints(http.server.BaseHTTPRequestHandler):
    body = metrics_body()

    def do_GET(self):
        payload = self.body if self.path.startswith("/metrics") else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoints)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def collector_config(port):
    parts = ['heartbeat = "10s"\n']
    for index in range(HEALTH_CHECKS):
        parts.append(f'[[health]]\nservice = "svc{index}"\nurl = "http://127.0.0.1:{port}/health/{index}"\nevery = "1s"\n')
    for index in range(POOLS):
        parts.append(
            f'[[pool]]\nname = "pool{index}"\nevery = "1s"\nurl = "http://127.0.0.1:{port}/metrics/{index}"\n'
            f"in_use = 'hikaricp_connections_active{{pool=\"p{index}\"}}'\n"
            f"max = 'hikaricp_connections_max{{pool=\"p{index}\"}}'\n"
            f"waiting = 'hikaricp_connections_pending{{pool=\"p{index}\"}}'\n")
    return "\n".join(parts)


def peak_rss_mb(pid):
    kilobytes = proc_status_number(pid, "VmHWM")
    return kilobytes / 1024 if kilobytes is not None else float("nan")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise BenchError("the process did not stop within 20 s of SIGTERM")


def bench_collector(binary, folder, seconds):
    server = serve()
    config = folder / "collect.toml"
    config.write_text(collector_config(server.server_address[1]))
    journal = folder / "collect.jsonl"
    progress(f"collector: {HEALTH_CHECKS} health checks and {POOLS} pools every second for {seconds} s")
    process = subprocess.Popen([binary, "collect", "--config", config, "-j", journal],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)  # start-up and the first round of writes
    if process.poll() is not None:
        raise BenchError("the collector exited at start")
    lines_before = len(journal.read_bytes().splitlines())
    cpu_before, started = process_times(process.pid), time.monotonic()
    time.sleep(seconds)
    cpu = process_times(process.pid) - cpu_before
    elapsed = time.monotonic() - started
    lines = len(journal.read_bytes().splitlines()) - lines_before
    rss = peak_rss_mb(process.pid)
    stop(process)
    server.shutdown()
    checks = (HEALTH_CHECKS + POOLS) * elapsed
    print(f"collector, {HEALTH_CHECKS + POOLS} sources at 1/s over {elapsed:.0f} s:")
    print(f"  CPU {100 * cpu / elapsed:.2f}% of one core ({1e3 * cpu / checks:.2f} ms per check)")
    print(f"  peak RSS {rss:.1f} MB")
    print(f"  journal lines written {lines} for about {checks:.0f} checks (steady values: one per source per 10 s heartbeat)")


def post_alert(port, index):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = f'{{"text": "bench alert {index}", "service": "bench", "level": "info"}}'
    started = time.perf_counter()
    connection.request("POST", "/alert", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise BenchError(f"POST /alert answered {response.status}")
    return time.perf_counter() - started


def wait_for_port(port):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise BenchError("the receiver did not start listening")


def bench_receiver(binary, folder, posts):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    journal = folder / "receive.jsonl"
    process = subprocess.Popen([binary, "receive", "--listen", f"127.0.0.1:{port}", "-j", journal],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    progress(f"receiver: {posts} alerts one at a time, then {posts} from 8 threads")
    sequential = [post_alert(port, index) for index in range(posts)]
    results, lock = [], threading.Lock()

    def worker(start):
        mine = [post_alert(port, posts + index) for index in range(start, posts, 8)]
        with lock:
            results.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(start,)) for start in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    rss = peak_rss_mb(process.pid)
    stop(process)
    written = len(journal.read_bytes().splitlines())
    verify = subprocess.run([binary, "verify", "-j", journal], capture_output=True, text=True)
    ms = lambda seconds: f"{1e3 * seconds:.1f} ms"
    print(f"receiver, POST /alert to a 200 (lock, write, fsync included):")
    print(f"  one at a time: p50 {ms(percentile(sequential, 0.5))}, p99 {ms(percentile(sequential, 0.99))}")
    print(f"  8 at once: p50 {ms(percentile(results, 0.5))}, p99 {ms(percentile(results, 0.99))}, "
          f"{len(results) / elapsed:.0f} alerts/s")
    print(f"  peak RSS {rss:.1f} MB; journal lines {written} of {2 * posts}; verify exit {verify.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args()
    try:
        binary = Path(args.bin) if args.bin else build_binary(".build-e2e")
        print(f"machine: {machine()}")
        print(f"commit: {commit(built=args.bin is None)}")
        with tempfile.TemporaryDirectory(prefix="sitrep-collect-bench-") as folder:
            bench_collector(binary, Path(folder), args.seconds)
            bench_receiver(binary, Path(folder), args.posts)
    except BenchError as error:
        print(f"collect-bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
