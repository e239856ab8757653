from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import load_plan
from assistant.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TXT = ROOT / "corpus" / "elac2007.txt"
CORPUS_PDF = ROOT / "corpus" / "elac2007.pdf"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(CORPUS_TXT)


@pytest.fixture(scope="session")
def plan_text() -> str:
    return CORPUS_TXT.read_text(encoding="utf-8")
