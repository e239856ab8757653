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


@pytest.fixture(scope="session")
def fake_assistant(tmp_path_factory):
    """An Assistant over the real plan with the deterministic hashing embedder (fast)."""
    from assistant.core import Assistant
    from assistant.embed import HashEmbedder

    return Assistant.load(
        CORPUS_TXT, tmp_path_factory.mktemp("index-fake"), channels={"dense": HashEmbedder()}
    )


@pytest.fixture(scope="session")
def real_assistant():
    """The real Assistant: the packaged models and the repository's index (built if needed)."""
    from assistant.core import Assistant

    return Assistant.load()
