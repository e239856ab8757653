"""The evidence decision (assistant/evidence.py): does a candidate address the question? Fast: no model."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from assistant.evidence import FEATURES, MODEL_FILE, Evidence, EvidenceModel, _same
from assistant.reading import read
from assistant.retrieve import Hit

from .conftest import ROOT


def _hit(plan, number: str, score: float, similarity: float = 0.5, bm25: float = 1.0) -> Hit:
    return Hit(plan.info(number), score=score, similarity=similarity, multilingual_similarity=0.8, bm25=bm25,
               retrievers=("dense", "bm25"))


def test_the_stored_model_fits_the_features_and_the_tuning_set():
    model = EvidenceModel.load()
    assert model.features == FEATURES and 0.0 < model.threshold < 1.0
    # fitted on the tuning set as it is now: edit eval/questions.jsonl, then refit (scripts/fit_evidence.py)
    assert model.provenance["sha256"] == hashlib.sha256((ROOT / "eval" / "questions.jsonl").read_bytes()).hexdigest()
    assert model.provenance["candidates"] > model.provenance["positives"] > 0


def test_a_model_of_other_features_is_refused(tmp_path):
    path = tmp_path / "evidence.json"
    model = EvidenceModel.load()
    path.write_text(dataclasses.replace(model, features=FEATURES[:-1]).to_json(), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        EvidenceModel.load(path)
    path.write_text(model.to_json(), encoding="utf-8")
    assert EvidenceModel.load(path) == model  # the JSON round-trips


def test_probability_follows_the_coefficients():
    n = len(FEATURES)
    model = EvidenceModel(FEATURES, (0.0,) * n, (1.0,) * n, (1.0,) + (0.0,) * (n - 1), 0.0, 0.5, {})
    assert model.probability([0.0] * n) == pytest.approx(0.5)
    assert model.probability([3.0] + [0.0] * (n - 1)) > 0.95 > 0.05 > model.probability([-3.0] + [0.0] * (n - 1))
    assert model.probability([1e9] + [0.0] * (n - 1)) == pytest.approx(1.0)  # no overflow


@pytest.mark.parametrize(("term", "stem", "same"), [
    ("environ", "environment", True),  # "environment" and "environmental" stem apart
    ("school", "school", True),
    ("use", "user", False),  # short stems must match exactly
    ("gender", "general", False),
])
def test_one_word_in_two_forms(term, stem, same):
    assert _same(term, stem) is same


def test_features_describe_each_candidate(plan):
    evidence = Evidence(plan)
    reading = read(plan, "Is there anything about gender?")
    hits = [_hit(plan, "9.1", 0.5), _hit(plan, "9.2", 0.4), _hit(plan, "26.1", 0.3)]
    rows = evidence.features(reading.terms, hits, reading.wants_all, True)
    assert len(rows) == 3 and all(len(r) == len(FEATURES) for r in rows)
    own = FEATURES.index("own_terms")
    assert [r[own] for r in rows] == [1.0, 0.0, 1.0]  # "gender" is in 9.1 and 26.1, not in 9.2 ("women")
    assert rows[0][FEATURES.index("inverse_rank")] == 1.0 and rows[2][FEATURES.index("fused_ratio")] == pytest.approx(0.6)
    supports = evidence.judge(reading.terms, hits, reading.wants_all, True)
    assert [s.names_all for s in supports] == [True, False, True]


def test_a_word_only_in_an_area_title_is_another_sense(plan):
    """'environment' in area E's title ("Enabling environment") is not action 20's environmental protection."""
    n = len(FEATURES)
    cite_all = EvidenceModel(FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0, 0.5, {})  # every candidate likely
    evidence = Evidence(plan, cite_all)
    reading = read(plan, "Is there anything about the environment?")
    hits = [_hit(plan, "28", 0.5), _hit(plan, "30", 0.45), _hit(plan, "20", 0.3)]
    supports = {s.action: s for s in evidence.judge(reading.terms, hits, reading.wants_all, True)}
    assert supports["20"].names_all and supports["20"].cited
    assert not supports["28"].cited and not supports["30"].cited
    # with no action saying the word itself, the area's actions are the plan's own sense of it
    alone = {s.action: s for s in evidence.judge(reading.terms, hits[:2], reading.wants_all, True)}
    assert alone["28"].cited and alone["30"].cited


def test_the_model_file_is_packaged():
    assert MODEL_FILE.parent.name == "data" and MODEL_FILE.suffix == ".json"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"assistant.data" = ["*.tsv", "*.txt", "*.json"]' in text
