from __future__ import annotations

import pytest
from helpers import SEED, document

from compliance.model import Document


@pytest.fixture(scope="session")
def seed() -> Document:
    return document(SEED.read_text(encoding="utf-8"), path=str(SEED))
