"""Questions about goals as wholes, read from the plan's table (pure)."""

from __future__ import annotations

import pytest

from assistant.reading.requests import read_structured

# goal sizes in the plan: 8 goals of one action, 12 of two, 7 of three, goal 2 has 4, goal 6 has 5, goal 15 has 8
TWO_ACTION_GOALS = (4, 7, 9, 10, 14, 16, 17, 19, 21, 22, 23, 24)


@pytest.mark.parametrize(("question", "goals"), [
    ("List the goals made up of two actions", TWO_ACTION_GOALS),
    ("Are there goals with at least five actions?", (6, 15)),
    ("Which goals contain fewer than two actions?", (12, 18, 20, 25, 27, 28, 29, 30)),
    ("¿Cuáles metas tienen cuatro acciones?", (2,)),
    ("Quais metas têm mais de quatro ações?", (6, 15)),
    ("What goal includes the largest number of actions?", (15,)),
    ("Qual meta tem o menor número de ações na área C?", (18, 20)),  # area C: goals 15-21
    # "or more" / "or fewer" before the noun: a count, not the goal with the most actions
    ("Which goals have four or more actions?", (2, 6, 15)),
    ("¿Qué metas tienen cuatro o más acciones?", (2, 6, 15)),
    ("Quais metas têm duas ou menos ações?", tuple(sorted((*TWO_ACTION_GOALS, 12, 18, 20, 25, 27, 28, 29, 30)))),
    # by size, maybe ranked over the distinct sizes (8, 5, 4, 3, 2, 1)
    ("Which goal is the largest?", (15,)),
    ("Which goals are the third largest?", (2,)),
    ("Which goal has the second fewest actions?", TWO_ACTION_GOALS),
    # the count's noun after "of": "a pair of actions", "un par de acciones"
    ("Which goals are made up of a pair of actions?", TWO_ACTION_GOALS),
    ("¿Qué metas del área D tienen un par de acciones?", (22, 23, 24)),
])
def test_goals_chosen_by_how_many_actions_they_have(plan, question, goals):
    s = read_structured(plan, question)
    assert s is not None and s.kind == "goals" and s.goals == goals
    assert [a.number for a in s.actions] == [a.number for g in goals for a in plan.select(goal=g)]


def test_goals_whose_every_action_meets_a_deadline(plan):
    s = read_structured(plan, "Which goals had all of their actions due by the end of 2005?")
    assert s.kind == "goals" and s.goals == (25,)  # 22 and 23 have an action due in mid-2007 too
    s = read_structured(plan, "¿Hay alguna meta cuyas acciones vencían todas a fines de 2006?")
    assert s.kind == "goals" and s.goals == (10,)


def test_goals_with_any_action_meeting_a_deadline_show_those_actions(plan):
    s = read_structured(plan, "Which goals had something due in November 2005?")
    assert s.kind == "goals" and s.goals == (22, 23, 25)
    assert [a.number for a in s.actions] == ["22.1", "23.1", "25"]


def test_goals_whose_actions_have_different_deadlines(plan):
    s = read_structured(plan, "Quais metas têm prazos diferentes entre suas ações?")
    assert s.kind == "goals" and s.goals and all(
        len({a.deadline.key for a in plan.select(goal=g)}) > 1 for g in s.goals)
    assert len(s.goals) == sum(len({a.deadline.key for a in plan.select(goal=g.number)}) > 1 for g in plan.goals)


def test_the_earliest_among_chosen_goals(plan):
    s = read_structured(plan, "Among the two-action goals, which had the earliest deadline?")
    assert s.kind == "earliest" and s.goals == TWO_ACTION_GOALS
    assert [a.number for a in s.actions] == ["22.1", "23.1"]


@pytest.mark.parametrize("question", ["Which goal deals with spam?", "What is goal 15 about?",
                                      "Which goals mention software and have three actions?"])
def test_a_goal_question_with_a_topic_is_not_a_goal_count(plan, question):
    s = read_structured(plan, question)
    assert s is None or s.kind != "goals"


def test_no_goal_matches_is_an_empty_answer(plan):
    s = read_structured(plan, "Which goals have exactly nine actions?")
    assert s.kind == "goals" and s.goals == () and s.actions == ()


