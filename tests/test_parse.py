"""The parser on the real plan: counts, every action with its deadline, each repair rule."""

from __future__ import annotations

import pytest

from assistant.errors import CorpusError
from assistant.parse import parse_plan, repair_cells

# every action of the plan with its deadline as written, in plan order
EXPECTED = """
1.1 Mid-2007|1.2 Mid-2006|1.3 Mid-2007|2.1 Mid-2007|2.2 Mid-2007|2.3 Mid-2007|2.4 Mid-2007|
3.1 Mid-2007|3.2 Mid-2007|3.3 Mid-2007|4.1 Mid-2007|4.2 Mid-2007|5.1 Mid-2007|5.2 Mid-2007|
5.3 Mid-2007|6.1 Mid-2007|6.2 Mid-2007|6.3 Mid-2007|6.4 Mid-2007|6.5 Mid-2007|7.1 Mid-2007|
7.2 Mid-2007|8.1 End of 2006|8.2 End of 2006|8.3 Mid-2007|9.1 Mid-2007|9.2 Mid-2007|
10.1 End of 2006|10.2 End of 2006|11.1 Mid-2007|11.2 Mid-2007|11.3 Mid-2006|12 Mid-2007|
13.1 Mid-2006|13.2 Mid-2007|13.3 Mid-2007|14.1 Mid-2007|14.2 End of 2005|15.1 Mid-2007|
15.2 Mid-2006|15.3 Mid-2007|15.4 Mid-2007|15.5 Mid-2007|15.6 Mid-2007|15.7 Mid-2007|
15.8 Mid-2007|16.1 Mid-2007|16.2 Mid-2007|17.1 Mid-2007|17.2 Mid-2007|18 Mid-2007|
19.1 Mid-2006|19.2 Mid-2006|20 Mid-2007|21.1 Mid-2007|21.2 Mid-2007|22.1 November 2005|
22.2 Mid-2007|23.1 November 2005|23.2 Mid-2007|24.1 Mid-2006|24.2 Mid-2007|
25 November 2005|26.1 Mid-2007|26.2 Mid-2007|26.3 Mid-2007|27 Mid-2006|28 Mid-2006|
29 Mid-2006|30 Mid-2006
"""
EXPECTED_ROWS = [tuple(item.split(" ", 1)) for item in "".join(EXPECTED.split("\n")).split("|")]


def test_counts(plan):
    assert [a.letter for a in plan.areas] == ["A", "B", "C", "D", "E"]
    assert [g.number for g in plan.goals] == list(range(1, 31))
    assert len(plan.actions) == 70
    assert plan.title.startswith("Plan of Action for the Information Society")


def test_every_action_and_deadline_in_order(plan):
    assert len(EXPECTED_ROWS) == 70
    assert [(a.number, a.deadline.text) for a in plan.actions] == EXPECTED_ROWS


@pytest.mark.parametrize(
    ("number", "goal", "area"),
    [("1.1", 1, "A"), ("7.2", 7, "A"), ("8.1", 8, "B"), ("14.2", 14, "B"), ("15.1", 15, "C"),
     ("21.2", 21, "C"), ("22.1", 22, "D"), ("26.3", 26, "D"), ("27", 27, "E"), ("30", 30, "E")],
)
def test_action_goal_and_area(plan, number, goal, area):
    action = plan.action(number)
    assert (action.goal, action.area) == (goal, area)


def test_area_titles(plan):
    assert [a.title for a in plan.areas] == [
        "Access and digital inclusion",
        "Capacity-building and knowledge creation",
        "Public transparency and efficiency",
        "Policy instruments",
        "Enabling environment",
    ]


def test_action_text_is_exact(plan, plan_text):
    for action in plan.actions:
        assert action.text in plan_text, action.number
    assert plan.action("15.4").text == (
        "Contribute to the use of electronic/digital signatures in governmental procedures, "
        "both by public officials and civil servants and by citizens."
    )
    assert plan.action("27").text.endswith("in the regional conferences in Bávaro and Rio de Janeiro.")


def test_repair_word_split_by_tab(plan):
    assert plan.goal(2).preamble == "Considering the different subregional, national, and local realities:"
    assert plan.goal(3).preamble.startswith("Considering local realities")
    assert plan.goal(5).preamble == "Create a regional working group to:"
    assert repair_cells(["", "Cons", "idering this"]) == ["", "Considering this"]
    assert repair_cells(["", "Worl", "Taking"]) == ["", "Worl", "Taking"]


