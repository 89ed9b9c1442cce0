"""How the check's time grows on damaged or hostile reports: each bait at two sizes, the second twice the first.

    python benchmarks/hostile.py [--scale 1.0]

Every bait once made one rule or helper quadratic (or exponential) in its size; the tests pin the fixes
without a clock (they count Python lines run, or bound a subprocess by a generous timeout against a hang).
This script keeps the wall-clock side: for each bait it checks the real sample with the bait appended, in
one process, and prints the seconds at size n and 2n and their ratio. Linear work doubles (a ratio near
2.0, less where fixed costs weigh); a ratio near 4 or above is the regression to look for. Not a test: the
seconds depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # time the checkout's code, not an installed copy

from compliance import batch
from compliance.pipeline import Settings

SAMPLE = HERE.parent / "samples" / "xihu-2021.txt"

# name → bait of a given size, appended to the sample as its last line(s)
BAITS: dict[str, Callable[[int], str]] = {
    "ID numbers on one line": lambda n: "11010519491231002X " * n,
    "unpaired quotes": lambda n: "“" * (5 * n),
    "numerals lost before measure words": lambda n: "在个" * (2 * n),
    "spaces before an item number": lambda n: " " * (5 * n) + "1)",
    "year-on-year claims": lambda n: "同比增长5%，" * n,
    "one Chinese character repeated": lambda n: "审" * (50 * n),
    "a line of digits": lambda n: "1" * (50 * n),
    "thousands of short lines": lambda n: "一、法治\n" * n,
    "a figure pair on every line": lambda n: "全年受理行政复议案件39件，审结36件。\n" * (n // 5),
}
SETTINGS = Settings(entries="zh")  # as a worker process checks: the report reduced to its JSON entry


def seconds_to_check(text: str) -> float:
    """Wall seconds of read → build → check → JSON entry, as a worker does it, best of two runs."""
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        batch._reduce(batch.check_one(batch.Input(path="bait.txt", data=text.encode()), SETTINGS, full=True), SETTINGS)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every bait's size (default 1: n = 20,000)")
    arguments = parser.parse_args()
    sample = SAMPLE.read_text(encoding="utf-8")
    n = int(20_000 * arguments.scale)
    print(f"{'bait':38} {'n s':>8} {'2n s':>8} {'ratio':>6}")
    for name, bait in BAITS.items():
        small, large = (seconds_to_check(sample + "\n" + bait(size) + "\n") for size in (n, 2 * n))
        print(f"{name:38} {small:8.3f} {large:8.3f} {large / small:6.2f}")


if __name__ == "__main__":
    main()
