"""Shared helpers: build a Document from inline report text, paths to the bundled samples."""

from __future__ import annotations

from pathlib import Path

from compliance.model import Document, Source
from compliance.readers import split_lines
from compliance.structure import build

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "xihu-2021.txt"


def document(content: str, *, path: str = "<test>") -> Document:
    """Parse report text given inline, as if read from a .txt file."""
    return build(Source(path=path, format="txt", encoding="utf-8", lines=split_lines(content)))
