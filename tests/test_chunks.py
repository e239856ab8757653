"""chunks.py: the plan cut into one chunk per action and one per goal, with their context."""

from __future__ import annotations

import re

import pytest

from assistant.chunks import Chunk, clauses_of, make_chunks

A = "Access and digital inclusion"


@pytest.fixture(scope="module")
def chunks(plan) -> list[Chunk]:
    return make_chunks(plan)


@pytest.fixture(scope="module")
def by_id(chunks) -> dict[str, Chunk]:
    return {c.id: c for c in chunks}


def test_one_chunk_per_action_and_per_goal_then_the_clauses(chunks, plan):
    clauses = sum(len(clauses_of(a.text)) for a in plan.actions)
    assert len(chunks) == 100 + clauses == 314
    assert sum(c.kind == "action" for c in chunks) == 70
    assert sum(c.kind == "goal" for c in chunks) == 30
    assert len({c.id for c in chunks}) == len(chunks)
    kinds = [c.kind for c in chunks]
    assert set(kinds[:100]) == {"action", "goal"} and set(kinds[100:]) == {"clause"}  # clauses last: they do not rank


def test_clauses_are_an_actions_own_words_split_at_punctuation(chunks, plan):
    for action in plan.actions:
        mine = [c for c in chunks if c.kind == "clause" and c.actions == (action.number,)]
        assert [c.text for c in mine] == clauses_of(action.text)
        assert all(c.text in action.text and c.goal == action.goal for c in mine)
        assert [c.id for c in mine] == [f"clause:{action.number}:{i}" for i in range(1, len(mine) + 1)]


def test_clauses_of():
    text = "Promote the use of computers, servers and networks; train all teachers (in remote rural areas)."
    assert clauses_of(text) == [
        "Promote the use of computers", "servers and networks", "train all teachers", "in remote rural areas"]
    assert clauses_of("Connect libraries, inter alia, to the Internet.") == ["Connect libraries", "to the Internet."]
    assert clauses_of("Short, text") == ["Short, text"]  # nothing long enough: the whole text


def test_ids(chunks, plan):
    actions = [c.id for c in chunks if c.kind == "action"]
    goals = [c.id for c in chunks if c.kind == "goal"]
    assert actions == [f"action:{a.number}" for a in plan.actions]
    assert goals == [f"goal:{n}" for n in range(1, 31)]
    assert actions[:3] == ["action:1.1", "action:1.2", "action:1.3"]
    assert "action:12" in actions  # a single-action goal's number has no ".1"
    assert "action:12.1" not in actions


def test_order_is_each_goals_actions_then_the_goal(chunks):
    ids = [c.id for c in chunks if c.kind != "clause"]
    assert ids[:9] == ["action:1.1", "action:1.2", "action:1.3", "goal:1",
                       "action:2.1", "action:2.2", "action:2.3", "action:2.4", "goal:2"]
    assert ids[-8:] == ["action:27", "goal:27", "action:28", "goal:28", "action:29", "goal:29", "action:30", "goal:30"]
    # between two goal chunks come exactly the next goal's actions
    start = ids.index("goal:14") + 1
    assert ids[start: ids.index("goal:15") + 1] == [f"action:15.{i}" for i in range(1, 9)] + ["goal:15"]


@pytest.mark.parametrize(
    ("goal", "actions"),
    [
        (1, ("1.1", "1.2", "1.3")),
        (6, ("6.1", "6.2", "6.3", "6.4", "6.5")),
        (12, ("12",)),
        (15, ("15.1", "15.2", "15.3", "15.4", "15.5", "15.6", "15.7", "15.8")),
        (26, ("26.1", "26.2", "26.3")),
        (30, ("30",)),
    ],
)
def test_goal_chunk_lists_its_actions_in_plan_order(by_id, goal, actions):
    chunk = by_id[f"goal:{goal}"]
    assert (chunk.kind, chunk.goal, chunk.actions) == ("goal", goal, actions)


def test_every_action_chunk_stands_for_its_action(chunks, plan):
    for chunk in (c for c in chunks if c.kind == "action"):
        action = plan.action(chunk.id.removeprefix("action:"))
        assert chunk.actions == (action.number,)
        assert chunk.goal == action.goal
        assert chunk.text.endswith(" " + action.text)


def test_action_chunk_text_without_preamble(by_id):
    assert by_id["action:1.1"].text == (
        f"Regional Infrastructure ({A}). Promote the development of regional ICT infrastructure, including "
        "broadband capacity through backbones and interconnection of existing Network Access Points (NAP) with "
        "root servers, mirror servers and traffic exchange points."
    )


def test_action_chunk_text_with_preamble(by_id):
    """Goal 5's actions continue its sentence 'Create a regional working group to:'."""
    assert by_id["action:5.1"].text == (
        f"Employment ({A}). Create a regional working group to: Promote ICT capacity-building for the "
        "development of new forms of work and tele-work, encouraging their application, in particular, for local "
        "job creation."
    )


@pytest.mark.parametrize(
    ("action", "context"),
    [
        ("2.3", f"Community Centres ({A}). Considering the different subregional, national, and local realities: "),
        ("3.1", f"Online schools and libraries ({A}). Considering local realities, particularly in rural, "
                "isolated or marginal areas: "),
        ("5.3", f"Employment ({A}). Create a regional working group to: "),
        ("8.3", "Software (Capacity-building and knowledge creation). Promote and encourage"),
        ("14.2", "Internet Governance (Capacity-building and knowledge creation). Taking into account the "
                 '"Geneva principles" adopted in the first phase of the World Summit'),
        ("23.1", "Financing (Policy instruments). Establish a working group"),
        ("21.2", "Public information and cultural heritage (Public transparency and efficiency). Foster"),
    ],
)
def test_action_chunk_starts_with_goal_area_and_preamble(by_id, action, context):
    assert by_id[f"action:{action}"].text.startswith(context)


@pytest.mark.parametrize("goal", [27, 28, 29, 30])
def test_untitled_goals_use_the_area_title(by_id, plan, goal):
    action = by_id[f"action:{goal}"]
    assert action.text == f"Enabling environment. {plan.action(str(goal)).text}"  # the area's title, once
    assert by_id[f"goal:{goal}"].text == action.text  # one action: the goal chunk says the same


def test_untitled_goal_text(by_id):
    assert by_id["action:30"].text.startswith(
        "Enabling environment. Request that the ITU and relevant regional organizations"
    )


def test_goal_chunk_text_is_context_then_its_actions(by_id):
    assert by_id["goal:4"].text == (
        f"Online health centres ({A}). Double the number of health centres and hospitals in the region that are "
        "connected to the Internet or connect one third of them. Promote ICT training programmes in health "
        "centres and hospitals"
    )
    assert by_id["goal:5"].text.startswith(f"Employment ({A}). Create a regional working group to: Promote ICT")
    assert by_id["goal:5"].text.count("Create a regional working group to:") == 1  # the preamble once


def test_no_action_number_in_action_text(chunks, plan):
    """Numbers are looked up exactly, never embedded: the only figures left are the plan's own."""
    numbers = {a.number for a in plan.actions}
    figures = set()
    for chunk in (c for c in chunks if c.kind == "action"):
        found = re.findall(r"\d+(?:[.,]\d+)*%?", chunk.text)
        assert not numbers & set(found), chunk.id
        assert not chunk.text[0].isdigit()
        figures.update(found)
    assert figures == {"20,000", "2.5%", "2007"}  # 2.1, 9.1 and "eLAC 2007" in 27


def test_make_chunks_is_pure(plan, chunks):
    assert make_chunks(plan) == chunks
