"""Whether a question wants every action that answers it, read from its grammar rather than its phrasing (pure)."""

from __future__ import annotations

import pytest

from assistant.reading import Turn, read
from assistant.reading.scope import asks_for_set


@pytest.mark.parametrize(
    "question",
    [
        "Where does eLAC say anything about museums?",  # an interrogative of place: every place
        "Where in the plan do universities come up?",
        "Which obligations fall on national governments?",  # an interrogative before a plural noun
        "What kinds of networks does the plan want built?",
        "¿Dónde aparecen las bibliotecas en el plan?",
        "¿Qué compromisos tocan a los municipios?",
        "Onde o plano trata de bibliotecas?",
        "Que tarefas ficam com os governos locais?",
        "Quais instituições devem participar?",
    ],
)
def test_a_question_that_asks_for_a_set(question):
    assert asks_for_set(question)


@pytest.mark.parametrize(
    "question",
    [
        "Which process should select the telecentre sites?",  # singular: "process" ends as a singular does
        "What is the status of the regional observatory?",
        "What does the plan say about libraries?",  # "does": a function word, not a plural noun
        "Who runs the regional observatory?",
        "¿Qué dice el plan de las bibliotecas?",
        "O que o plano diz sobre bibliotecas?",
        "Which analysis comes first?",
        "What happens after the deadline?",  # a verb that ends as a plural noun does
        "What needs to be done first?",
        "What counts as training?",
    ],
)
def test_a_question_that_asks_for_one(question):
    assert not asks_for_set(question)


def test_read_wants_every_action_for_a_set_unless_it_is_about_one_action(plan):
    assert read(plan, "Where does the plan deal with libraries?").wants_all
    assert read(plan, "Which obligations fall on local governments?").wants_all
    assert not read(plan, "Who should run the observatory?").wants_all
    # a follow-up about the one action of the previous answer: its place, not a set
    previous = Turn("What is action 3.1?", ("3.1",), ("3.1",))
    reading = read(plan, "where does it say that?", [previous])
    assert reading.focus == "3.1" and not reading.wants_all
