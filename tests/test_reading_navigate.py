"""Places composed of a unit, a place and what it is in or next to (assistant/reading/navigate.py). Fast.

The wordings here are new: written for these tests, not taken from an evaluation set, so that they check the class
(a place read from its parts, in any order) rather than the questions it was built from."""

from __future__ import annotations

import pytest

from assistant.reading import Turn, read
from assistant.reading.navigate import navigate

GOAL_18 = Turn("What does goal 18 cover?", ("18",))
GOAL_9 = Turn("What is goal 9 about?", ("9.1", "9.2"))
ACTION_4_1 = Turn("What does action 4.1 say?", ("4.1",))
AREA_A_LAST = Turn("What is the last goal of area A?", ("7.1", "7.2"))


@pytest.mark.parametrize(("question", "previous", "expected"), [
    # in a scope the question names, wherever it names it
    ("Area C has seven goals; summarise the middle one.", None, "Area C has seven goals; summarise goal 18."),
    ("Which action comes first in goal 15?", None, "action 15.1?"),
    ("In area B there are seven goals. What does number three ask for?", None,
     "In area B there are seven goals. What does goal 10 ask for?"),
    ("What is area E's closing goal about?", None, "What is goal 30 about?"),
    ("What is the middle goal of area D?", None, "What is goal 24?"),
    ("What is the middle goal of area A?", None, "What is goal 4?"),  # seven goals
    ("What is the penultimate goal of area B?", None, "What is goal 13?"),
    ("the second-to-last goal of area D, please", None, "goal 25, please"),
    ("What does the next to last action of goal 15 ask?", None, "What does action 15.7 ask?"),
    ("and the area's final goal?", GOAL_9, "and goal 14?"),  # the previous answer's area
    # the unit elsewhere in the place's clause
    ("In area B, which goal sits in the middle?", None, "In area B, goal 11?"),
    ("In goal 15, which action is the last one?", None, "In goal 15, action 15.8?"),
    ("Goal 16 opens with which action?", None, "Goal 16 action 16.1?"),
    ("List the opening action of every goal in area E.", None, "List actions 27, 28, 29 and 30."),
    ("the closing goal of each area", None, "goals 7, 14, 21, 26 and 30"),
    # in a scope placed next to the previous answer's
    ("and the last goal of the next area?", AREA_A_LAST, "and goal 14?"),
    # next to the previous answer's goal or action
    ("and the one after that?", GOAL_9, "and goal 10?"),
    ("what about the goal that comes right before it?", GOAL_18, "what about goal 17?"),
    ("skip ahead two goals", GOAL_18, "skip goal 20"),
    ("the two goals that come before it", GOAL_18, "goals 16 and 17"),
    ("¿y la acción que viene después?", ACTION_4_1, "¿y action 4.2?"),
    ("e a que vem antes dela?", ACTION_4_1, "e action 3.3?"),
    ("retrocede dos metas", GOAL_18, "goal 16"),  # the verb is the place word
    # a place in each goal of a scope
    ("What is the last action under each goal in area E?", None, "What is actions 27, 28, 29 and 30?"),
])
def test_a_composed_place_becomes_the_plans_reference(plan, question, previous, expected):
    assert navigate(plan, question, previous) == expected


@pytest.mark.parametrize(("question", "previous"), [
    ("What happens after mid-2006?", GOAL_18),  # a deadline
    ("Which actions come after 2006?", None),
    ("What was the first deadline?", None),  # no unit
    ("In area B, which action was due first?", None),  # a deadline's order, not a place
    ("¿En el área C, qué acción vencía primero?", None),
    ("did either of those two fall due ahead of the plan's final deadline?", GOAL_9),
    ("the next steps for broadband", None),
    ("and the next one?", None),  # nothing to be next to
    ("and the next one?", Turn("training", ("9.1", "11.3", "14.1"))),  # which of them is not said
    ("the goal that follows a regional approach", GOAL_9),  # placed by its words
    ("tell me about the second one", GOAL_9),  # the previous list's: the follow-up reader's
    ("What is the middle action of goal 15?", None),  # eight actions: no middle one
])
def test_what_is_no_composed_place_is_left_as_typed(plan, question, previous):
    assert navigate(plan, question, previous) == question


def test_a_place_read_in_a_question_reaches_the_reading(plan):
    reading = read(plan, "now the goal that precedes it", [GOAL_18])
    assert reading.search.refs == ("17.1", "17.2")
    reading = read(plan, "and the action just before it?", [Turn("contracting", ("15.7", "15.4", "15.1"))])
    assert reading.search.refs == ("15.6",)  # "it": the answer's first citation


def test_an_action_named_after_an_answer_that_cited_it_is_not_avoided(plan):
    """"and action 15.6?" after a list that held it asks about it, not about the others."""
    reading = read(plan, "and action 15.6?", [Turn("contracting", ("15.7", "15.6", "15.1"))])
    assert reading.search.refs == ("15.6",) and "15.6" not in reading.avoid



@pytest.mark.parametrize(
    ("question", "picked"),
    [("What is the second action of each goal in area A?", ("1.2", "2.2", "3.2", "4.2", "5.2", "6.2", "7.2")),
     ("In area D, name the last action of every goal.", ("22.2", "23.2", "24.2", "25", "26.3")),
     ("Para cada meta del área D, ¿cuál es la última acción?", ("22.2", "23.2", "24.2", "25", "26.3"))],
)
def test_a_place_in_each_goal_of_an_area_is_those_actions_not_the_whole_area(plan, question, picked):
    """The area said with "each goal" scopes the place; said again, the table would list every action of it."""
    reading = read(plan, question)
    assert reading.search.refs == picked and reading.request is None


def test_a_place_in_each_goal_is_answered_with_those_actions(fake_assistant):
    answer = fake_assistant.ask("What is the second action of each goal in area A?")
    assert answer.cited == ["1.2", "2.2", "3.2", "4.2", "5.2", "6.2", "7.2"]