def test_repair_wrapped_goal_title(plan):
    assert plan.goal(2).title == "Community Centres"
    assert [a.number for a in plan.select(goal=2)] == ["2.1", "2.2", "2.3", "2.4"]


def test_repair_goal_number_missing_from_title(plan):
    goal = plan.goal(13)
    assert goal.title == "Creative and content industries"
    assert [a.number for a in plan.select(goal=13)] == ["13.1", "13.2", "13.3"]
    assert plan.goal(12).title == "Firms"


def test_repair_stray_fragments(plan):
    goal = plan.goal(14)
    assert goal.preamble.startswith('Taking into account the "Geneva principles"')
    assert "Worl" not in goal.preamble.split()
    assert all("Worl " not in a.text for a in plan.actions)
    assert plan.goal(3).preamble.endswith("marginal areas:")  # the "," row is dropped
    assert [a.number for a in plan.select(goal=11)] == ["11.1", "11.2", "11.3"]  # "-" row


def test_single_action_goals_and_trailing_dot(plan):
    singles = [g.number for g in plan.goals if len(plan.select(goal=g.number)) == 1]
    assert singles == [12, 18, 20, 25, 27, 28, 29, 30]
    assert [a.number for a in plan.actions if "." not in a.number] == [
        "12", "18", "20", "25", "27", "28", "29", "30"
    ]


def test_preambles_belong_to_their_goal(plan):
    with_preamble = {g.number for g in plan.goals if g.preamble}
    assert with_preamble == {2, 3, 5, 7, 14}
    assert plan.goal(7).preamble.startswith("in the framework of existing efforts")


def test_untitled_goals_are_not_given_invented_titles(plan):
    for number in (27, 28, 29, 30):
        goal = plan.goal(number)
        assert goal.title is None
        label = goal.label(plan.area(goal.area))
        assert "untitled in the plan" in label and "Enabling environment" in label


def test_crlf_and_bom_do_not_change_the_plan(plan, plan_text):
    assert parse_plan(plan_text.replace("\n", "\r\n")) == plan


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("Just a letter\nDear friend, hello.\n", "does not look like the eLAC 2007 plan"),
        ("Title\n\t\tA. Area\n", "no numbered actions"),
        ("Title\n\t\tA. Area\n1 Goal\t1.1\tDo a thing.\n", "no deadline"),
        ("Title\n\t\tA. Area\n1 Goal\t1.1\tDo.\tMid-2007\n\t1.1\tAgain.\tMid-2007\n", "twice"),
        ("Title\n1 Goal\t1.1\tDo.\tMid-2007\n", "before the first area heading"),
    ],
)
def test_bad_text_gives_clear_error(text, problem):
    with pytest.raises(CorpusError) as info:
        parse_plan(text, source="bad.txt")
    assert "bad.txt" in str(info.value) and problem in str(info.value)


# -- hostile text: terminal escapes and other control characters are not kept ------------
def _has_control(text: str) -> bool:
    import unicodedata

    return any(unicodedata.category(ch) == "Cc" for ch in text)


@pytest.mark.parametrize(
    "hostile",
    ["\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x9b2J", "\x1bc", "\x00", "\x7f", "\x08" * 3,
     "\x85"],
    ids=repr,
)
def test_control_characters_are_stripped(plan, plan_text, hostile):
    original = plan.action("3.1").text
    words = original.split(" ")
    words[4] = words[4][:2] + hostile + words[4][2:]  # inside a word ("pu?blic")
    words[8] = hostile + words[8]
    text = plan_text.replace(original, " ".join(words))
    text = text.replace("Online schools and libraries", f"Online{hostile} schools and libraries")
    text = text.replace("Access and digital inclusion", f"Access and {hostile}digital inclusion")
    text = text.replace("Plan of Action", f"Plan{hostile} of Action")
    hostile_plan = parse_plan(text, source="hostile.txt")
    action = hostile_plan.action("3.1")
    assert not _has_control(action.text)
    assert action.text.split() == original.split()
    assert hostile_plan.goal(3).title.split() == ["Online", "schools", "and", "libraries"]
    assert not _has_control(hostile_plan.areas[0].title) and not _has_control(hostile_plan.title)
    assert [a.number for a in hostile_plan.actions] == [a.number for a in plan.actions]
    assert [a.text.split() for a in hostile_plan.actions] == [a.text.split() for a in plan.actions]


def test_tabs_still_separate_cells_when_controls_are_stripped(plan, plan_text):
    assert parse_plan(plan_text.replace("\t", "\x1b[0m\t\x07")) == plan
