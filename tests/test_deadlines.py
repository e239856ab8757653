"""The one deadline grammar: points, conditions, and the same months for plan cells, filters and questions."""

from __future__ import annotations

import pytest

from assistant.errors import QueryError
from assistant.plan import Deadline
from assistant.reading.deadlines import condition, parse_point
from assistant.reading.requests import read_structured

# the plan's deadlines: 3 in November 2005, 1 at the end of 2005, 11 in mid-2006, 4 at the end of 2006,
# 51 in mid-2007 (70 in all)
COUNTS = {(2005, 11): 3, (2005, 12): 1, (2006, 6): 11, (2006, 12): 4, (2007, 6): 51}


def test_the_plans_deadlines(plan):
    assert {d.key: sum(a.deadline.key == d.key for a in plan.actions) for d in plan.deadlines()} == COUNTS


@pytest.mark.parametrize(
    ("text", "key"),
    [("Mid-2007", (2007, 6)), ("End of 2006", (2006, 12)), ("November 2005", (2005, 11)), ("2006", (2006, 12)),
     ("2006-06", (2006, 6)), ("first half of 2006", (2006, 6)), ("end-2006", (2006, 12)), ("May 2006", (2006, 5)),
     ("mediados de 2006", (2006, 6)), ("fines de 2006", (2006, 12)), ("novembro de 2005", (2005, 11)),
     ("06/2006", (2006, 6)), ("Nov 2005", (2005, 11))],
)
def test_points(text, key):
    point = parse_point(text)
    assert point is not None and (point.year, point.month) == key
    assert Deadline.parse(text).key == key  # the plan model reads the same words the same way


@pytest.mark.parametrize("text", ["soon", "2006 or so", "mid-2006 and end of 2006", "13/2006", "x" * 100])
def test_not_points(text):
    assert parse_point(text) is None
    with pytest.raises(QueryError):
        Deadline.parse(text)


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Which actions were due later than mid-2006?", 55),
        ("Which actions are not due by mid-2006?", 55),
        ("List the actions due no earlier than 2007", 51),
        ("Which actions were due by May 2006?", 4),
        ("Which actions were due by 2006-06?", 15),
        ("Which actions are due from mid-2006 on?", 66),
        ("Which actions are due after 2006?", 51),
        ("Which actions were due by June 2006?", 15),
        ("Which actions are due in the first half of 2007?", 51),
        ("Which actions were due between November 2005 and mid-2006?", 15),
        ("Which actions are due since 2006?", 66),
        ("Which actions were due before 2007?", 19),
        ("Which actions were due in 2006?", 15),
        ("Which actions were due at the end of 2006?", 4),
        ("What had to be done by mid-2006 at the latest?", 15),
        ("Which actions are due mid-2006 or later?", 66),
        ("¿Qué acciones vencen después de mediados de 2006?", 55),
        ("¿Qué acciones vencían hasta noviembre de 2005?", 3),
        ("¿Qué acciones vencen entre noviembre de 2005 y mediados de 2006?", 15),
        ("Quais ações vencem depois de 2006?", 51),
        ("Quais ações vencem a partir de meados de 2006?", 66),
        ("Quais ações venciam até o final de 2005?", 4),
        ("Which actions were not due in mid-2007?", 19),  # "not due in": every other deadline
        ("Which actions were not due in 2006?", 55),
        ("actions with deadline <= 2006-06-30", 15),  # an ISO date with its day, an operator
        ("actions with deadline > 2006-06", 55),
        ("Which actions fall due between 2006-07-01 and 2006-12-31?", 4),
        ("Which actions had deadlines after the end of 2005 but before mid-2007?", 15),  # two bounds: a range
        ("Which actions were due since the start of 2006?", 66),
        ("¿Qué acciones había que hacer para noviembre de 2005?", 3),  # "para" + a date: by it
        ("Quais ações tinham prazo para o final de 2005?", 1),  # "prazo para": that deadline
        ("¿Qué acciones no vencen en mediados de 2007?", 19),
        ("Which actions have no deadline in mid-2007?", 19),  # "no deadline in": every other deadline
        ("¿Qué acciones están sin plazo en mediados de 2007?", 19),
        ("Quais ações estão sem prazo em meados de 2007?", 19),
        # "not due" with no preposition, a contraction, "different from", "distinto de", "an earlier deadline than"
        ("Which actions were not due mid-2007?", 19),
        ("Which actions weren't due in 2007?", 19),
        ("List the actions with a deadline different from mid-2007.", 19),
        ("¿Qué acciones tienen un plazo distinto de mediados de 2007?", 19),
        ("Quais ações tinham prazo diferente de meados de 2007?", 19),
        ("Which actions had an earlier deadline than mid-2006?", 4),
        ("Which actions had a later deadline than mid-2006?", 55),
        # words that only say when, and "strictly": part of the deadline's words, no topic beside it
        ("Which actions came due sometime in 2006?", 15),
        ("List everything due at any point in 2005.", 4),
        ("What had to be finished in the course of 2006?", 15),
        ("Which actions fell due during calendar year 2006?", 15),
        ("Which actions were due strictly before mid-2006?", 4),
        ("Which actions were due strictly later than the end of 2006?", 51),
    ],
)
def test_deadline_questions_are_read_exactly(plan, question, count):
    s = read_structured(plan, question)
    assert s is not None and s.kind == "list", s
    assert len(s.actions) == count


