"""Goals, areas and actions named by their place in the plan (assistant/reading/ordinals.py). Fast."""

from __future__ import annotations

import pytest

from assistant.reading import Turn, read
from assistant.reading.ordinals import beside, placed


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
    ("Area C's fourth goal - what does it cover?", "goal 18 - what does it cover?"),  # area C opens with goal 15
    ("goal 15's last action", "action 15.8"),
])
def test_a_place_becomes_the_plans_reference(plan, question, expected):
    assert placed(plan, question) == expected


@pytest.mark.parametrize("question", [
    "the sixth area",  # the plan has five
    "the fifth action of goal 3",  # goal 3 has three
    "the first goal of the access area",  # one word of its title is no name ("rural areas" with "access")
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


@pytest.mark.parametrize(("question", "expected"), [
    ("What is the goal after goal 9 about?", "What is goal 10 about?"),
    ("the goal that comes right before goal 20", "goal 19"),
    ("Which objective comes after objective 4?", "Which objective 5?"),
    ("¿De qué trata la meta siguiente a la 9?", "¿De qué trata meta 10?"),
    ("la acción que viene después de la 3.3", "acción 4.1"),  # plan order runs on into the next goal
    ("Qual é a ação anterior à 3.1?", "Qual é ação 2.4?"),
    ("a meta depois da meta 29", "meta 30"),
])
def test_a_place_next_to_another_becomes_the_plans_reference(plan, question, expected):
    assert beside(plan, question) == expected


@pytest.mark.parametrize("question", [
    "Which actions are due after mid-2006?",  # a deadline, not a place
    "The following actions are due in 2005",
    "and the next goal?",  # no previous answer to be next to
])
def test_what_has_no_place_next_to_it_is_left_as_typed(plan, question):
    assert beside(plan, question) == question


@pytest.mark.parametrize(("question", "code"), [
    ("What is the goal after goal 30?", "nothing_after"),  # the last goal
    ("the action before 1.1", "nothing_before"),
    ("¿Qué acción viene después de la 30?", "nothing_after"),
])
def test_nothing_next_to_the_ends_of_the_plan_is_a_clear_error(plan, question, code):
    from assistant.errors import QueryError

    with pytest.raises(QueryError) as raised:
        beside(plan, question)
    assert raised.value.code == code


@pytest.mark.parametrize("question", [
    "what comes after goal 9?",  # a goal named after the word: not the previous answer's
    "is there anything before action 5.2?",
    "the action after 9",  # no action 9: nothing to place it by
    "what happens after one year?",
    "The following actions are due in 2005",
])
def test_a_relative_word_that_names_its_own_anchor_is_not_the_previous_answers(plan, question):
    assert beside(plan, question, Turn("What does action 3.1 say?", ("3.1",))) == question


def test_the_title_of_an_area_before_its_noun_takes_no_words_after_it(plan):
    assert placed(plan, "What is the first goal of the access area about policy instruments?") == (
        "What is the first goal of the access area about policy instruments?")  # "access" alone names no area
    assert placed(plan, "the first goal of the capacity-building area and capacity of universities") == (
        "goal 8 and capacity of universities")


def test_next_to_the_previous_answer(plan):
    goal_9 = Turn("What is goal 9 about?", ("9.1", "9.2"))
    assert beside(plan, "and the next goal?", goal_9) == "and goal 10?"
    assert beside(plan, "¿y la meta anterior?", goal_9) == "¿y meta 8?"
    assert beside(plan, "e a próxima meta?", goal_9) == "e meta 10?"
    one = Turn("What does action 3.1 say?", ("3.1",))
    assert beside(plan, "and the next one?", one) == "and action 3.2?"
    assert beside(plan, "what about the previous action?", one) == "what about action 2.4?"
    # "the next one" of an answer that cited several: which one is not said
    assert beside(plan, "and the next one?", Turn("x", ("3.1", "3.2"))) == "and the next one?"


def test_a_reading_of_the_next_goal_is_its_overview(plan):
    reading = read(plan, "and the following goal?", [Turn("What is goal 9 about?", ("9.1", "9.2"))])
    assert reading.request is not None and reading.request.kind == "overview"
    assert [a.number for a in reading.request.actions] == ["10.1", "10.2"]


@pytest.mark.parametrize(("question", "expected"), [
    ("What does the second goal of the capacity-building area say?", "What does goal 9 say?"),
    ("the third goal of the enabling environment area", "goal 29"),
    # the area's title after the noun, in the user's language; the words after the title are kept
    ("¿De qué trata la segunda meta del área de instrumentos de política?", "¿De qué trata meta 23?"),
    ("la última meta del área de instrumentos de política y sus plazos", "meta 26 y sus plazos"),
    ("o primeiro objetivo da área de acesso e inclusão digital", "objetivo 1"),
])
def test_a_goal_placed_in_an_area_named_by_its_title(plan, question, expected):
    assert placed(plan, question) == expected


@pytest.mark.parametrize(("question", "expected"), [
    # all of the area's title words but one, with the word "area"
    ("the last goal of the digital inclusion area", "goal 7"),
    ("¿cuál es la primera meta del área de transparencia y eficiencia?", "¿cuál es meta 15?"),
    # one word of three is not enough: no area, nothing rewritten
    ("the second goal of the access area", "the second goal of the access area"),
])
def test_an_area_named_by_most_of_its_title(plan, question, expected):
    assert placed(plan, question) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("what does the goal right after Software ask for?", "what does goal 9 ask for?"),
    ("the goal coming just before Electronic health", "goal 16"),
    ("What is the goal just before the disasters goal about?", "What is goal 17 about?"),
    ("¿y la meta posterior a Financiamiento?", "¿y meta 24?"),
    # a part of a title names no goal: unchanged
    ("the goal after universal access", "the goal after universal access"),
])
def test_next_to_a_goal_named_by_its_whole_title(plan, question, expected):
    assert beside(plan, question) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("and the goal that follows?", "and goal 9?"),
    ("what about the goal straight after it?", "what about goal 9?"),
    ("¿y la meta que sigue?", "¿y meta 9?"),
    ("e a meta que precede essa?", "e meta 7?"),
])
def test_the_goal_that_follows_the_previous_answers(plan, question, expected):
    assert beside(plan, question, Turn("What does goal 8 say?", ("8.1", "8.2", "8.3"))) == expected


