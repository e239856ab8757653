"""Look-ups, filters and deadlines of the plan model."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.errors import NotFoundError, QueryError
from assistant.plan import Deadline, normalise_number


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
