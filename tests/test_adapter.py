"""Query adapters: applied only where they were fitted, they rank; the similarities stay the model's own."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pytest

from assistant.adapter import QueryAdapter, adapter_path, load_adapter
from assistant.reading import read_search
from assistant.retrieve import Retriever

from .conftest import CORPUS_TXT


def _channel(assistant):
    return assistant.retriever.channels["dense"]


def _toward(channel, text: str, chunk: int, strength: float = 50.0) -> QueryAdapter:
    """An adapter that moves the question ``text`` (and those like it) toward one chunk's vector."""
    target = channel.index.vectors()[chunk]
    question = channel.embedder.embed([text], kind="query")[0]
    matrix = strength * np.outer(question, target)
    manifest = channel.index.manifest
    return QueryAdapter(manifest.model_id, manifest.chunks_sha256, matrix.astype(np.float32))


def test_zero_adapter_is_the_identity_and_vectors_stay_unit():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(5, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    same = QueryAdapter("m", "c", np.zeros((8, 8), dtype=np.float32)).apply(vectors)
    assert np.allclose(same, vectors, atol=1e-6)
    moved = QueryAdapter("m", "c", rng.normal(size=(8, 8)).astype(np.float32)).apply(vectors)
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5) and not np.allclose(moved, vectors)


def test_saved_adapter_loads_only_for_its_model_and_plan(fake_assistant, tmp_path):
    manifest = _channel(fake_assistant).index.manifest
    adapter = QueryAdapter(manifest.model_id, manifest.chunks_sha256, np.eye(manifest.dim, dtype=np.float32) * 0.1,
                           {"fitted_on": {"dev": 3}})
    adapter.save(adapter_path("hash", tmp_path))
    loaded = load_adapter("hash", manifest, tmp_path)
    assert loaded is not None and np.array_equal(loaded.matrix, adapter.matrix)
    assert loaded.provenance == {"fitted_on": {"dev": 3}}
    assert load_adapter("minilm", manifest, tmp_path) is None  # no file for that embedder
    for other in ({"model_id": "another/model"}, {"chunks_sha256": "0" * 64}, {"dim": manifest.dim + 1}):
        assert load_adapter("hash", dataclasses.replace(manifest, **other), tmp_path) is None


@pytest.mark.parametrize("damage", [b"", b"not an archive", b"PK\x03\x04 truncated zip"])
def test_damaged_adapter_is_not_used_and_says_why(fake_assistant, tmp_path, caplog, damage):
    manifest = _channel(fake_assistant).index.manifest
    adapter_path("hash", tmp_path).write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="assistant.adapter"):
        assert load_adapter("hash", manifest, tmp_path) is None
    assert "not used" in caplog.text


def test_non_square_or_non_finite_matrix_is_not_used(fake_assistant, tmp_path):
    manifest = _channel(fake_assistant).index.manifest
    for matrix in (np.zeros((manifest.dim, 3)), np.full((manifest.dim, manifest.dim), np.nan)):
        QueryAdapter(manifest.model_id, manifest.chunks_sha256, matrix.astype(np.float32)).save(
            adapter_path("hash", tmp_path))
        assert load_adapter("hash", manifest, tmp_path) is None


def test_adapter_ranks_but_similarities_stay_the_models_own(fake_assistant):
    base = fake_assistant.retriever
    channel = _channel(fake_assistant)
    target = base._action_chunk["30"]  # radio spectrum reports: far from the question below
    query = read_search(base.plan, "electronic signatures for government procedures")
    adapter = _toward(channel, query.english, target)
    adapted = Retriever(base.plan, [dataclasses.replace(channel, adapter=adapter)], base.fusion)
    before = {h.action: h for h in base.search(query, top_k=70, retriever="dense")}
    after = adapted.search(query, top_k=70, retriever="dense")
    assert after[0].action == "30" and next(iter(before)) != "30"
    for hit in after:  # the closeness the evidence models read is the pretrained cosine
        assert hit.similarity == before[hit.action].similarity
        assert hit.clause_similarity == before[hit.action].clause_similarity
    # priming keeps both: the same ranking and similarities when the scores come from the cache
    adapted.prime([query])
    assert [(h.action, h.similarity) for h in adapted.search(query, top_k=70, retriever="dense")] == [
        (h.action, h.similarity) for h in after]


@pytest.mark.slow
def test_shipped_adapters_fit_the_shipped_models_and_plan(real_assistant):
    channels = real_assistant.retriever.channels
    assert set(channels) == {"dense", "multilingual"}
    for channel in channels.values():
        assert channel.adapter is not None and channel.adapter.fits(channel.index.manifest)
        # fitted on the development and spent blind sets only: the tuning set stays a held-out measure
        fitted_on = channel.adapter.provenance["fitted_on"]
        assert "tuning" not in fitted_on and "dev" in fitted_on and sum(fitted_on.values()) > 1000


