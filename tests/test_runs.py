"""Per-question results, kept runs and comparisons (assistant/evaluate.py, assistant/runs.py, elac eval). Fast."""

from __future__ import annotations

import json

import pytest

from assistant.cli import EXIT_REGRESSION, main
from assistant.errors import DatasetError
from assistant.evaluate import QuestionResult, evaluate, load_dataset, question_json, report_json
from assistant.runs import FORMAT, compare, load_run, regressions, save_run

MINI = (
    '{"id": "sig", "question": "electronic signatures", "relevant": ["15.4"], "category": "paraphrase"}\n'
    '{"id": "cup", "question": "who won the football world cup", "relevant": [], "category": "unanswerable"}\n'
    '{"id": "tv", "question": "digital television", "relevant": [7.1], "category": "paraphrase"}\n'
)


@pytest.mark.parametrize(("relevant", "ranked", "cited", "abstained", "verdict"), [
    (("3.1",), ["3.1", "3.2"], ["3.1"], False, "ok"),
    (("3.1",), ["3.2", "3.1"], ["3.2"], False, "wrong lead"),
    (("3.1",), ["3.2", "3.1"], [], True, "false abstention"),
    ((), ["3.2"], ["3.2"], False, "answered out-of-scope"),
    ((), ["3.2"], [], True, "ok"),
    ((), ["3.2"], [], None, "no answer"),  # a retriever that does not answer
    (("3.1",), ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"], [], None, "missed"),  # first found at rank 6
    (("3.1",), ["1.1", "1.2", "1.3", "2.1", "3.1"], [], None, "ok"),
])
def test_verdicts(relevant, ranked, cited, abstained, verdict):
    result = QuestionResult("q", "c", "en", ranked, cited, abstained, question="?", relevant=relevant)
    assert result.verdict == verdict
    row = question_json(result)
    assert row["verdict"] == verdict and row["expected"] == list(relevant)
    assert row["first_relevant_rank"] == next((i for i, a in enumerate(ranked, 1) if a in relevant), None)


def test_per_question_results_carry_ranks_and_metrics(fake_assistant, tmp_path):
    path = tmp_path / "mini.jsonl"
    path.write_text(MINI, encoding="utf-8")
    report = report_json(evaluate(fake_assistant, load_dataset(path), "hybrid", answers=True))
    first = report["questions"][0]
    assert first["question"] == "electronic signatures" and first["expected"] == ["15.4"]
    assert first["expected_ranks"] == {"15.4": first["first_relevant_rank"]} and first["first_relevant_rank"] == 1
    assert first["recall@5"] == 1.0 and first["reciprocal_rank"] == 1.0 and first["lead_correct"] is True
    assert report["questions"][2]["expected"] == ["7.1"]  # a number is an action number
    assert report["questions"][1]["recall@5"] is None  # unanswerable: no ranking metric


def _report(values: dict[str, tuple[float, float]], metrics: dict[str, float]) -> dict:
    return {"retriever": "hybrid", "metrics": metrics,
            "questions": [{"id": i, "question": i, "recall@5": r, "reciprocal_rank": rr, "verdict": "ok"}
                          for i, (r, rr) in values.items()]}


def test_compare_counts_wins_losses_ties_with_a_paired_test():
    from scipy.stats import wilcoxon

    base = _report({f"q{i}": (0.0, 0.5) for i in range(12)}, {"recall@5": 0.5, "false_abstention_rate": 0.1})
    new = _report({**{f"q{i}": (1.0, 1.0) for i in range(10)}, "q10": (0.0, 0.5), "q11": (0.0, 0.25)},
                  {"recall@5": 0.6, "false_abstention_rate": 0.3})
    c = compare(base, new)
    recall, rr = c.paired
    assert (recall.wins, recall.losses, recall.ties, recall.pairs) == (10, 0, 2, 12)
    assert (rr.wins, rr.losses, rr.ties) == (10, 1, 1)
    expected = wilcoxon([1.0] * 10 + [0.0, 0.0], [0.0] * 12, zero_method="wilcox").pvalue
    assert recall.p_value == pytest.approx(expected, abs=1e-6) and recall.p_value < 0.01
    assert {q["id"] for q in c.changed} == {f"q{i}" for i in range(10)}
    assert regressions(c, 0.05) == ["false_abstention_rate 0.1000 -> 0.3000"]  # lower is better
    assert regressions(c, 0.5) == []
    same = compare(base, base)
    assert same.paired[0].p_value is None and same.changed == ()  # every pair ties: no test to run


def test_run_files_round_trip_and_bad_ones_are_named(tmp_path):
    run = {"format": FORMAT, "reports": [_report({"a": (1.0, 1.0)}, {"recall@5": 1.0})], "dataset_sha256": "x"}
    path = save_run(run, tmp_path / "run.json")
    assert load_run(path) == run
    for text in ("not json", json.dumps({"format": "other", "reports": []}), json.dumps({"format": FORMAT})):
        (tmp_path / "bad.json").write_text(text, encoding="utf-8")
        with pytest.raises(DatasetError, match="^baseline.json: "):
            load_run(tmp_path / "bad.json", label="baseline.json")  # the name the user knows, not the path


def test_cli_per_question_save_compare_and_tolerance(tmp_path, capsys, fake_assistant, monkeypatch):
    data = tmp_path / "mini.jsonl"
    data.write_text(MINI, encoding="utf-8")
    monkeypatch.setattr("assistant.cli._assistant", lambda args: fake_assistant)
    run = tmp_path / "base.json"
    assert main(["eval", "--dataset", str(data), "--per-question", "--save", str(run)]) == 0
    out = capsys.readouterr().out
    assert "| id | category | lang | verdict |" in out and "| sig | paraphrase | en | ok | 1 |" in out
    saved = load_run(run)
    assert saved["dataset_sha256"] and saved["index"] and saved["settings"]["fusion"]["rrf_k"] > 0
    assert [q["id"] for q in saved["reports"][0]["questions"]] == ["sig", "cup", "tv"]

    assert main(["eval", "--dataset", str(data), "--compare", str(run), "--tolerance", "0.01"]) == 0
    assert "| recall@5 | 2 | 0 | 0 | 2 |" in capsys.readouterr().out  # the same run: 2 ranked pairs, all ties

    better = json.loads(run.read_text(encoding="utf-8"))
    better["reports"][0]["metrics"]["recall@5"] = 1.5  # a baseline no run can match
    run.write_text(json.dumps(better), encoding="utf-8")
    args = ["eval", "--dataset", str(data), "--compare", str(run), "--tolerance", "0.01", "--json"]
    assert main(args) == EXIT_REGRESSION
    captured = capsys.readouterr()
    assert "regression beyond 0.01: hybrid now: recall@5 1.5000 -> " in captured.err
    body = json.loads(captured.out)
    assert body["comparisons"][0]["paired"][0]["metric"] == "recall@5"

    assert main(["eval", "--dataset", str(data), "--tolerance", "0.01"]) == 2  # nothing to compare with
    assert "--tolerance needs --compare" in capsys.readouterr().err
    assert main(["eval", "--dataset", str(data), "--save", str(tmp_path / "missing" / "run.json")]) == 2
    assert "cannot write the run" in capsys.readouterr().err


def test_cli_eval_pretrained_loads_without_query_adapters(tmp_path, capsys, fake_assistant, monkeypatch):
    """``elac eval --pretrained`` ranks with the models' own query vectors; a kept run says which channels
    ranked with an adapter (none with the hashing embedder, which has none)."""
    data = tmp_path / "mini.jsonl"
    data.write_text(MINI, encoding="utf-8")
    asked = []

    def load(corpus, root, progress=None, *, adapters=True):
        asked.append(adapters)
        return fake_assistant

    monkeypatch.setattr("assistant.service.load_assistant", load)
    run = tmp_path / "run.json"
    assert main(["eval", "--dataset", str(data), "--pretrained", "--save", str(run)]) == 0
    assert main(["eval", "--dataset", str(data)]) == 0
    assert asked == [False, True]
    assert load_run(run)["settings"]["query_adapters"] == {"dense": None}
    capsys.readouterr()
