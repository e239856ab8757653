"""Precedents: labelled questions asked before vote for the actions that answered them; used only where built."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pytest

from assistant.precedent import FAR, Precedents, load_precedents, precedent_path
from assistant.reading import read_search
from assistant.retrieve import Retriever

from .conftest import CORPUS_TXT


def _unit(rows) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _bank() -> Precedents:
    # three questions near the x axis (two cite 3.1, one 3.1 and 9.2), one near y citing 20, one not answered
    vectors = _unit([[1.0, 0.1, 0.0], [1.0, 0.2, 0.0], [1.0, 0.0, 0.3], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    return Precedents("m", "c", vectors, (("3.1",), ("3.1",), ("3.1", "9.2"), ("20",), ()), neighbours=3)


def test_the_nearest_precedents_vote_and_say_how_near_each_action_comes():
    votes = _bank().votes(_unit([[1.0, 0.05, 0.0]]), ["3.1", "9.2", "20", "25"])[0]
    # the three x-axis questions are the nearest three: every one cites 3.1, one of them 9.2
    assert votes.vote["3.1"] == pytest.approx(1.0) and 0.0 < votes.vote["9.2"] < 0.5
    assert votes.vote["20"] == 0.0 and votes.vote["25"] == 0.0
    # the nearest question cites 3.1 (0); 9.2's is a little further; 20's far; 25 is cited by none
    assert votes.nearest["3.1"] == 0.0 and -0.2 < votes.nearest["9.2"] < 0.0
    assert votes.nearest["20"] < votes.nearest["9.2"] and votes.nearest["25"] == FAR


def test_a_question_near_one_the_plan_did_not_answer_gets_few_votes():
    votes = _bank().votes(_unit([[0.1, 0.0, 1.0]]), ["3.1", "9.2", "20"])[0]
    assert votes.vote["9.2"] == votes.vote["3.1"] < 0.5  # the nearest precedent (not answered) votes for none
    assert sum(votes.vote.values()) < 1.0


def test_an_empty_bank_votes_for_nothing():
    votes = Precedents("m", "c", np.zeros((0, 3), np.float32), ()).votes(_unit([[1, 0, 0]]), ["3.1"])
    assert len(votes) == 1 and votes[0].vote == {"3.1": 0.0} and votes[0].nearest == {"3.1": FAR}


def test_many_questions_at_once_vote_as_each_alone():
    bank, questions = _bank(), _unit([[1.0, 0.05, 0.0], [0.1, 0.0, 1.0], [0.0, 1.0, 0.2]])
    together = bank.votes(questions, ["3.1", "9.2", "20"])
    assert together == [bank.votes(q, ["3.1", "9.2", "20"])[0] for q in questions]


def test_labels_and_vectors_must_agree():
    with pytest.raises(ValueError):
        Precedents("m", "c", _unit([[1, 0, 0]]), (("3.1",), ()))


def _manifest(assistant):
    return assistant.retriever.channels["dense"].index.manifest


def _saved(assistant, tmp_path, labels=None) -> Precedents:
    manifest = _manifest(assistant)
    rng = np.random.default_rng(0)
    vectors = _unit(rng.normal(size=(4, manifest.dim)))
    built = Precedents(manifest.model_id, manifest.chunks_sha256, vectors,
                       labels or (("3.1",), ("9.2", "26.1"), (), ("20",)), {"built_from": {"dev": 4}})
    built.save(precedent_path("hash", tmp_path))
    return built


def test_saved_precedents_load_only_for_their_model_and_plan(fake_assistant, tmp_path):
    manifest = _manifest(fake_assistant)
    built = _saved(fake_assistant, tmp_path)
    loaded = load_precedents("hash", manifest, tmp_path)
    assert loaded is not None and loaded.labels == built.labels and loaded.provenance == {"built_from": {"dev": 4}}
    assert np.allclose(loaded.vectors, built.vectors, atol=2e-3)  # stored as float16, unit again on load
    assert np.allclose(np.linalg.norm(loaded.vectors, axis=1), 1.0, atol=1e-5)
    assert load_precedents("minilm", manifest, tmp_path) is None  # no file for that embedder
    for other in ({"model_id": "another/model"}, {"chunks_sha256": "0" * 64}, {"dim": manifest.dim + 1}):
        assert load_precedents("hash", dataclasses.replace(manifest, **other), tmp_path) is None


@pytest.mark.parametrize("damage", [b"", b"not an archive", b"PK\x03\x04 truncated zip"])
def test_damaged_precedents_are_not_used_and_say_why(fake_assistant, tmp_path, caplog, damage):
    precedent_path("hash", tmp_path).write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="assistant.precedent"):
        assert load_precedents("hash", _manifest(fake_assistant), tmp_path) is None
    assert "not used" in caplog.text


@pytest.mark.parametrize("meta", ['"x"', "3", '{"model_id": "m", "chunks_sha256": "c"}',
                                  '{"model_id": "m", "chunks_sha256": "c", "labels": [[1]]}'])
def test_precedents_without_their_model_plan_or_labels_are_not_used(fake_assistant, tmp_path, meta):
    np.savez_compressed(precedent_path("hash", tmp_path), vectors=np.ones((1, 3), np.float16), meta=np.array(meta))
    assert load_precedents("hash", _manifest(fake_assistant), tmp_path) is None


def test_precedents_vote_in_the_hits_and_do_not_change_the_ranking(fake_assistant):
    base = fake_assistant.retriever
    channel = base.channels["dense"]
    query = read_search(base.plan, "electronic signatures for government procedures")
    # one precedent: the question itself, labelled with 30 (far from it in the plan's words)
    vector = channel.embedder.embed([query.english], kind="query")
    manifest = channel.index.manifest
    precedents = Precedents(manifest.model_id, manifest.chunks_sha256, np.asarray(vector, np.float32), (("30",),))
    voted = Retriever(base.plan, [dataclasses.replace(channel, precedents=precedents)], base.fusion)
    before = base.search(query, top_k=70, retriever="dense")
    after = voted.search(query, top_k=70, retriever="dense")
    assert [h.action for h in after] == [h.action for h in before]  # they vote; they do not rank
    by_action = {h.action: h for h in after}
    assert by_action["30"].precedent == pytest.approx(1.0) and by_action["30"].precedent_nearest == 0.0
    assert all(h.precedent == 0.0 and h.precedent_nearest == FAR for h in after if h.action != "30")
    assert all(h.precedent == 0.0 and h.precedent_nearest == FAR for h in before)  # none without precedents
    assert all(h.precedent_multilingual == 0.0 for h in after)  # no multilingual channel here
    voted.prime([query])  # primed scores keep the votes
    assert {h.action: h.precedent for h in voted.search(query, top_k=70, retriever="dense")}["30"] == \
        pytest.approx(1.0)


def test_assistant_load_attaches_precedents_unless_told_not_to(fake_assistant, tmp_path, monkeypatch):
    from assistant.core import Assistant
    from assistant.embed import HashEmbedder
    from assistant.service import evaluation_run

    _saved(fake_assistant, tmp_path)
    monkeypatch.setattr("assistant.precedent.PRECEDENT_DIR", tmp_path)
    voted = Assistant.load(CORPUS_TXT, tmp_path / "index", channels={"dense": HashEmbedder()})
    assert voted.retriever.channels["dense"].precedents is not None
    plain = Assistant.load(CORPUS_TXT, tmp_path / "index", channels={"dense": HashEmbedder()}, rebuild=False,
                           adapters=False)
    assert plain.retriever.channels["dense"].precedents is None
    run = evaluation_run(voted, [], [], dataset="none")
    assert run["settings"]["precedents"]["dense"]["built_from"] == {"dev": 4}
    assert evaluation_run(plain, [], [], dataset="none")["settings"]["precedents"] == {"dense": None}


@pytest.mark.slow
def test_shipped_precedents_fit_the_shipped_models_and_plan(real_assistant):
    plan_actions = {a.number for a in real_assistant.plan.actions}
    for channel in real_assistant.retriever.channels.values():
        precedents = channel.precedents
        assert precedents is not None and precedents.fits(channel.index.manifest)
        # the development and spent blind sets only: the tuning set stays a held-out measure
        built_from = precedents.provenance["built_from"]
        assert "tuning" not in built_from and "dev" in built_from and len(precedents) == sum(built_from.values())
        assert {a for row in precedents.labels for a in row} <= plan_actions
        assert sum(not row for row in precedents.labels) > 100  # questions the plan does not answer vote for none


def test_the_precedents_are_packaged():
    import fnmatch
    import tomllib

    from assistant.precedent import PRECEDENT_DIR

    from .conftest import ROOT

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["assistant.data"]
    shipped = sorted(PRECEDENT_DIR.glob("*.npz"))
    assert [p.stem for p in shipped] == ["e5", "minilm"]
    for path in shipped:
        assert any(fnmatch.fnmatch(f"{path.parent.name}/{path.name}", p) for p in patterns), path
