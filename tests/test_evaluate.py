"""Evaluation: dataset parsing, metrics from pytrec_eval, the JSON shape, the report, quality floors."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.errors import DatasetError
from assistant.evaluate import evaluate, load_dataset, parse_dataset, ranking_metrics, report_json
from assistant.report import write_report

from .conftest import ROOT

# Floors a little under what hybrid measured on eval/questions.jsonl (see README).
FLOORS = {"recall@5": 0.82, "mrr@10": 0.88}
CATEGORY_FLOORS = {"paraphrase": (0.94, 0.91), "exact": (0.97, 0.98), "topic": (0.70, 0.95)}


def test_ranking_metrics_match_hand_computed_values():
    per_q = ranking_metrics({"a": ["3.1"], "b": ["1.1", "1.2"]}, {"a": ["4.1", "3.1"], "b": ["1.2", "9.9", "1.1"]})
    assert per_q["a"]["recall@1"] == 0.0 and per_q["a"]["recall@5"] == 1.0 and per_q["a"]["mrr@10"] == 0.5
    assert per_q["b"]["recall@1"] == 0.5 and per_q["b"]["recall@5"] == 1.0 and per_q["b"]["mrr@10"] == 1.0
    assert per_q["b"]["capped_recall@5"] == 1.0


def test_the_shipped_dataset_is_valid(plan):
    questions = load_dataset()
    assert len(questions) >= 150
    categories = {q.category for q in questions}
    wanted = {"paraphrase", "topic", "exact", "structured", "unanswerable", "spanish", "portuguese", "typos"}
    assert wanted <= categories
    for q in questions:
        assert all(plan.has_action(n) for n in q.relevant), q.id
        assert bool(q.relevant) == (q.category != "unanswerable"), q.id


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"question": "ok", "relevant": ["3.1"]}', "{broken"], "data.jsonl, line 2: not valid JSON"),
        (['["a list"]'], "line 1: expected a JSON object"),
        (['{"relevant": ["3.1"]}'], "line 1: 'question' must be non-empty text"),
        (['{"question": "ok", "relevant": "3.1"}'], "line 1: 'relevant' must be a list"),
        (['{"id": "x", "question": "a", "relevant": []}', '{"id": "x", "question": "b", "relevant": []}'],
         "line 2: id 'x' appears twice"),
        ([""], "no questions found"),
        (['{"question": "ok", "relevant": [], "lang": "fr"}'], "line 1: 'lang' must be one of en, es, pt"),
        (['{"question": "ok", "relevant": [], "translation_of": "q9"}'], "line 1: 'translation_of' must be the id"),
    ],
)
def test_malformed_datasets(lines, message):
    with pytest.raises(DatasetError, match=message):
        parse_dataset(lines, "data.jsonl")


def test_dataset_checked_against_the_plan(plan):
    from assistant.evaluate import check_dataset

    for row, message in [('{"question": "x", "relevant": ["99.9"]}', "line 2: 99.9 is not an action"),
                         ('{"question": "a\\u0000b", "relevant": []}', "line 2: the query contains control")]:
        questions = parse_dataset(['{"question": "ok", "relevant": ["3.1"]}', row], "d.jsonl")
        with pytest.raises(DatasetError, match=message):
            check_dataset(questions, plan, "d.jsonl")


def test_translation_gaps_pair_each_translation_with_its_original():
    from assistant.evaluate import translation_gaps

    questions = parse_dataset([
        '{"id": "en1", "question": "rural schools", "relevant": ["3.1"]}',
        '{"id": "en2", "question": "hospitals", "relevant": ["4.1"]}',
        '{"id": "es1", "question": "escuelas rurales", "relevant": ["3.1"], "lang": "es", "translation_of": "en1"}',
        '{"id": "es2", "question": "hospitales", "relevant": ["4.1"], "category": "spanish", "translation_of": "en2"}',
        '{"id": "pt9", "question": "escolas", "relevant": ["3.1"], "category": "portuguese"}',
    ], "d.jsonl")
    assert [q.lang for q in questions] == ["en", "en", "es", "es", "pt"]
    per_q = {"en1": {"recall@5": 1.0, "mrr@10": 1.0}, "en2": {"recall@5": 1.0, "mrr@10": 0.5},
             "es1": {"recall@5": 1.0, "mrr@10": 0.5}, "es2": {"recall@5": 0.0, "mrr@10": 0.0},
             "pt9": {"recall@5": 0.0, "mrr@10": 0.0}}
    gaps = translation_gaps(questions, per_q)
    assert set(gaps) == {"es"}  # pt9 translates nothing
    assert gaps["es"] == {"pairs": 2.0, "recall@5": 0.5, "english_recall@5": 1.0, "gap_recall@5": -0.5,
                          "mrr@10": 0.25, "english_mrr@10": 0.75, "gap_mrr@10": -0.5}


def test_minimal_rows_are_accepted():
    rows = parse_dataset(['{"question": "rural schools", "relevant": ["3.1"], "extra": 1}'], "d.jsonl")
    assert rows[0].id == "q1" and rows[0].category == "uncategorised" and rows[0].relevant == ("3.1",)


def test_cli_eval_json_shape_and_bad_file(tmp_path, capsys, fake_assistant, monkeypatch):
    data = tmp_path / "mini.jsonl"
    data.write_text(
        '{"question": "electronic signatures", "relevant": ["15.4"], "category": "paraphrase"}\n'
        '{"question": "who won the football world cup", "relevant": [], "category": "unanswerable"}\n'
    )
    monkeypatch.setattr("assistant.cli._assistant", lambda args: fake_assistant)
    assert main(["eval", "--dataset", str(data), "--retriever", "all", "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["retriever"] for r in reports] == ["hybrid", "dense", "bm25"]
    first = reports[0]
    assert first["n"] == 2 and set(first["metrics"]) >= {"recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10"}
    assert first["metrics"]["answerable"] == 1 and first["metrics"]["recall@1"] == 1.0
    assert set(first["by_category"]) == {"paraphrase", "unanswerable"}
    assert "recall@5" not in first["by_category"]["unanswerable"]
    assert set(first["by_category"]["unanswerable"]) == {"abstention_accuracy"}
    assert {"citation_precision", "citation_recall", "false_abstention_rate"} <= set(first["metrics"])
    assert len(first["questions"]) == 2 and len(first["questions"][0]["ranked"]) >= 10
    assert first["questions"][0]["citations"] == ["15.4"] and first["questions"][0]["abstained"] is False
    assert isinstance(first["questions"][1]["abstained"], bool)
    assert reports[1]["questions"][0]["abstained"] is None  # answers come from the hybrid pipeline
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "x", "relevant": []}\nnot json\n')
    assert main(["eval", "--dataset", str(bad)]) == 2
    assert f"{bad}, line 2: not valid JSON" in capsys.readouterr().err


def test_report_writes_markdown_and_charts(tmp_path, fake_assistant):
    questions = load_dataset()[:30]
    reports = [report_json(evaluate(fake_assistant, questions, name, dataset="sample")) for name in ("hybrid", "bm25")]
    path = write_report(reports, tmp_path / "rep")
    text = path.read_text()
    assert "| hybrid |" in text and "| bm25 |" in text and "## recall@5 by category" in text
    assert "## Verdicts" in text and "| retriever | ok | missed |" in text
    assert "## What the metrics mean" in text and "- **false_abstention_rate**: " in text
    for chart in ("by_category.png", "recall_at_k.png", "overall.png"):
        data = (tmp_path / "rep" / chart).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


@pytest.mark.slow
def test_hybrid_quality_floors(real_assistant):
    report = evaluate(real_assistant, load_dataset(), "hybrid", answers=True)
    for key, floor in FLOORS.items():
        assert report.metrics[key] >= floor, (key, report.metrics[key])
    # the committed baseline run (elac eval --save eval/baseline.json): no headline metric worse by more
    # than 0.01; after an intended change, save a new baseline and say why in the commit
    from assistant.runs import compare, load_run, regressions, report_of

    baseline = report_of(load_run(ROOT / "eval" / "baseline.json"), "hybrid")
    worse = regressions(compare(baseline, report_json(report)), 0.01)
    assert not worse, worse
    # answers to English questions, measured 0.890 / 0.947 / 0.636 / 0.018 with the precedents' votes (0.911 / 0.884 /
    # 0.682 / 0.047 before them: 2 of 22 out-of-scope questions more answered, 1 fewer; 0.912 / 0.862 / 0.727 / 0.047
    # before the query adapters; 0.882 / 0.873 / 0.500 / 0.030 before the fitted evidence models)
    english = report.by_language["en"]
    assert english["citation_precision"] >= 0.87
    assert english["citation_recall"] >= 0.90
    assert english["abstention_accuracy"] >= 0.60
    assert english["false_abstention_rate"] <= 0.06
    # Spanish / Portuguese answers, measured 0.890 / 0.943 and 0.887 / 0.911 (0.921 / 0.880 and 0.908 / 0.886 before
    # the precedents)
    for lang in ("es", "pt"):
        got = report.by_language[lang]
        assert got["citation_precision"] >= 0.80 and got["citation_recall"] >= 0.85, (lang, got)
        assert got["false_abstention_rate"] <= 0.10, (lang, got)
    # translated questions against their English originals (same pairs): measured -0.032 and -0.042 (-0.010 and
    # -0.022 before the query adapters lifted the English questions more than their translations)
    for lang in ("es", "pt"):
        assert report.translations[lang]["pairs"] >= 70
        assert report.translations[lang]["gap_recall@5"] >= -0.05, (lang, report.translations[lang])
    for category, (recall, mrr) in CATEGORY_FLOORS.items():
        got = report.by_category[category]
        assert got["recall@5"] >= recall and got["mrr@10"] >= mrr, (category, got)
    dense = evaluate(real_assistant, load_dataset(), "dense").metrics
    bm25 = evaluate(real_assistant, load_dataset(), "bm25").metrics
    for key in ("recall@5", "mrr@10"):
        assert report.metrics[key] > max(dense[key], bm25[key]), key


@pytest.mark.slow
def test_batched_evaluation_equals_one_by_one_with_the_real_models(real_assistant):
    """Batched encoding (64 questions per model call) changes nothing measured: MiniLM's batched vectors
    differ from one-by-one in the 7th decimal, and no ranking or answer may move with it."""
    questions = load_dataset()[::3]  # 137 questions, every kind, three batches
    real_assistant.retriever.forget_primed()
    one = [report_json(evaluate(real_assistant, questions, name, answers=name == "hybrid", batched=False))
           for name in ("hybrid", "dense", "multilingual")]
    real_assistant.retriever.forget_primed()
    batched = [report_json(evaluate(real_assistant, questions, name, answers=name == "hybrid"))
               for name in ("hybrid", "dense", "multilingual")]
    assert batched == one


def test_committed_report_exists():
    assert (ROOT / "eval" / "report" / "report.md").exists()


# -- hostile question sets (issue: one uploaded file must never take the app down) -----------------
BIG_INT = '{"question": "x", "relevant": [' + "9" * 5000 + "]}"
NESTED = '{"question": "x", "relevant": ' + "[" * 50_000 + "]" * 50_000 + "}"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a\\udc80b", "question": "x", "relevant": []}'], r"'id' contains control or invisible .*U\+DC80"),
        (['{"id": "a\\u0000b", "question": "x", "relevant": []}'], r"'id' contains control .*U\+0000"),
        (['{"question": "x", "relevant": [], "category": "a\\ud800"}'], r"'category' contains control .*U\+D800"),
        (['{"question": "x", "relevant": [], "category": "' + "c" * 100_000 + '"}'],
         "'category' is 100,000 characters long; the limit is 100"),
        (['{"question": "x", "relevant": ["3.1\\u0000"]}'], r"'relevant' contains control .*U\+0000"),
        (['{"question": "x", "relevant": [], "category": "a|b\\n| c |"}'], r"'category' contains control .*U\+000A"),
        ([BIG_INT], r"line 1: not valid JSON \(ValueError"),
        ([NESTED], r"line 1: not valid JSON \(RecursionError"),
        (['{"question": "x", "relevant": []}'] * 2_001, "line 2001: more than 2,000 questions; split the file"),
    ],
    ids=["surrogate-id", "nul-id", "surrogate-category", "huge-category", "nul-label", "newline-category", "big-int",
         "nested", "too-many"],
)
def test_hostile_datasets_are_one_clear_error(lines, message):
    with pytest.raises(DatasetError, match=message):
        parse_dataset(lines, "data.jsonl")


def test_metrics_never_hand_ids_to_the_c_extension():
    """A lone surrogate made pytrec_eval segfault, ids differing only after a NUL made it abort: run in a
    child process, so that a crash fails this test instead of ending the run."""
    import subprocess
    import sys

    code = (
        "from assistant.evaluate import ranking_metrics\n"
        "m = ranking_metrics({'a\\udc80b': ['3.1'], 'a\\x00b': ['3.1', 'x\\udc80'], 'a\\x00c': ['4.1']},\n"
        "                    {'a\\udc80b': ['3.1'], 'a\\x00b': ['x\\udc80', '3.1'], 'a\\x00c': ['3.1', '4.1']})\n"
        "print(m['a\\udc80b']['mrr@10'], m['a\\x00b']['recall@1'], m['a\\x00c']['mrr@10'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["1.0", "0.5", "0.5"]


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_special_files_are_refused_as_datasets(path):
    with pytest.raises(DatasetError, match="is not a regular file"):
        load_dataset(path)


def test_a_fifo_and_a_huge_file_are_refused(tmp_path):
    import os

    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(DatasetError, match="is not a regular file"):
        load_dataset(fifo)
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as fh:
        fh.truncate(20_000_000)  # sparse: nothing is written
    with pytest.raises(DatasetError, match="is 20,000,000 bytes; an evaluation file is at most 10,000,000"):
        load_dataset(huge, label="huge.jsonl")


def test_errors_name_the_label_not_the_path(tmp_path):
    path = tmp_path / "gradio" / "0123abc" / "mine.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        load_dataset(path, label="mine.jsonl")
    assert str(raised.value).startswith("mine.jsonl, line 1: not valid JSON") and str(tmp_path) not in str(raised.value)


def test_tex_and_long_categories_are_drawn_as_literal_text(tmp_path, fake_assistant):
    lines = [
        json.dumps({"question": "digital signatures", "relevant": ["15.4"], "category": "$\\foo$"}),
        json.dumps({"question": "rural schools", "relevant": ["3.1"], "category": "x" * 100}),
        json.dumps({"question": "health", "relevant": ["4.1"], "category": "a_b^c {d}"}),
    ]
    questions = parse_dataset(lines, "tex.jsonl")
    reports = [report_json(evaluate(fake_assistant, questions, "hybrid", dataset="tex.jsonl"))]
    path = write_report(reports, tmp_path / "rep")
    assert "| $\\foo$ |" in path.read_text(encoding="utf-8")
    assert (tmp_path / "rep" / "by_category.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