@pytest.mark.parametrize("question", [
    "Is there a goal that follows a regional approach?", "¿Hay alguna meta que sigue sin cumplirse?",
])
def test_a_relative_verb_that_is_no_place_is_left_alone(plan, question):
    assert beside(plan, question, Turn("What does goal 8 say?", ("8.1", "8.2", "8.3"))) == question


@pytest.mark.parametrize(("question", "expected"), [
    ("what does the goal that follows goal 12 say?", "what does goal 13 say?"),
    ("the goal after this one", "goal 9"),
    ("e a meta depois dela?", "e meta 9?"),
    ("which goal follows theirs?", "which goal 9?"),
    ("what does the goal right after e-justice say about courts?", "what does goal 20 say about courts?"),
])
def test_relative_verbs_pointers_and_e_titles(plan, question, expected):
    assert beside(plan, question, Turn("What does goal 8 say?", ("8.1", "8.2", "8.3"))) == expected


def test_nothing_before_a_first_goal_named_by_its_title(plan):
    from assistant.errors import QueryError

    with pytest.raises(QueryError) as raised:
        beside(plan, "the goal before Regional Infrastructure", Turn("x", ("19.1",)))
    assert raised.value.code == "nothing_before"


@pytest.mark.parametrize("question", [
    "Which actions bring digital inclusion to remote areas?", "What does the plan say about efficiency in urban areas?",
])
def test_areas_in_general_name_no_area(plan, question):
    from assistant.reading.requests import area_by_title

    assert area_by_title(plan, question.lower()) is None


