"""The service layer both faces call: where the index lives, JSON shapes, chat turns, kept files (fast)."""

from __future__ import annotations

import json
import os
import time

import pytest

from assistant import paths
from assistant.errors import OutputError
from assistant.reading.followup import MAX_TURNS, as_turns
from assistant.reading.numbers import MAX_QUERY_CHARS
from assistant.service import answer_json, check_writable, hit_json, keep_newest, turn_record

from .conftest import CORPUS_TXT, ROOT


def test_index_root_rule(monkeypatch, tmp_path):
    monkeypatch.delenv("ELAC_INDEX", raising=False)
    assert paths.index_root() == ROOT / "index"  # run from this checkout
    assert paths.index_root(tmp_path / "given") == tmp_path / "given"
    monkeypatch.setenv("ELAC_INDEX", str(tmp_path / "env"))
    assert paths.index_root() == tmp_path / "env"
    assert paths.index_root(tmp_path / "given") == tmp_path / "given"  # --index wins


def test_outside_a_checkout_the_index_is_in_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("ELAC_INDEX", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(paths, "PACKAGE", tmp_path / "site-packages" / "assistant")  # as installed
    assert paths.checkout() is None
    assert paths.index_root() == tmp_path / "cache" / "elac-assistant" / "index"
    assert paths.default_corpus() == paths.PACKAGED_PLAN and paths.default_dataset() is None


def test_the_packaged_plan_is_the_corpus():
    assert paths.PACKAGED_PLAN.read_bytes() == CORPUS_TXT.read_bytes()
    assert paths.default_corpus() == CORPUS_TXT


def test_hit_json_is_flat_and_json(fake_assistant):
    hit = fake_assistant.search("digital signatures", top_k=1)[0]
    data = hit_json(hit)
    assert list(data) == ["action", "goal", "goal_title", "goal_label", "preamble", "area", "area_title",
                          "deadline", "text", "score", "similarity", "multilingual_similarity", "bm25", "retrievers",
                          "clause_similarity", "clause_multilingual", "precedent", "precedent_nearest",
                          "precedent_multilingual", "precedent_multilingual_nearest"]
    assert data["action"] == hit.action == hit.info.action
    assert data["text"] == fake_assistant.plan.action(hit.action).text
    assert json.loads(json.dumps(data)) == {**data, "retrievers": list(hit.retrievers)}


def test_answer_json_and_turn_record(fake_assistant):
    answer = fake_assistant.ask("What does 22.1 say?")
    data = answer_json(answer)
    assert data["citations"] == ["22.1"] and data["quotes"]["22.1"] == fake_assistant.plan.action("22.1").text
    assert data["kind"] == "lookup" and data["lang"] == "en" and data["abstained"] is False
    assert [h["action"] for h in data["hits"]] == [h.action for h in answer.hits]
    turn = turn_record(answer)
    assert turn == {"question": answer.question, "citations": ["22.1"], "shown": [h.action for h in answer.hits]}
    follow = fake_assistant.ask("what is its deadline?", [turn])
    assert follow.cited == ["22.1"] and follow.kind == "structured"


def test_history_is_bounded():
    long_turn = {"question": "x" * (MAX_QUERY_CHARS + 1), "citations": ["3.1"]}
    turns = as_turns([{"question": f"q{i}", "citations": ["3.1"] * 500} for i in range(50)] + [long_turn])
    assert len(turns) == MAX_TURNS - 1  # the last MAX_TURNS read, the oversized one skipped
    assert turns[-1].question == "q49" and len(turns[-1].citations) == 100
    assert as_turns([{"question": "q", "citations": ["1" * 5000, 10**400, "3.1"]}])[0].citations == ("3.1",)


def test_keep_newest(tmp_path):
    for i in range(8):
        item = tmp_path / f"f{i}"
        (item.mkdir() if i % 2 else item.write_text("x"))
        os.utime(item, (time.time() - 100 + i, time.time() - 100 + i))
    keep_newest(tmp_path, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f5", "f6", "f7"]
    keep_newest(tmp_path / "missing", 3)  # nothing to do, no error


def test_an_unwritable_index_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="is not writable"):
        check_writable(blocker / "index")
