"""Time the CLI on a generated corpus: reports per second, cold start of one report, peak memory.

    python benchmarks/run.py [--count 10000] [--jobs 2] [--corpus DIR]

Runs the installed CLI the way a user does (`python -m compliance check --format json …`) in a
subprocess, samples the resident memory of it and its worker processes from /proc every 50 ms, counts
the CPU time of all of them (which other jobs on a shared machine do not inflate, unlike wall time) and
prints a Markdown table for the README. Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "samples" / "xihu-2021.txt"


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="utf-8") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant: the CLI and its workers
    return usage.ru_utime + usage.ru_stime


def run_batch(corpus: Path, jobs: int, output: Path) -> tuple[float, float, int, int, int]:
    """(wall seconds, CPU seconds, reports, peak RSS of the main process in KB, of all processes in KB)."""
    reports = sum(1 for _ in corpus.glob("*.txt"))
    command = [sys.executable, "-m", "compliance", "check", "--format", "json", "--jobs", str(jobs),
               "--output", str(output), str(corpus)]
    start, cpu = time.perf_counter(), _cpu_seconds()
    process = subprocess.Popen(command, env=_env())
    peak_main = peak_total = 0
    while process.poll() is None:
        main_rss = _rss_kb(process.pid)
        total = main_rss + sum(_rss_kb(child) for child in _children(process.pid))
        peak_main, peak_total = max(peak_main, main_rss), max(peak_total, total)
        time.sleep(0.05)
    elapsed, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    if process.returncode not in (0, 1):
        raise SystemExit(f"compliance exited {process.returncode}")
    return elapsed, cpu, reports, peak_main, peak_total


def cold_start(repeat: int = 15) -> float:
    """Best wall time, in ms, to check one 16 KB report with JSON output from a fresh interpreter."""
    command = [sys.executable, "-m", "compliance", "check", "--format", "json", str(SAMPLE)]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=_env(), stdout=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", type=Path, help="reuse a corpus made by benchmarks/corpus.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(HERE / "corpus.py"), str(corpus), "--count", str(args.count)],
                           check=True)
        cold = cold_start()
        seconds, cpu, reports, peak_main, peak_total = run_batch(corpus, args.jobs, Path(scratch) / "out.json")
        size = sum(p.stat().st_size for p in corpus.glob("*.txt")) / max(1, reports)
    print(f"| measure | value |\n|---|---|\n"
          f"| reports | {reports} (average {size / 1024:.1f} KB), `--jobs {args.jobs}`, JSON output |\n"
          f"| throughput | {reports / seconds:.0f} reports/s ({seconds:.1f} s wall) |\n"
          f"| CPU | {1000 * cpu / reports:.2f} ms per report, all processes: {os.cpu_count()} idle cores would do "
          f"{(os.cpu_count() or 1) * reports / cpu:.0f} reports/s |\n"
          f"| cold start, one report | {cold:.0f} ms (best of 15) |\n"
          f"| peak RSS | main process {peak_main / 1024:.0f} MB; all processes {peak_total / 1024:.0f} MB |\n"
          f"| CPUs | {os.cpu_count()} |")


if __name__ == "__main__":
    main()
