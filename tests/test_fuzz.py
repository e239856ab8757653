"""Property-based fuzzing of every face (Hypothesis): random unicode, sizes and types for every parameter
of the Python API, the ``elac`` commands that need no model, the dataset loader and the app's endpoints.

The property: a proper answer or one clear error (an :class:`ElacError`, exit code 2 with one line,
a refusal from the app), never a crash; and the server still answers afterwards. Example counts are
modest so that ``make test`` stays within minutes on 2 cores.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import DatasetError, ElacError
from assistant.evaluate import parse_dataset, ranking_metrics

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text as users and attackers send it: any code point, surrogates and controls included, short and long
TEXT = st.one_of(
    st.text(st.characters(codec=None), max_size=60),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), min_size=1, max_size=2500),
    st.sampled_from(["", " ", "3.1", "goal 15", "²", "٣", "1" * 5000, "area F", "mid-2006", "$\\foo$", "\x00",
                     "\ud800", "How will rural schools get online?", "¿y la segunda?", "what is its deadline?"]),
)
NUMBERISH = st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
HISTORY = st.one_of(
    JSONISH,
    st.lists(st.fixed_dictionaries({"question": TEXT, "citations": JSONISH, "shown": JSONISH}), max_size=25),
)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


# -- the Python API (fast: the deterministic embedder) ------------------------------------
@FAST
@given(question=TEXT, history=HISTORY)
def test_ask_answers_or_refuses(fake_assistant, question, history):
    try:
        answer = fake_assistant.ask(question, history)
    except ElacError as exc:
        assert str(exc)
        return
    assert answer.text and all(fake_assistant.plan.has_action(n) for n in answer.cited)


@FAST
@given(query=TEXT, top_k=NUMBERISH, area=NUMBERISH, goal=NUMBERISH, due_by=NUMBERISH)
def test_search_answers_or_refuses(fake_assistant, query, top_k, area, goal, due_by):
    try:
        hits = fake_assistant.search(query, top_k=top_k, area=_text_or_none(area), goal=goal,
                                     due_by=_text_or_none(due_by))
    except ElacError as exc:
        assert str(exc)
        return
    assert len(hits) <= top_k and len({h.action for h in hits}) == len(hits)


@FAST
@given(number=TEXT, area=TEXT, goal=NUMBERISH, due_by=TEXT)
def test_show_and_list_answer_or_refuse(fake_assistant, number, area, goal, due_by):
    for call in (lambda: fake_assistant.show(number), lambda: fake_assistant.list(area, goal, due_by)):
        try:
            call()
        except ElacError as exc:
            assert str(exc)


# -- the dataset loader and the metrics library ---------------------------------------------
ROW = st.fixed_dictionaries(
    {"question": TEXT, "relevant": st.one_of(JSONISH, st.lists(st.sampled_from(["3.1", "12", "99.9", 3, "²"])))},
    optional={"id": NUMBERISH, "category": NUMBERISH, "lang": NUMBERISH, "translation_of": NUMBERISH},
)
LINE = st.one_of(ROW.map(lambda row: json.dumps(row, ensure_ascii=True)), TEXT)


@FAST
@given(lines=st.lists(LINE, max_size=6))
def test_dataset_lines_load_or_refuse(lines):
    try:
        questions = parse_dataset(lines, "fuzz.jsonl")
    except DatasetError as exc:
        assert str(exc).startswith("fuzz.jsonl")
        return
    assert questions and all(q.id and q.category for q in questions)


@FAST
@given(ids=st.lists(TEXT, min_size=1, max_size=5, unique=True), labels=st.lists(TEXT, max_size=4))
def test_metrics_take_any_ids_and_labels(ids, labels):
    """pytrec_eval (a C extension) segfaulted on a lone surrogate and aborted on ids differing after a
    NUL: it is handed internal keys only, so any id and any label is safe."""
    qrels = {qid: labels for qid in ids}
    runs = {qid: [*labels[:1], "3.1"] for qid in ids}
    metrics = ranking_metrics(qrels, runs)
    assert set(metrics) == ({qid for qid in ids} if labels else set())


# -- the CLI (in-process; commands that need no model) -------------------------------------------
@FAST
@given(command=st.sampled_from(["show", "--area", "--goal", "--due-by"]), value=TEXT)
def test_cli_answers_or_prints_one_line(capsys, command, value):
    from assistant.cli import main

    code = main(["show", "--", value] if command == "show" else ["list", f"{command}={value}"])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("elac: error: ") and err.count("\n") == 1 and out == "", err
    else:
        assert out and err == ""


# -- the running app (slow: the live server) ----------------------------------------------------
@pytest.mark.slow
@SLOW
@given(question=TEXT, history=HISTORY)
def test_app_ask_answers_or_refuses(live_app, question, history):
    from .conftest import queue_call

    result = queue_call(live_app.url, "ask", [question, history])
    if result["success"]:
        assert result["output"]["data"][0]["answer"]
    else:
        assert result["output"].get("error"), result


@pytest.mark.slow
@SLOW
@given(query=TEXT, top_k=NUMBERISH, area=NUMBERISH, goal=NUMBERISH, due_by=NUMBERISH,
       retriever=st.one_of(st.sampled_from(["hybrid", "bm25", "dense", "multilingual"]), TEXT))
def test_app_search_answers_or_refuses(live_app, query, top_k, area, goal, due_by, retriever):
    from .conftest import queue_call

    result = queue_call(live_app.url, "search", [query, top_k, area, goal, due_by, retriever])
    if result["success"]:
        assert isinstance(result["output"]["data"][0], list)
    else:
        assert result["output"].get("error"), result


@pytest.mark.slow
def test_the_app_still_answers_after_the_fuzzing(live_app):
    from .conftest import queue_call

    result = queue_call(live_app.url, "ask", ["How will rural schools get online?", []])
    assert result["success"] and result["output"]["data"][0]["citations"][0] == "3.1"
    assert live_app.crashes() == [], "fuzzed input is refused, never a crash in the server"
