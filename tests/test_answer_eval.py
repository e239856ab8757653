"""Answer metrics per kind (fast: the deterministic embedder; table answers and follow-ups do not need a model)."""

from __future__ import annotations

import json

import pytest

from assistant.answer_eval import Case, Seen, Turn, load_cases, run, score, side_by_side
from assistant.errors import DatasetError


def test_both_formats_load(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [
        {"id": "a", "kind": "structured", "lang": "en", "question": "Which actions were due at the end of 2006?",
         "relevant": ["8.1", "8.2", "10.1", "10.2"], "lead": ["8.1"]},
        {"id": "b", "kind": "followup", "lang": "en", "turns": [
            {"question": "Which actions were due in 2006?", "relevant": ["1.2"]},
            {"question": "which of these are due in 2007?", "relevant": [], "expect": "none"}]},
        {"id": "c", "question": "Who won the 2006 football World Cup?", "relevant": [], "category": "unanswerable"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cases = load_cases(path)
    assert [c.kind for c in cases] == ["structured", "followup", "out_of_scope"]
    assert cases[1].turns[1].expect == "none" and not cases[1].turns[1].answerable
    assert cases[0].turns[0].lead == ("8.1",) and cases[2].turns[0].lead == ()
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="line 1: not an answer case"):
        load_cases(path)


def test_scores_by_hand():
    cases = [
        Case("t", "topic", "en", (Turn("q", ("1.1", "1.2"), ("1.1", "1.2")),)),
        Case("o", "out_of_scope", "es", (Turn("q", (), ()),)),
        Case("f", "followup", "en", (Turn("q", ("3.1",), ("3.1",)), Turn("q2", ("3.1",), ("3.1",), "deadline"))),
    ]
    results = [
        [Seen(("1.2", "9.9"), False, "en", ("1.2", "1.1"))],
        [Seen((), True, "en", ())],
        [Seen(("3.1",), False, "en", ("3.1",)), Seen(("3.2",), False, "en", ())],
    ]
    metrics = score(cases, results)
    assert metrics["topic"]["cited_recall"] == 0.5 and metrics["topic"]["cited_precision"] == 0.5
    assert metrics["out_of_scope"]["abstention"] == 1.0 and metrics["out_of_scope"]["lang_correct"] == 0.0
    assert metrics["followup"]["followup_success"] == 0.0 and metrics["followup"]["lead_correct"] == 0.5
    assert metrics["all"]["lead_correct"] == 0.6667 and metrics["topic"]["mrr@10"] == 1.0
    table = side_by_side({"tuning": metrics, "blind": metrics}, "topic")
    assert "| cited_recall | 0.500 | 0.500 |" in table and "| abstention | – | – |" in table


def test_run_keeps_each_conversation_apart(fake_assistant):
    cases = [
        Case("f", "followup", "en", (Turn("Which actions were due in 2006?", ("1.2",), ("1.2",)),
                                     Turn("which of these were due at the end of 2006?",
                                          ("8.1", "8.2", "10.1", "10.2"), ("8.1",)))),
        Case("g", "followup", "en", (Turn("which of these were due at the end of 2006?", ("8.1",), ("8.1",)),)),
    ]
    seen = run(fake_assistant, cases)
    assert seen[0][1].cited == ("8.1", "8.2", "10.1", "10.2")
    assert seen[1][0].cited == ("8.1", "8.2", "10.1", "10.2")  # no history: all actions due then
    assert score(cases, seen)["followup"]["followup_success"] == 1.0


def test_two_runs_are_compared_turn_by_turn():
    """A change's fixed and lost turns, with a sign test on them: 1 fixed and 4 lost of 80 is no finding."""
    from assistant.answer_eval import paired

    before = {f"q{i}": [i % 10 < 7] for i in range(80)}  # 56 of 80 right
    after = dict(before)
    after["q7"] = [True]  # wrong before: fixed
    for i in (0, 1, 2, 3):
        after[f"q{i}"] = [False]  # right before: lost
    result = paired(before, after)
    assert (result.turns, result.fixed, result.lost) == (80, 1, 4)
    assert result.right_before == 0.7 and result.right_after == round(53 / 80, 4)
    assert 0.05 < result.sampling_error < 0.06  # about 5 points on 80 turns
    assert result.p_value == 0.375  # exact two-sided sign test, 1 against 4
    assert paired(before, before).p_value == 1.0 and paired(before, before).fixed == 0


def test_turn_outcomes_read_each_turn_as_the_metrics_do():
    from assistant.answer_eval import turn_outcomes

    cases = [Case("a", "lookup", "en", (Turn("q", ("1.1",), ("1.1",)),)),
             Case("b", "out_of_scope", "en", (Turn("q", (), ()),)),
             Case("c", "followup", "en", (Turn("q", ("3.1",), ("3.1",)), Turn("r", (), (), "none")))]
    results = [[Seen(("1.2", "1.1"), False, "en", ())], [Seen((), True, "en", ())],
               [Seen(("3.1",), False, "en", ()), Seen(("3.2",), False, "en", ())]]
    assert turn_outcomes(cases, results) == {"a": [False], "b": [True], "c": [True, False]}


def test_recall_at_5_is_also_counted_out_of_what_five_results_hold():
    """Eight relevant actions: a perfect ranking has recall@5 0.625 and capped recall@5 1.0."""
    relevant = ("15.1", "15.2", "15.3", "15.4", "15.5", "15.6", "15.7", "15.8")
    cases = [Case("g", "overview", "en", (Turn("q", relevant, relevant),)),
             Case("l", "lookup", "en", (Turn("q", ("3.1",), ("3.1",)),))]
    results = [[Seen(relevant, False, "en", relevant)], [Seen(("3.1",), False, "en", ("3.2", "3.1"))]]
    metrics = score(cases, results)
    assert metrics["overview"]["recall@5"] == 0.625 and metrics["overview"]["capped_recall@5"] == 1.0
    assert metrics["lookup"]["recall@5"] == metrics["lookup"]["capped_recall@5"] == 1.0
    assert metrics["all"]["capped_recall@5"] == 1.0 and "| capped_recall@5 |" in side_by_side({"t": metrics})
