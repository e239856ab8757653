"""Look-ups, filters and deadlines of the plan model."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.errors import NotFoundError, QueryError
from assistant.plan import Deadline
from assistant.reading.numbers import normalise_number


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Mid-2007", (2007, 6)), ("mid 2006", (2006, 6)), ("End of 2006", (2006, 12)),
        ("end-2005", (2005, 12)), ("November 2005", (2005, 11)), ("Nov 2005", (2005, 11)),
        ("2006", (2006, 12)), ("2006-03", (2006, 3)),
    ],
)
def test_deadline_parse(text, key):
    assert Deadline.parse(text).key == key


@pytest.mark.parametrize("text", ["", "soon", "Mid-07", "2006-13", "Ma 2006"])
def test_deadline_parse_rejects(text):
    with pytest.raises(QueryError, match="not a deadline"):
        Deadline.parse(text)


def test_deadlines_order(plan):
    assert [d.text for d in plan.deadlines()] == [
        "November 2005", "End of 2005", "Mid-2006", "End of 2006", "Mid-2007"
    ]


def test_due_by_mid_2006_is_every_action_on_or_before(plan):
    numbers = [a.number for a in plan.select(due_by="mid-2006")]
    assert numbers == [
        "1.2", "11.3", "13.1", "14.2", "15.2", "19.1", "19.2", "22.1", "23.1", "24.1",
        "25", "27", "28", "29", "30",
    ]
    assert [a.number for a in plan.select(due_by="November 2005")] == ["22.1", "23.1", "25"]


def test_filters_combine(plan):
    assert [a.number for a in plan.select(area="b", due_by="end of 2006")] == [
        "8.1", "8.2", "10.1", "10.2", "11.3", "13.1", "14.2"
    ]
    assert [a.number for a in plan.select(goal="15")] == [f"15.{i}" for i in range(1, 9)]
    assert len(plan.select(area="C")) == 18
    assert len(plan.select(area="E")) == 4


@pytest.mark.parametrize(("raw", "norm"), [("3.1", "3.1"), ("Action 15.4", "15.4"), ("27.", "27"),
                                            (" 12 ", "12"), ("03.01", "3.1")])
def test_normalise_number(raw, norm):
    assert normalise_number(raw) == norm


def test_unknown_action_suggests_nearest(plan):
    with pytest.raises(NotFoundError) as info:
        plan.action("15.9")
    assert info.value.suggestions == ("15.8", "15.7", "15.6")
    with pytest.raises(NotFoundError, match="not an action number"):
        plan.action("hello")


def test_unknown_goal_and_area(plan):
    with pytest.raises(NotFoundError, match="unknown goal"):
        plan.goal(31)
    with pytest.raises(NotFoundError, match="unknown area"):
        plan.area("F")


def test_info_is_flat_and_complete(plan):
    info = dataclasses.asdict(plan.info("3.1"))
    assert info["action"] == "3.1" and info["goal"] == 3
    assert info["goal_title"] == "Online schools and libraries"
    assert info["area"] == "A" and info["area_title"] == "Access and digital inclusion"
    assert info["deadline"] == "Mid-2007"
    assert info["preamble"].startswith("Considering local realities")


def test_plan_is_frozen(plan):
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.actions[0].text = "changed"  # type: ignore[misc]


# -- odd look-up input: always a NotFoundError, never a ValueError --------------
ODD_NUMBERS = ["²", "٣", "٣.١", "1" * 5000, "0" * 4999 + "3", "1.²", "².1", "3." + "1" * 5000, "", "\x00", "-3", "3e1"]


@pytest.mark.parametrize("text", ODD_NUMBERS, ids=lambda t: repr(t[:12]))
def test_goal_of_odd_text_is_not_found(plan, text):
    with pytest.raises(NotFoundError, match="unknown goal") as info:
        plan.goal(text)
    assert "the plan's goals are 1 to 30" in str(info.value) and len(str(info.value)) < 300
    assert len(info.value.suggestions) == 3


@pytest.mark.parametrize("number", [10**5000, -1, 0, True], ids=["5001 digits", "-1", "0", "True"])
def test_goal_of_odd_int_is_not_found(plan, number):
    with pytest.raises(NotFoundError, match="unknown goal"):
        plan.goal(number)


@pytest.mark.parametrize(("text", "number"), [("3", 3), (" 03 ", 3), (30, 30), ("007", 7)])
def test_goal_of_ascii_number(plan, text, number):
    assert plan.goal(text).number == number


@pytest.mark.parametrize("text", ODD_NUMBERS, ids=lambda t: repr(t[:12]))
def test_action_of_odd_text_is_not_found(plan, text):
    assert isinstance(normalise_number(text), str)
    with pytest.raises(NotFoundError) as info:
        plan.action(text)
    assert len(str(info.value)) < 300
    assert not plan.has_action(text)


def test_only_ascii_digits_are_action_numbers():
    assert normalise_number("٣.١") != "3.1" and normalise_number("²") == "²"


@pytest.mark.parametrize("text", ["1" * 5000, "²", "٣", "1.²", "3.1" + "9" * 5000, ""], ids=lambda t: repr(t[:12]))
def test_nearest_takes_any_text(plan, text):
    from assistant.plan import Plan

    found = Plan._nearest(text, [a.number for a in plan.actions])
    assert len(found) == 3 and all(plan.has_action(n) for n in found)


@pytest.mark.parametrize("letter", ["", "²", "AB", "ß", "\x00", "a" * 5000, ".", 3, None])
def test_area_of_odd_input_is_not_found(plan, letter):
    with pytest.raises(NotFoundError, match="unknown area") as info:
        plan.area(letter)  # type: ignore[arg-type]
    assert "the plan's areas are A, B, C, D, E" in str(info.value) and len(str(info.value)) < 300
