from __future__ import annotations

import pytest

from compliance.model import Document
from helpers import SEED, document


@pytest.fixture(scope="session")
def seed() -> Document:
    return document(SEED.read_text(encoding="utf-8"), path=str(SEED))
