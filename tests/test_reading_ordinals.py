"""Goals, areas and actions named by their place in the plan (assistant/reading/ordinals.py). Fast."""

from __future__ import annotations

import pytest

from assistant.reading import read
from assistant.reading.ordinals import placed


@pytest.mark.parametrize(("question", "expected"), [
    ("What is the first area of the plan?", "What is area A of the plan?"),
    ("Summarize the last goal", "Summarize goal 30"),
    ("What is the third goal about?", "What is goal 3 about?"),
    ("The Fifth Area, please", "Area E, please"),
    ("¿De qué trata la primera meta?", "¿De qué trata meta 1?"),
    ("el primer objetivo", "objetivo 1"),
    ("O que diz a última área?", "O que diz área E?"),
    ("the second goal of area B", "goal 9"),  # area B's goals are 8 to 14
    ("the last goal in area A", "goal 7"),
    ("which is the second action of goal 3?", "which is action 3.2?"),
    ("la última acción de la meta 15", "action 15.8"),
    ("a primeira ação da meta 12", "action 12"),  # a single-action goal
])
def test_a_place_becomes_the_plans_reference(plan, question, expected):
    assert placed(plan, question) == expected


@pytest.mark.parametrize("question", [
    "the sixth area",  # the plan has five
    "the fifth action of goal 3",  # goal 3 has three
    "the first goal of the access area",  # an area by title: left to the readers of titles
    "tell me more about the first one",  # a follow-up's ordinal, not a place in the plan
    "which was due first?",
])
def test_what_is_not_a_place_in_the_plan_is_left_as_typed(plan, question):
    assert placed(plan, question) == question


def test_a_reading_of_a_placed_goal_is_its_overview(plan):
    reading = read(plan, "What is the third goal about?")
    assert reading.question == "What is the third goal about?"  # the user's words are kept
    assert reading.request is not None and reading.request.kind == "overview"
    assert {a.goal for a in reading.request.actions} == {3}
