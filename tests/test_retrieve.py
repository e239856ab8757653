"""Search behaviour with the fake embedder (fast): numbers, filters, retrievers, errors."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.errors import NotFoundError, QueryError
from assistant.retrieve import Hit


def test_hits_are_typed_and_complete(fake_assistant):
    hits = fake_assistant.search("electronic signatures", top_k=3)
    assert len(hits) == 3 and all(isinstance(h, Hit) for h in hits)
    hit = hits[0]
    assert hit.action == "15.4" and hit.goal == 15 and hit.goal_title == "Electronic government"
    assert hit.area == "C" and hit.deadline == "Mid-2007" and "digital signatures" in hit.text
    assert "bm25" in hit.retrievers
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 0  # type: ignore[misc]


@pytest.mark.parametrize("number", ["1.1", "3.1", "12", "15.4", "22.1", "26.3", "27", "30"])
def test_action_number_ranks_first(fake_assistant, number):
    for query in (number, f"action {number}", f"What does {number} say?"):
        hits = fake_assistant.search(query, top_k=5)
        assert hits[0].action == number and hits[0].retrievers[0] == "number"


def test_goal_lists_its_actions_first(fake_assistant):
    hits = fake_assistant.search("goal 15", top_k=10)
    assert [h.action for h in hits[:8]] == [f"15.{i}" for i in range(1, 9)]


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        ({"area": "C"}, lambda h: h.area == "C"),
        ({"goal": 6}, lambda h: h.goal == 6),
        ({"due_by": "mid-2006"}, lambda h: h.deadline in {"Mid-2006", "End of 2005", "November 2005"}),
        ({"area": "D", "due_by": "November 2005"}, lambda h: h.action in {"22.1", "23.1", "25"}),
    ],
)
def test_filters_restrict_results(fake_assistant, filters, check):
    hits = fake_assistant.search("training and networks", top_k=70, **filters)
    assert hits and all(check(h) for h in hits)


def test_filters_are_exhaustive(fake_assistant, plan):
    hits = fake_assistant.search("information", top_k=70, area="B")
    assert sorted(h.action for h in hits) == sorted(a.number for a in plan.select(area="B"))


def test_number_outside_the_filter_is_not_forced_in(fake_assistant):
    hits = fake_assistant.search("3.1", top_k=5, area="C")
    assert all(h.area == "C" for h in hits)


@pytest.mark.parametrize("retriever", ["dense", "bm25", "hybrid"])
def test_each_retriever_runs(fake_assistant, retriever):
    hits = fake_assistant.search("health centres and hospitals", top_k=5, retriever=retriever)
    assert hits[0].action in {"4.1", "4.2"}
    assert all(set(h.retrievers) <= {retriever, "number"} for h in hits) or retriever == "hybrid"


def test_bm25_repairs_typos(fake_assistant):
    hits = fake_assistant.search("helth centers conected", top_k=3, retriever="bm25")
    assert hits[0].action in {"4.1", "4.2"}


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"query": ""}, QueryError, "empty"),
        ({"query": "x" * 2001}, QueryError, "limit"),
        ({"query": "ok", "retriever": "magic"}, QueryError, "unknown retriever"),
        ({"query": "ok", "top_k": 0}, QueryError, "positive whole number"),
        ({"query": "ok", "area": "Z"}, NotFoundError, "unknown area"),
        ({"query": "ok", "goal": 99}, NotFoundError, "unknown goal"),
        ({"query": "ok", "due_by": "later"}, QueryError, "not a deadline"),
    ],
)
def test_bad_search_input(fake_assistant, kwargs, error, message):
    with pytest.raises(error, match=message):
        fake_assistant.search(**kwargs)
