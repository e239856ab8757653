"""What an evaluator sees: lenient uploads, the questions table, one question's ranked list, a run's file
name and summary, the regression report, and batched evaluation (the same results as one by one). Fast."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from assistant.errors import DatasetError
from assistant.evaluate import evaluate, read_dataset, report_json
from assistant.evalview import (
    ALL,
    BASELINE,
    COLUMNS,
    FAILURES,
    question_rows,
    ranked_markdown,
    report_named,
    report_names,
    run_file_name,
    summary_markdown,
)
from assistant.paths import QUESTIONS_TEMPLATE
from assistant.runs import make_run, regression_report
from assistant.service import read_questions

GOOD = '{"id": "sig", "question": "electronic signatures", "relevant": [15.4], "category": "lookup"}'


def test_a_lenient_reading_skips_bad_lines_and_says_why(tmp_path):
    lines = [GOOD, "{oops", '{"question": "", "relevant": []}', '["a list"]',
             '{"id": "sig", "question": "again", "relevant": []}',
             '{"id": "tv", "question": "digital television", "relevant": ["7.1"]}']
    questions, skipped = read_dataset(lines, "mine.jsonl", lenient=True)
    assert [q.id for q in questions] == ["sig", "tv"] and questions[0].relevant == ("15.4",)
    assert [(s.line, s.reason.split(" (")[0]) for s in skipped] == [
        (2, "not valid JSON"), (3, "'question' must be non-empty text"),
        (4, "expected a JSON object with 'question' and 'relevant'"), (5, "id 'sig' appears twice")]
    with pytest.raises(DatasetError, match="mine.jsonl, line 2: not valid JSON"):
        read_dataset(lines, "mine.jsonl")  # strict (the CLI): the first bad line is the error
    with pytest.raises(DatasetError, match=r"mine.jsonl: no questions found \(2 line\(s\) skipped: the first, line 1"):
        read_dataset(["{oops", "[]"], "mine.jsonl", lenient=True)


def test_an_upload_skips_questions_the_plan_cannot_score_and_names_the_file(tmp_path, fake_assistant):
    path = tmp_path / "upload-3f9a" / "mine.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join([
        GOOD, '{"id": "x", "question": "nowhere", "relevant": ["99.9"]}', "{oops",
        '{"id": "es", "question": "firmas", "relevant": ["15.4"], "lang": "es", "translation_of": "x"}',
        '{"id": "empty", "question": "   ", "relevant": []}',
    ]) + "\n", encoding="utf-8")
    chosen = read_questions(path, fake_assistant.plan, label="mine.jsonl", lenient=True)
    assert [q.id for q in chosen.questions] == ["sig"] and chosen.name == "mine.jsonl"
    reasons = {s.line: s.reason for s in chosen.skipped}
    assert sorted(reasons) == [2, 3, 4, 5]
    assert "99.9 is not an action of the plan" in reasons[2] and "skipped" in reasons[4]
    assert all("upload-3f9a" not in r and "/" not in r for r in reasons.values())
    with pytest.raises(DatasetError, match="^mine.jsonl, line 3: not valid JSON"):
        read_questions(path, fake_assistant.plan, label="mine.jsonl")  # strict: the first bad line
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "x", "relevant": ["99.9"]}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="^bad.jsonl: no question can be evaluated .*line 1: 99.9"):
        read_questions(bad, fake_assistant.plan, label="bad.jsonl", lenient=True)


def test_the_template_is_a_valid_question_set(fake_assistant):
    chosen = read_questions(QUESTIONS_TEMPLATE, fake_assistant.plan)
    assert len(chosen.questions) >= 3 and not chosen.skipped
    assert {q.lang for q in chosen.questions} >= {"en", "es"} and any(not q.relevant for q in chosen.questions)


@pytest.fixture(scope="module")
def reports(fake_assistant, tmp_path_factory):
    path = tmp_path_factory.mktemp("set") / "set.jsonl"
    path.write_text("\n".join([
        GOOD,
        '{"id": "cup", "question": "who won the <b>football</b> world cup", "relevant": [], "category": "oos"}',
        '{"id": "tv", "question": "digital television", "relevant": ["7.1", "15.4"]}',
        '{"id": "far", "question": "health centres", "relevant": ["26.1"]}',
    ]) + "\n", encoding="utf-8")
    chosen = read_questions(path, fake_assistant.plan)
    return [report_json(evaluate(fake_assistant, chosen.questions, name, dataset="set.jsonl", answers=name == "hybrid"))
            for name in ("hybrid", "bm25")]


def test_the_questions_table_shows_failures_by_default_and_sorts_numbers(reports):
    hybrid = reports[0]
    verdicts = {q["id"]: q["verdict"] for q in hybrid["questions"]}
    failures = question_rows(hybrid, FAILURES)
    assert {r[0] for r in failures} == {i for i, v in verdicts.items() if v not in ("ok", "no answer")}
    assert all(len(r) == len(COLUMNS) for r in failures)
    every = question_rows(hybrid, ALL)
    assert [r[0] for r in every] == ["sig", "cup", "tv", "far"]
    sig = every[0]
    assert sig[1] == "ok" and sig[4] == 1 and sig[5] == 1.0 and sig[6] == 1.0 and sig[7] == "15.4"
    assert every[1][4] is None and every[1][5] is None  # unanswerable: no rank, no recall (empty, not 0)
    assert question_rows(hybrid, "ok") == [r for r in every if r[1] == "ok"]
    bm25 = question_rows(reports[1], ALL)
    assert bm25[1][1] == "no answer" and not any(r[0] == "cup" for r in question_rows(reports[1], FAILURES))


def test_one_question_in_full_marks_the_expected_actions(reports, fake_assistant):
    tv = next(q for q in reports[0]["questions"] if q["id"] == "tv")
    text = ranked_markdown(tv, fake_assistant.plan, "hybrid")
    numbered = [line for line in text.splitlines() if line.split(". ", 1)[0].isdigit()]
    assert len(numbered) == 10 and numbered[0].startswith("1. ")
    for number in tv["ranked"][:10]:
        line = next(x for x in numbered if f"**{number}**" in x)
        assert ("✓ *expected*" in line) == (number in tv["expected"])
        assert fake_assistant.plan.info(number).goal_label.split(":")[0] in line
    missing = [n for n in tv["expected"] if n not in tv["ranked"][:10]]
    assert ("not in the top 10" in text) == bool(missing)
    cup = next(q for q in reports[0]["questions"] if q["id"] == "cup")
    shown = ranked_markdown(cup, fake_assistant.plan)
    assert "<b>" not in shown and "\\<b\\>" in shown  # the uploaded question is shown as typed, never as HTML
    assert "nothing (the plan does not cover it)" in shown


def test_a_run_summary_lists_skipped_lines_and_every_category(reports):
    from assistant.evaluate import Skipped

    text = summary_markdown(reports, "my set.jsonl", [Skipped(3, "not valid JSON (Expecting value)")])
    assert "1 line(s) skipped" in text and "line 3: not valid JSON" in text
    assert "| oos | 1 |" in text  # the unanswerable category has its own row
    assert "citation_precision" in text and "| bm25 |" in text and "wrong lead" in text


def test_reports_to_compare_include_the_baseline():
    now = [{"retriever": "hybrid"}, {"retriever": "dense"}]
    old = [{"retriever": "hybrid", "old": True}]
    names = report_names(now, old)
    assert names == ["hybrid", "dense", BASELINE + "hybrid"]
    assert report_named(BASELINE + "hybrid", now, old) == old[0] and report_named("hybrid", now, old) is now[0]
    assert report_named("bm25", now, old) is None


def test_a_run_file_is_named_after_its_set_retrievers_and_time():
    when = datetime(2026, 11, 30, 6, 12, tzinfo=UTC)
    assert run_file_name("mine.jsonl", "all", when) == "elac-run-mine-all-2026-11-30-0612.json"
    assert run_file_name("eval/questions.jsonl", "hybrid", when) == "elac-run-questions-hybrid-2026-11-30-0612.json"
    assert run_file_name("../../é<x>.jsonl", "hybrid", when) == "elac-run-x-hybrid-2026-11-30-0612.json"
    assert run_file_name("ñ.jsonl", "hybrid", when) == "elac-run-questions-hybrid-2026-11-30-0612.json"


def _run(reports, digest="abc"):
    return make_run(reports, dataset="set.jsonl", dataset_sha256=digest, index={}, settings={})


def test_the_regression_report_says_whether_a_metric_fell_beyond_the_tolerance(reports):
    same = regression_report(_run(reports), _run(reports), base_label="base.json", tolerance=0.01)
    assert "No headline metric fell by more than 0.01" in same and "hybrid now against hybrid in base.json" in same
    better = json.loads(json.dumps(reports))
    better[0]["metrics"]["recall@5"] += 0.2
    fell = regression_report(_run(better, "other"), _run(reports), base_label="base.json", tolerance=0.01)
    assert "Regression beyond 0.01" in fell and "hybrid now: recall@5" in fell
    assert "measured on other questions" in fell
    assert "Regression" not in regression_report(_run(better), _run(reports), base_label="b", tolerance=0.5)[30:]
    partial = regression_report(_run(reports[:1]), _run(reports), base_label="b.json", tolerance=0.01)
    assert "b.json has no bm25 run to compare with" in partial


def test_batched_evaluation_gives_the_results_of_one_by_one(fake_assistant):
    from assistant.evaluate import load_dataset

    questions = load_dataset()[:70]  # more than one batch
    fake_assistant.retriever.forget_primed()
    one = report_json(evaluate(fake_assistant, questions, "hybrid", answers=True, batched=False))
    fake_assistant.retriever.forget_primed()
    batched = report_json(evaluate(fake_assistant, questions, "hybrid", answers=True))
    assert batched == one and len(fake_assistant.retriever._primed) > 70
    assert report_json(evaluate(fake_assistant, questions, "bm25")) == report_json(
        evaluate(fake_assistant, questions, "bm25", batched=False))


def test_per_question_figures_add_up_to_the_aggregate_metrics(fake_assistant):
    """The per-question results recomputed into the headline and answer metrics, independently of the code
    that aggregates them."""
    from statistics import fmean

    from assistant.evaluate import load_dataset

    report = report_json(evaluate(fake_assistant, load_dataset()[:150], "hybrid", answers=True))
    metrics, questions = report["metrics"], report["questions"]
    answerable = [q for q in questions if q["expected"]]
    unanswerable = [q for q in questions if not q["expected"]]
    assert answerable and unanswerable and metrics["answerable"] == len(answerable)
    assert metrics["recall@5"] == pytest.approx(fmean(q["recall@5"] for q in answerable), abs=1e-4)
    assert metrics["mrr@10"] == pytest.approx(fmean(q["reciprocal_rank"] for q in answerable), abs=1e-4)
    for q in answerable:  # the per-question values themselves, from the ranked list
        top5 = set(q["ranked"][:5]) & set(q["expected"])
        assert q["recall@5"] == pytest.approx(len(top5) / len(set(q["expected"])))
        rank = q["first_relevant_rank"]
        assert q["reciprocal_rank"] == pytest.approx(1 / rank if rank else 0.0)
    cited = [q for q in answerable if q["citations"]]
    precision = fmean(len(set(q["citations"]) & set(q["expected"])) / len(set(q["citations"])) for q in cited)
    recall = fmean(0.0 if q["abstained"] else len(set(q["citations"]) & set(q["expected"])) / len(q["expected"])
                   for q in answerable)
    assert metrics["citation_precision"] == pytest.approx(precision, abs=1e-4)
    assert metrics["citation_recall"] == pytest.approx(recall, abs=1e-4)
    assert metrics["false_abstention_rate"] == pytest.approx(fmean(q["abstained"] for q in answerable), abs=1e-4)
    assert metrics["abstention_accuracy"] == pytest.approx(fmean(q["abstained"] for q in unanswerable), abs=1e-4)