@pytest.mark.parametrize("question", [
    "Which goals had no action due in mid-2007?",
    "¿Qué metas no tenían ninguna acción con plazo a mediados de 2007?",
    "Quais metas não tinham nenhuma ação com prazo em meados de 2007?",
    "Which goals had none of their actions due in mid-2007?",
    "Which goals were not due in mid-2007?",  # a negated deadline over a goal: none of its actions
    "Which goals have no deadline in mid-2007?",
])
def test_goals_none_of_whose_actions_meets_a_deadline_are_shown_whole(plan, question):
    s = read_structured(plan, question)
    expected = tuple(g.number for g in plan.goals
                     if all(a.deadline.key != (2007, 6) for a in plan.select(goal=g.number)))
    assert s is not None and s.kind == "goals" and s.goals == expected and expected
    assert [a.number for a in s.actions] == [a.number for g in expected for a in plan.select(goal=g)]


def test_goals_with_nothing_due_after_a_deadline(plan):
    s = read_structured(plan, "Which goals had nothing due after mid-2006?")
    expected = tuple(g.number for g in plan.goals
                     if all(a.deadline.key <= (2006, 6) for a in plan.select(goal=g.number)))
    assert s is not None and s.kind == "goals" and s.goals == expected and expected


def test_the_most_actions_meeting_a_deadline_counts_those_actions(plan):
    s = read_structured(plan, "Which area has the most actions due in 2006?")
    counts = {a.letter: sum(x.deadline.year == 2006 for x in plan.select(area=a.letter)) for a in plan.areas}
    assert s is not None and s.kind == "areas"
    assert s.areas == tuple(k for k, n in counts.items() if n == max(counts.values()))
    assert all(a.deadline.year == 2006 for a in s.actions)


@pytest.mark.parametrize("question", ["Give me an overview of area B: which goal has the most actions?",
                                      "Summarize area C: which goal has the fewest actions?"])
def test_a_goal_question_framed_as_an_overview_is_answered(plan, question):
    s = read_structured(plan, question)
    assert s is not None and s.kind == "goals" and s.goals
    assert all(plan.goal(g).area == s.area for g in s.goals)


def _area_letters(plan, keep):
    return tuple(a.letter for a in plan.areas if keep(plan.select(area=a.letter)))


@pytest.mark.parametrize(("question", "which"), [
    ("Which area had nothing due after mid-2006?", "none_after_mid_2006"),
    ("Is there an area whose actions were all due by the end of 2006?", "all_by_end_2006"),
    ("Which areas have actions due in November 2005?", "any_november_2005"),
    ("¿Qué área tiene más acciones?", "most"),
    ("Qual área tem menos ações?", "fewest"),
    ("What is the area with the fewest actions?", "fewest"),
])
def test_areas_chosen_by_their_actions(plan, question, which):
    mid_2006 = (2006, 6)
    sizes = {a.letter: len(plan.select(area=a.letter)) for a in plan.areas}
    expected = {
        "none_after_mid_2006": _area_letters(plan, lambda acts: all(a.deadline.key <= mid_2006 for a in acts)),
        "all_by_end_2006": _area_letters(plan, lambda acts: all(a.deadline.key <= (2006, 12) for a in acts)),
        "any_november_2005": _area_letters(plan, lambda acts: any(a.deadline.key == (2005, 11) for a in acts)),
        "most": tuple(k for k, n in sizes.items() if n == max(sizes.values())),
        "fewest": tuple(k for k, n in sizes.items() if n == min(sizes.values())),
    }[which]
    s = read_structured(plan, question)
    assert s is not None and s.kind == "areas" and s.areas == expected and expected


def test_goals_asked_within_an_area_are_goals(plan):
    s = read_structured(plan, "Which goals of area B have two actions?")
    assert s is not None and s.kind == "goals" and s.goals == (9, 10, 14)


def test_an_area_named_by_letter_is_a_scope_not_areas_asked_for(plan):
    s = read_structured(plan, "Which area A actions were not due in mid-2007?")
    assert s is not None and s.kind == "list"
    assert [a.number for a in s.actions] == [a.number for a in plan.select(area="A") if a.deadline.key != (2007, 6)]