@pytest.mark.parametrize(("question", "cited", "expected"), [
    ("and the third action of that goal?", ("15.1",), "action 15.3"),
    ("what about the last action in the same goal?", ("6.2",), "action 6.5"),
    ("¿y la segunda acción de esa misma meta?", ("2.1",), "action 2.2"),
    ("e a última ação dessa meta?", ("13.1",), "action 13.3"),
    ("and the area's last goal?", ("8.1", "8.2"), "goal 14"),  # area B's goals are 8 to 14
    ("¿y la primera meta de esa área?", ("24.1",), "meta 22"),
    ("what's that goal's last action?", ("9.1",), "action 9.2"),
    ("and the first action in that area?", ("19.2",), "action 15.1"),  # area C opens with goal 15
])
def test_a_place_in_the_previous_answers_goal_or_area(plan, question, cited, expected):
    assert expected in read(plan, question, [Turn("earlier", cited)]).asked


def test_a_place_in_that_goal_needs_one_goal(plan):
    # the previous answer cited actions of two goals: "that goal" names neither ("the second" is of its list)
    asked = read(plan, "and the second action of that goal?", [Turn("earlier", ("3.1", "4.1"))]).asked
    assert "3.2" not in asked and "4.2" not in asked


@pytest.mark.parametrize(("question", "cited", "expected"), [
    ("¿y la que viene después?", ("9.1",), "action 9.2"),
    ("and the one that sits right before it?", ("4.1",), "action 3.3"),
    ("e a que fica logo antes?", ("10.2",), "action 10.1"),
    ("¿y la acción que la sigue?", ("11.2",), "acción 11.3"),
    ("what comes right after it in the plan?", ("12",), "action 13.1"),
    ("and the next?", ("7.1",), "action 7.2"),
    ("¿y la anterior?", ("7.1",), "action 6.5"),
])
def test_the_action_next_to_the_previous_answers(plan, question, cited, expected):
    assert expected in read(plan, question, [Turn("earlier", cited)]).asked


def test_a_place_asked_again_after_an_answer_about_one_action(plan):
    # "and the last one?" after "the first action of the plan?" asks the plan's last action, not the first again
    history = [Turn("Which is the first action of the plan?", ("1.1",))]
    assert "action 30" in read(plan, "and the last one?", history).asked
    history = [Turn("what's the second goal of area D?", ("23.1", "23.2"))]
    assert "goal 24" in read(plan, "and the third?", history).asked
    assert "action 1.1" in read(plan, "¿Cuál es la primera acción del plan?").asked


@pytest.mark.parametrize(("question", "cited", "expected"), [
    ("Which goal closes area B?", (), "goal 14"),
    ("what is the opening action of area C?", (), "action 15.1"),
    ("which action opens goal 6?", (), "action 6.1"),
    ("and the goal that ends the plan?", ("29",), "goal 30"),
    ("¿y cuál cierra esa meta?", ("13.1",), "action 13.3"),  # what closes a goal is an action
    ("e qual ação encerra a meta 2?", (), "action 2.4"),
    ("the closing goal of area A", (), "goal 7"),
    ("what is the second action of the e-government goal?", (), "action 15.2"),
    ("¿Cuál es la primera acción de la meta de salud electrónica?", (), "action 17.1"),
])
def test_a_place_named_by_what_opens_or_closes_it_or_by_a_goal_title(plan, question, cited, expected):
    assert expected in read(plan, question, [Turn("earlier", cited)] if cited else None).asked


@pytest.mark.parametrize("question", [
    "which action closes the gap in rural areas?",  # no goal, area or plan after the verb
    "the first action of digital signatures",  # a title with no word for a goal: no goal named
    "when does the plan end?",
])
def test_what_is_no_place_named_by_a_verb(plan, question):
    assert read(plan, question).asked == question