@pytest.mark.parametrize(
    ("text", "comparison"),
    [("by mid-2006", "le"), ("no later than mid-2006", "le"), ("later than mid-2006", "gt"),
     ("not before mid-2006", "ge"), ("before mid-2006", "lt"), ("mid-2006 at the latest", "le"),
     ("due mid-2006", "eq"), ("in 2006", "year"), ("between 2005 and 2006", "between")],
)
def test_conditions(text, comparison):
    assert condition(text).comparison == comparison


def test_the_filter_and_the_question_agree(plan):
    """``--due-by`` and a question's "by ..." are read by the same grammar: the same actions."""
    for words in ("first half of 2006", "May 2006", "2006-06", "end of 2006", "November 2005"):
        by_filter = [a.number for a in plan.select(due_by=words)]
        by_question = [a.number for a in read_structured(plan, f"Which actions were due by {words}?").actions]
        assert by_filter == by_question, words


@pytest.mark.parametrize(
    ("question", "kind", "count"),
    [("What was due first?", "earliest", 3), ("Which actions were due last?", "latest", 51),
     ("What is the earliest deadline?", "earliest", 3)],
)
def test_first_and_last(plan, question, kind, count):
    s = read_structured(plan, question)
    assert s is not None and s.kind == kind and len(s.actions) == count



@pytest.mark.parametrize(
    ("question", "kind", "actions"),
    [("Which area B action had the earliest deadline?", "earliest", ["14.2"]),
     ("In goal 15, which action comes due first?", "earliest", ["15.2"]),
     ("¿Cuál es el último plazo de las acciones del área E?", "latest", ["27", "28", "29", "30"]),
     ("Qual ação da área C vence primeiro?", "earliest", ["15.2", "19.1", "19.2"])],
)
def test_first_and_last_within_a_scope(plan, question, kind, actions):
    s = read_structured(plan, question)
    assert s is not None and s.kind == kind and [a.number for a in s.actions] == actions


@pytest.mark.parametrize(("text", "low", "high"), [
    ("from March through June 2006", (2006, 3), (2006, 6)),
    ("entre febrero y mayo de 2006", (2006, 2), (2006, 5)),
    ("entre agosto e outubro de 2006", (2006, 8), (2006, 10)),
    ("between July and December 2005", (2005, 7), (2005, 12)),
])
def test_a_range_of_months_shares_its_year(text, low, high):
    found = condition(text)
    assert (found.comparison, found.low, found.high) == ("between", low, high)


@pytest.mark.parametrize(("text", "month"), [("end-of-2006", 12), ("mid-of-2007", 6), ("start-of-2006", 1)])
def test_hyphenated_points(text, month):
    from assistant.reading.deadlines import points

    assert [(p.year, p.month) for p in points(f"which were due {text}?")] == [(int(text[-4:]), month)]


def test_ahead_of_is_before(plan):
    from assistant.reading.requests import read_structured

    request = read_structured(plan, "which actions were due ahead of 2006?")
    assert request is not None and request.comparison == "lt" and {a.deadline.year for a in request.actions} == {2005}
