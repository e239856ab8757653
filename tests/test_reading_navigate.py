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
    ("In area B, which goal sits in the middle?", None, "goal 11?"),  # the scope said with it: cut
    ("In goal 15, which action is the last one?", None, "action 15.8?"),
    ("Goal 16 opens with which action?", None, "action 16.1?"),
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
    # ... of a scope named by its title, or of goals listed; "each" with the noun elsewhere, or none at all
    ("What is the last action under each goal of the policy instruments area?", None,
     "What is actions 22.2, 23.2, 24.2, 25 and 26.3?"),
    ("For goals 8 to 11, what is the first action of each?", None, "what is actions 8.1, 9.1, 10.1 and 11.1?"),
    ("Area A has seven goals. List the final action of each one.", None,
     "has seven goals. List actions 1.3, 2.4, 3.3, 4.2, 5.3, 6.5 and 7.2."),
    ("Goals 3 through 6 each have several actions; I want the middle one from each.", None,
     "each have several actions; I want actions 3.2, 5.2 and 6.3."),  # goal 4 has two: no middle one
    ("the middle action of each goal in area B", None, "actions 8.2, 11.2 and 13.2"),  # goal 12's one: none
    ("Dame la última acción de cada meta del área B.", None, "Dame actions 8.3, 9.2, 10.2, 11.3, 12, 13.3 and 14.2."),
    ("Qual é a primeira ação de cada uma das cinco áreas?", None, "Qual é actions 1.1, 8.1, 15.1, 22.1 and 27?"),
    ("and the closing goal of each of the other areas?", AREA_A_LAST, "and goals 14, 21, 26 and 30?"),
    # no noun for the place, "each" said with its own: the place of what that holds
    ("Area E: for every goal, what is listed first?", None,
     "for every goal, what is listed actions 27, 28, 29 and 30?"),
    ("En el área B, para cada meta, ¿qué va tercero?", None,
     "para cada meta, ¿qué va actions 8.3, 11.3 and 13.3?"),
    # "which goals have a fourth action?": each goal that has one
    ("Which goals include a fourth action?", None, "Which goals include actions 2.4, 6.4 and 15.4?"),
    # actions named by their number in their goal: the place in each goal of a scope, or from it on
    ("List every action numbered x.3 in area B.", None, "List actions 8.3, 11.3 and 13.3."),
    ("Which actions are numbered .6 or higher?", None, "Which actions are actions 15.6, 15.7 and 15.8?"),
    ("the .2 actions of goals 3 to 5", None, "actions 3.2, 4.2 and 5.2"),
    ("Área B: dame solo la acción número 1 de cada meta.", None,
     "dame solo actions 8.1, 9.1, 10.1, 11.1, 12, 13.1 and 14.1."),
    # a scope named by its title where a scope stands
    ("What's the third action under the e-government goal?", None, "What's action 15.3?"),
    ("first goal under policy instruments", None, "goal 22"),
    ("The plan closes with which action?", None, "The plan action 30?"),
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
    ("What's the first action on e-government to fall due?", None),  # the earliest deadline's, not a place
    ("What is the first action about training?", None),  # a title of one word, away from a scope's place: a topic
    ("Which is the last goal before the e-government goal?", None),  # next to a goal, not a place in it
    ("What does Web 2.0 mean for the plan?", None),  # a version, not an action's number in its goal
    ("What does goal number 5 cover?", None),  # goal 5 (the number grammar's), not a place in each goal
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


def test_a_place_in_or_next_to_the_previous_answers_goal_after_a_refusal_is_the_cited_ones(plan):
    """A refusal ("Action 21.1 does not mention museums") cites nothing: "that goal", "that area" and "after it" are
    those of the latest answer that cited, not a question left with nothing to point at."""
    history = [Turn("What is 21.1?", ("21.1",)), Turn("does it mention museums?", (), ("21.1",))]
    assert read(plan, "and the second action of that goal?", history).search.refs == ("21.2",)
    assert read(plan, "what is the last goal of that area?", history).search.refs == ("21.1", "21.2")
    assert read(plan, "and the goal after it?", history).search.refs == ("22.1", "22.2")