def test_flipped_bytes_inside_a_real_adapter_file_are_not_used(fake_assistant, tmp_path, caplog):
    """Damage inside the compressed data (zlib), not only at its ends, leaves the channel pretrained."""
    manifest = _channel(fake_assistant).index.manifest
    path = adapter_path("hash", tmp_path)
    QueryAdapter(manifest.model_id, manifest.chunks_sha256,
                 np.random.default_rng(1).normal(size=(manifest.dim, manifest.dim)).astype(np.float32)).save(path)
    data = bytearray(path.read_bytes())
    for offset in range(len(data) // 3, len(data) // 3 + 64):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="assistant.adapter"):
        assert load_adapter("hash", manifest, tmp_path) is None
    assert "not used" in caplog.text


@pytest.mark.parametrize("meta", ['"x"', "3", "null", '{"model_id": 1, "chunks_sha256": "c"}'])
def test_adapter_without_its_model_and_plan_is_not_used(fake_assistant, tmp_path, meta):
    manifest = _channel(fake_assistant).index.manifest
    path = adapter_path("hash", tmp_path)
    np.savez_compressed(path, matrix=np.zeros((manifest.dim, manifest.dim), np.float32), meta=np.array(meta))
    assert load_adapter("hash", manifest, tmp_path) is None


def test_assistant_load_attaches_a_fitted_adapter_unless_told_not_to(fake_assistant, tmp_path, monkeypatch):
    from assistant.core import Assistant
    from assistant.embed import HashEmbedder
    from assistant.service import evaluation_run

    manifest = _channel(fake_assistant).index.manifest
    QueryAdapter(manifest.model_id, manifest.chunks_sha256, np.zeros((manifest.dim, manifest.dim), np.float32),
                 {"fitted_on": {"dev": 3}, "examples_sha256": "abc"}).save(adapter_path("hash", tmp_path))
    monkeypatch.setattr("assistant.adapter.ADAPTER_DIR", tmp_path)
    adapted = Assistant.load(CORPUS_TXT, tmp_path / "index", channels={"dense": HashEmbedder()})
    assert adapted.retriever.channels["dense"].adapter is not None
    plain = Assistant.load(CORPUS_TXT, tmp_path / "index", channels={"dense": HashEmbedder()}, rebuild=False,
                           adapters=False)
    assert plain.retriever.channels["dense"].adapter is None
    # a kept run says which channel ranked with an adapter, and what it was fitted on
    run = evaluation_run(adapted, [], [], dataset="none")
    assert run["settings"]["query_adapters"] == {"dense": {"fitted_on": {"dev": 3}, "examples_sha256": "abc"}}
    assert evaluation_run(plain, [], [], dataset="none")["settings"]["query_adapters"] == {"dense": None}


def _gated(channel, text: str, gate: float | None = 0.5) -> QueryAdapter:
    """An adapter that leaves vectors in place and whose "none of the plan" direction is the question ``text``."""
    question = channel.embedder.embed([text], kind="query")[0]
    manifest = channel.index.manifest
    return QueryAdapter(manifest.model_id, manifest.chunks_sha256, np.zeros((manifest.dim, manifest.dim), np.float32),
                        null=(question * 5.0).astype(np.float32), null_bias=0.0, temperature=0.05, gate=gate)


def test_none_of_the_plan_is_a_softmax_share_beside_the_actions():
    adapter = QueryAdapter("m", "c", np.zeros((2, 2), np.float32), null=np.array([1.0, 0.0], np.float32),
                           null_bias=0.0, temperature=0.5)
    actions = np.array([0.0, 0.0, 0.0])
    assert adapter.outside(np.array([0.0, 1.0], np.float32), actions) == pytest.approx(0.25)  # four equal choices
    assert adapter.outside(np.array([1.0, 0.0], np.float32), actions) > 0.5
    assert QueryAdapter("m", "c", np.zeros((2, 2), np.float32)).outside(np.array([1.0, 0.0]), actions) is None


def test_null_direction_and_gate_round_trip_and_bad_ones_are_not_used(fake_assistant, tmp_path):
    channel = _channel(fake_assistant)
    manifest = channel.index.manifest
    adapter = _gated(channel, "wind farms", gate=0.7)
    adapter.save(adapter_path("hash", tmp_path))
    loaded = load_adapter("hash", manifest, tmp_path)
    assert np.array_equal(loaded.null, adapter.null) and (loaded.null_bias, loaded.temperature, loaded.gate) == (
        0.0, 0.05, 0.7)
    for bad in ({"null": np.zeros(3, np.float32)}, {"gate": 1.5}, {"temperature": 0.0}):
        dataclasses.replace(adapter, **bad).save(adapter_path("hash", tmp_path))
        assert load_adapter("hash", manifest, tmp_path) is None, bad


def test_the_gate_refuses_what_no_action_answers_but_not_a_named_action(fake_assistant, monkeypatch):
    base = fake_assistant.retriever
    channel = _channel(fake_assistant)
    question = "Does the plan say anything about wind farms and their turbines?"
    query = read_search(base.plan, question)
    gated = Retriever(base.plan, [dataclasses.replace(channel, adapter=_gated(channel, query.english))], base.fusion)
    assert gated.outside(query) and not base.outside(query)
    ungated = Retriever(base.plan, [dataclasses.replace(channel, adapter=_gated(channel, query.english, gate=None))],
                        base.fusion)
    assert not ungated.outside(query)  # no gate: never outside
    monkeypatch.setattr(fake_assistant, "retriever", gated)
    assert fake_assistant.ask(question).abstained
    assert not fake_assistant.ask("What does action 20 say about wind farms?").abstained  # named: not gated
    monkeypatch.setattr(fake_assistant, "retriever", base)
    assert not fake_assistant.ask(question).abstained  # the fake's question model answers whatever is retrieved
