"""Where one report's time goes, in one process: reading, `structure.build`, each rule, the engine, the JSON entry.

    python benchmarks/stages.py [--corpus DIR] [--count 300] [--top 25]

Checks every report of a corpus (made by benchmarks/corpus.py, generated here when not given) twice, the
first time to warm up, and prints the CPU milliseconds per report of each stage and of the costliest
rules. A rule's figure includes what it is the first to compute for a document and later rules reuse
(the document's UTF-8 bytes, its sections), so the first rules of a pack read a little high. Not a test:
the figures depend on the machine; compare runs made in the same minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # time the checkout's code, not an installed copy

from compliance import engine, profiles
from compliance.formatters import encode_document
from compliance.readers import read_document
from compliance.structure import build


def _timed_rules(per_rule: dict[str, float]) -> Callable[..., Any]:
    untimed = engine._hits

    def hits(rule: Any, document: Any) -> Any:
        start = time.process_time()
        try:
            return untimed(rule, document)
        finally:
            per_rule[rule.id] += time.process_time() - start
    return hits


def measure(files: list[Path], top: int) -> str:
    stages: dict[str, float] = defaultdict(float)
    per_rule: dict[str, float] = defaultdict(float)
    untimed = engine._hits
    for timed in (False, True):  # the first round warms caches of compiled patterns and packs
        stages.clear()
        per_rule.clear()
        engine._hits = _timed_rules(per_rule) if timed else untimed  # type: ignore[assignment]
        for path in files:
            start = time.process_time()
            source = read_document(path)
            read = time.process_time()
            document = build(source)
            built = time.process_time()
            name, reason = profiles.choose(document, "auto")
            report = engine.check(document, profiles.bundled(name), profile_reason=reason)
            checked = time.process_time()
            encode_document(report, "zh")
            done = time.process_time()
            stages["read"] += read - start
            stages["build"] += built - read
            stages["check"] += checked - built
            stages["JSON entry"] += done - checked
    engine._hits = untimed  # type: ignore[assignment]
    count = len(files)
    rules_total = sum(per_rule.values())
    lines = [f"{count} reports, CPU ms per report", ""]
    lines += [f"{stage:>12}  {1000 * seconds / count:6.3f}" for stage, seconds in stages.items()]
    lines += [f"{'rules':>12}  {1000 * rules_total / count:6.3f}  (inside check; the rest is the engine)", "",
              f"costliest {top} rules:"]
    ranked = sorted(per_rule.items(), key=lambda item: -item[1])[:top]
    lines += [f"  {1000 * seconds / count:6.3f}  {rule_id}" for rule_id, seconds in ranked]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder made by benchmarks/corpus.py")
    parser.add_argument("--count", type=int, default=300, help="reports to generate when no corpus is given")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(scratch) / "corpus"
            subprocess.run([sys.executable, str(HERE / "corpus.py"), str(corpus), "--count", str(args.count)],
                           check=True, stdout=subprocess.DEVNULL)
        print(measure(sorted(corpus.glob("*.txt")), args.top))


if __name__ == "__main__":
    main()
