"""Generate a corpus of realistic reports from the bundled samples: names, figures and dates changed,
paragraphs shuffled within their sections, each padded to about 16 KB.

    python benchmarks/corpus.py OUT_DIR --count 2000 [--size 16000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
PLACES = ["东湖区", "青山县", "临江市", "云梦县", "白沙区", "长宁县", "石城县", "安远县", "永丰区", "南城县",
          "桃源县", "宁乡市", "平江县", "湘阴县", "新化县", "江华县", "汝城县", "桂东县", "宜章县", "嘉禾县"]
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
NUMBER = re.compile(r"(?<![\d年月/-])(\d{1,4})(?=[件人次项个家场条份%万元])")
ISO_DATE = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")


def _vary_numbers(line: str, rng: random.Random) -> str:
    return NUMBER.sub(lambda m: str(max(1, int(int(m.group(1)) * rng.uniform(0.6, 1.6)))), line)


def _vary_date(line: str, rng: random.Random) -> str:
    # Keep the year and month (the deadline rule decides on them); move the day a little.
    return ISO_DATE.sub(lambda m: f"{m.group(1)}-{m.group(2)}-{max(1, min(28, int(m.group(3)) + rng.randint(-5, 5))):02d}", line)


def _sections(lines: list[str]) -> list[list[str]]:
    """Lines grouped by level-1 heading; the first group is the header and opening."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if HEADING.match(line):
            groups.append([])
        groups[-1].append(line)
    return groups


def report(base: str, filler: list[str], rng: random.Random, size: int) -> str:
    lines = base.splitlines()
    place = rng.choice(PLACES)
    groups = _sections(lines)
    out: list[str] = list(groups[0])
    for group in groups[1:]:
        heading, body = group[0], group[1:]
        paragraphs = [line for line in body if line.strip() and len(line) > 40 and not HEADING.match(line)]
        if len(paragraphs) > 2:
            order = paragraphs[:]
            rng.shuffle(order)
            swap = iter(order)
            body = [next(swap) if line in paragraphs else line for line in body]
        out += [heading, *body]
    text = "\n".join(_vary_date(_vary_numbers(line, rng), rng) for line in out)
    for name in ("西湖区", "云麓区", "檀溪县", "青岚区", "荆陵市", "桐岭县", "望川街道"):
        text = text.replace(name, place)
    # Pad inside the first part (after its first paragraph) with paragraphs from other samples.
    extra = []
    while len(text.encode("utf-8")) + sum(len(p.encode("utf-8")) + 2 for p in extra) < size:
        extra.append(_vary_numbers(rng.choice(filler), rng))
    if extra:
        first = next((i for i, line in enumerate(text.split("\n")) if HEADING.match(line)), None)
        parts = text.split("\n")
        if first is not None:
            parts[first + 1:first + 1] = ["", *"\n\n".join(extra).split("\n"), ""]
        text = "\n".join(parts)
    return text + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--size", type=int, default=16000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = [p.read_text(encoding="utf-8") for p in SAMPLES if "gbk" not in p.name]
    filler = [line.strip() for base in bases for line in base.splitlines()
              if len(line.strip()) > 80 and not HEADING.match(line) and "：" not in line[:8]]
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.count):
        text = report(rng.choice(bases), filler, rng, args.size)
        (args.out / f"report-{index:05d}.txt").write_text(text, encoding="utf-8")
    print(f"{args.count} reports in {args.out}")


if __name__ == "__main__":
    main()