def test_a_count_of_actions_is_of_the_goals_size_even_with_a_deadline(plan):
    s = read_structured(plan, "Of the goals that consist of a single action, which were due by mid-2006?")
    singles = [g.number for g in plan.goals if len(plan.select(goal=g.number)) == 1]
    assert s is not None and s.kind == "goals" and s.goals
    assert set(s.goals) <= set(singles) and all(a.deadline.key <= (2006, 6) for a in s.actions)


@pytest.mark.parametrize(("question", "areas"), [
    ("Which area is the biggest?", ("A",)),
    ("Which area is the second biggest by number of actions? List its actions.", ("C",)),
    ("Which area has the second most actions?", ("C",)),
    ("Which area is the fifth biggest?", ("E",)),
    ("Which area is the sixth biggest?", ()),  # five areas: there is none
])
def test_areas_chosen_by_size(plan, question, areas):
    sizes = {a.letter: len(plan.select(area=a.letter)) for a in plan.areas}
    assert sorted(sizes.values(), reverse=True)[:2] == [sizes["A"], sizes["C"]]
    s = read_structured(plan, question)
    assert s is not None and s.kind == "areas" and s.areas == areas


@pytest.mark.parametrize(("question", "least"), [
    ("Which deadline shows up least often in the plan, and what falls under it?", True),
    ("what is the rarest deadline?", True),
    ("¿Cuál es el plazo más frecuente?", False),
    ("Qual é o prazo menos usado?", True),
])
def test_a_deadline_by_how_many_actions_share_it(plan, question, least):
    from collections import Counter

    counts = Counter(a.deadline.key for a in plan.actions)
    key = (min if least else max)(counts, key=counts.get)
    s = read_structured(plan, question)
    assert s is not None and s.kind == "list"
    assert [a.number for a in s.actions] == [a.number for a in plan.actions if a.deadline.key == key]


@pytest.mark.parametrize(("question", "goals", "areas"), [
    # goals or areas named by their size, in any language and number: the goals or areas of that size
    ("Which is the largest goal in area C?", (15,), ()),
    ("¿Cuáles son las metas más pequeñas del área E?", (27, 28, 29, 30), ()),
    ("Quais são as menores metas da área D?", (25,), ()),
    ("¿Cuál es el área más grande?", (), ("A",)),
    ("Qual é a maior área do plano?", (), ("A",)),
])
def test_goals_and_areas_named_by_their_size(plan, question, goals, areas):
    from assistant.reading import read

    request = read(plan, question).request
    assert request is not None and request.goals == goals and request.areas == areas


@pytest.mark.parametrize(("question", "areas"), [
    # areas ranked by how many goals they have (A, B and C have seven each, D five, E four), not by their actions
    ("Which area is made of the fewest goals?", ("E",)),
    ("¿Qué área reúne menos metas?", ("E",)),
    ("Quais áreas têm mais metas?", ("A", "B", "C")),
    ("Which area has the most actions?", ("A",)),  # by actions: A has 22
])
def test_areas_ranked_by_their_goals(plan, question, areas):
    from assistant.reading import read

    request = read(plan, question).request
    assert request is not None and request.kind == "areas" and request.areas == areas


@pytest.mark.parametrize(("question", "kind"), [
    # goals counted for areas only, and with no deadline: else no ranking by goals ("most goals" of goals is a count)
    ("Do most goals have more than one action?", "goals"),
    ("Which area has the fewest goals due in 2007?", "areas"),
])
def test_goals_counted_only_for_areas_with_no_deadline(plan, question, kind):
    from assistant.reading import read

    request = read(plan, question).request
    assert request is not None and request.kind == kind
    if kind == "goals":  # the 22 goals of more than one action
        assert len(request.goals) == 22
    else:  # the areas with an action due in 2007, as before: not area E ranked by its four goals, then emptied
        assert request.areas == ("A", "B", "C", "D")


def test_major_objectives_are_no_size(plan):
    from assistant.reading import read

    assert read(plan, "¿Cuáles son los objetivos mayores del eLAC?").request is None
