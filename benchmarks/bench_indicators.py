"""What the indicator step costs per report: the indicator rules of the national pack on each sample.

Run: python benchmarks/bench_indicators.py [repetitions]
Prints, per sample, the time of the indicator-category rules alone and of the whole check (all rules
plus scoring), best of several rounds, in microseconds per report.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from compliance.engine import check
from compliance.kinds import KINDS
from compliance.readers import read_document
from compliance.ruleset import load_ruleset
from compliance.structure import build

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def best_of(rounds: int, work, inputs) -> float:  # type: ignore[no-untyped-def]
    """Best mean time of `work(item)` over `inputs`, in µs. Each item is a distinct Document: the rules
    share results per document object, so timing one object again would time that cache, not the rules."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in inputs:
            work(item)
        best = min(best, (time.perf_counter() - started) / len(inputs))
    return best * 1e6


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    ruleset = load_ruleset("national")
    indicator_rules = [rule for rule in ruleset.rules if rule.category == "indicators"]
    print(f"{len(indicator_rules)} indicator rules of {len(ruleset.rules)}; {repetitions} fresh documents each")
    print(f"{'sample':34} {'KB':>5} {'indicators µs':>14} {'whole check µs':>15} {'parse µs':>9}")
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        source = read_document(path)

        def indicators(document) -> None:  # type: ignore[no-untyped-def]
            for rule in indicator_rules:
                for _ in KINDS[rule.kind](document, **rule.params):
                    pass

        parse = best_of(5, build, [source] * repetitions)
        # A fresh batch of documents per measurement, so no rule finds its results already computed.
        cost = best_of(1, indicators, [build(source) for _ in range(repetitions)])
        whole = best_of(1, lambda document: check(document, ruleset), [build(source) for _ in range(repetitions)])
        print(f"{path.name:34} {path.stat().st_size / 1024:5.1f} {cost:14.0f} {whole:15.0f} {parse:9.0f}")


if __name__ == "__main__":
    main()
