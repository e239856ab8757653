"""A goal searched for a topic ("which action in goal 3 covers teachers?", "¿hay en esa misma meta alguna acción
para ...?"): its actions ranked by the topic and judged each on its own, not all cited in the plan's order."""

from __future__ import annotations

import pytest

from assistant.reading import read
from assistant.reading.followup import Turn


@pytest.mark.parametrize(("question", "goal"), [
    ("Which action in goal 3 covers teachers?", 3),
    ("I teach at a rural school. Which action in goal 3 is about teachers?", 3),
    ("¿Alguna acción de la meta 11 trata de patentes?", 11),
    ("Em que ação da meta 2 aparece o rádio?", 2),
])
def test_a_topic_that_tells_the_goal_apart_is_searched_there(plan, question, goal):
    reading = read(plan, question)
    assert reading.request is not None and reading.request.kind == "filtered" and reading.request.goal == goal
    assert reading.search.scoped


@pytest.mark.parametrize("question", [
    "What does goal 16 ask for?",  # no topic: the goal's own actions, in its order
    "Goal 15, one line per action please",  # each in turn
    "Go through goal 15 action by action",
    "List every action under goal 26 (indicators and measurement) with its deadline.",  # its title's words
    "Resume a meta 5 ação por ação",
    # who the asker is tells nothing apart, nor a letter of a compound ("e-goverment")
    "Dirijo la oficina de informática de una universidad pública. Resúmeme la meta 8, la de software.",
    "I have to brief a minister on the e-goverment part of eLAC, goal 15. What's in it?",
])
def test_a_goal_asked_whole_is_not_searched(plan, question):
    assert not read(plan, question).search.scoped


def test_a_topic_held_only_by_an_action_shown_beside_the_one_cited_is_its_own(plan):
    # "teachers" is 3.3's, which the answer about 3.2 showed among its related actions: still a topic of the question,
    # searched in that goal, not the goal's overview
    history = [Turn("What's 3.2 about?", ("3.2",), ("3.2", "3.3", "9.1", "3.1"))]
    reading = read(plan, "Which action in that same goal covers teachers, and by when?", history)
    assert reading.request is not None and reading.request.kind == "filtered" and reading.request.goal == 3
    assert reading.search.scoped


@pytest.mark.parametrize(("question", "cited", "left"), [
    ("¿Hay otra acción en esa misma meta sobre la radio y la televisión?", ("2.1",), ("2.1",)),
    ("Is there another action in that goal about women?", ("9.1",), ("9.1",)),
    ("tem outra ação nessa meta sobre assinaturas digitais?", ("15.1",), ("15.1",)),
])
def test_another_action_in_that_goal_on_a_topic(plan, question, cited, left):
    reading = read(plan, question, [Turn("q", cited)])
    assert reading.request is not None and reading.request.kind == "filtered"
    assert reading.search.scoped and reading.left_out == left
    assert left[0] not in {a.number for a in reading.request.actions}


@pytest.mark.parametrize(("question", "cited", "rest"), [
    ("¿y qué piden las demás de esa meta?", ("6.2",), ("6.1", "6.3", "6.4", "6.5")),  # "piden" asks, it is no topic
    ("e o que pedem as outras dessa meta?", ("4.2",), ("4.1",)),
])
def test_a_verb_of_asking_is_no_topic(plan, question, cited, rest):
    reading = read(plan, question, [Turn("q", cited)])
    assert reading.within == rest or reading.focus == rest[0]


def _converse(assistant, questions):
    history, answers = [], []
    for q in questions:
        answer = assistant.ask(q, history)
        history.append(answer.turn())
        answers.append(answer)
    return answers


@pytest.mark.slow
@pytest.mark.parametrize(("questions", "lead"), [
    (["What does 15.1 say?", "Which action in the same goal deals with digital signatures?"], "15.4"),
    (["O que diz a ação 2.1?", "Tem outra ação nessa meta sobre rádio e televisão?"], "2.3"),
    (["¿Qué dice la acción 6.1?", "¿Y hay en esa misma meta alguna acción para capacitar a los funcionarios?"], "6.3"),
])
def test_conversation_finds_the_action_of_that_goal_on_a_topic(real_assistant, questions, lead):
    *_, last = _converse(real_assistant, questions)
    assert last.cited[0] == lead
    goal = real_assistant.plan.action(lead).goal
    whole = {a.number for a in real_assistant.plan.select(goal=goal)}
    assert set(last.cited) < whole  # not every action of the goal, in its order


@pytest.mark.slow
def test_a_goal_searched_for_a_subject_it_lacks_is_refused(real_assistant):
    *_, last = _converse(real_assistant, [
        "Resume la acción 11.1", "¿Alguna acción de esa misma meta trata de patentes o propiedad intelectual?"])
    assert last.abstained and not last.cited


@pytest.mark.slow
def test_a_goal_asked_whole_still_cites_each_action_in_order(real_assistant):
    answer = real_assistant.ask("Goal 15, one line per action please")
    assert list(answer.cited) == [f"15.{i}" for i in range(1, 9)]


def test_that_goal_after_a_refusal_is_the_goal_of_the_latest_answer_that_cited(plan):
    # the refusal ("how often should they happen?") cited nothing: "a mesma meta" is 26.3's, and 26.3 is left out
    history = [Turn("O plano fala de seminários?", ("26.3",), ("26.3", "26.1")),
               Turn("Com que frequência eles deveriam acontecer?", (), ("26.3",))]
    reading = read(plan, "Tem outra ação na mesma meta sobre estudos?", history)
    assert reading.request is not None and reading.request.goal == 26 and reading.left_out == ("26.3",)
